/**
 * A secret echoed in another spelling is removed as surely as one echoed as it is: for the API key, a subscription
 * secret and the account's Webhook Signing Secret, in every spelling an answer may carry, whole or cut short.
 */
import fc from 'fast-check';
import { MIN_SECRET_PIECE, redact, secretsOf } from '../../../src/api/secrets';

const bytesOf = (text: string) => Buffer.from(text, 'utf8');
const percentEveryChar = (text: string) => [...bytesOf(text)].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
const unicodeEscaped = (text: string) => [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** Each spelling the app must see through; `at` is a number in [0, 1) for the spellings that need a place or a case. */
const SPELLINGS: Record<string, (secret: string, at: number) => string> = {
  'as given': (s) => s,
  'upper-case': (s) => s.toUpperCase(),
  'any case': (s, at) => [...s].map((c, i) => ((i * 7 + Math.floor(at * 13)) % 3 === 0 ? c.toUpperCase() : c.toLowerCase())).join(''),
  'percent-encoded (URL component)': (s) => encodeURIComponent(s),
  'percent-encoded (every byte)': (s) => percentEveryChar(s),
  'percent-encoded (lower-case hex)': (s) => percentEveryChar(s).toLowerCase(),
  base64: (s) => bytesOf(s).toString('base64'),
  base64url: (s) => bytesOf(s).toString('base64url'),
  // Inside a longer encoded text, at another byte alignment.
  'base64 of a longer text': (s, at) => Buffer.concat([Buffer.from('key='.slice(0, 1 + Math.floor(at * 3))), bytesOf(s)]).toString('base64'),
  hex: (s) => bytesOf(s).toString('hex'),
  'upper-case hex': (s) => bytesOf(s).toString('hex').toUpperCase(),
  'JSON with \\/': (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/'),
  'JSON with \\u escapes': (s) => unicodeEscaped(s),
  'a zero-width character inside': (s, at) => {
    const i = 1 + Math.floor(at * (s.length - 1));
    return `${s.slice(0, i)}\u200B${s.slice(i)}`;
  },
  'a soft hyphen and a BOM inside': (s, at) => {
    const i = 1 + Math.floor(at * (s.length - 2));
    return `${s.slice(0, i)}\u00AD${s.slice(i, i + 1)}\uFEFF${s.slice(i + 1)}`;
  },
};
const ROLES = ['API key', 'subscription secret', 'Webhook Signing Secret'] as const;

const secretChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+='.split(''));
const secret = fc.array(secretChars, { minLength: 16, maxLength: 64 }).map((chars) => chars.join(''));
/** Ordinary text around the echo; no % or \ that could join the echo's first characters into an escape. */
const filler = fc.string({ maxLength: 40 }).map((text) => text.replace(/[%\\]/g, ' '));

/** Every window of 8 characters of the spelling: none may survive (a leftover shorter than that tells nothing). */
function windows(spelled: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + MIN_SECRET_PIECE <= spelled.length; i++) out.push(spelled.slice(i, i + MIN_SECRET_PIECE));
  return out;
}

describe('redact', () => {
  it('removes each secret in every spelling, whole or cut short to 8 characters or more', () => {
    fc.assert(
      fc.property(
        fc.tuple(secret, secret, secret),
        fc.constantFrom(...ROLES),
        fc.constantFrom(...Object.keys(SPELLINGS)),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.option(fc.integer({ min: MIN_SECRET_PIECE, max: 64 }), { nil: undefined }),
        filler,
        filler,
        ([apiKey, subscriptionSecret, accountSecret], role, spelling, at, cutAt, before, after) => {
          const bundle = { authData: { apiKey, webhookSecret: accountSecret }, subscribeData: { id: 'wh_1', secret: subscriptionSecret } };
          const chosen = { 'API key': apiKey, 'subscription secret': subscriptionSecret, 'Webhook Signing Secret': accountSecret }[role];
          const echoed = cutAt === undefined ? chosen : chosen.slice(0, cutAt);
          const spelled = SPELLINGS[spelling](echoed, at);
          const out = redact(`${before}${spelled}${after}`, secretsOf(bundle));
          expect(out).toContain('[redacted]');
          for (const window of windows(spelled)) expect(out).not.toContain(window);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps the text around a secret as it was', () => {
    const key = 'ig_live_5f2a9c77d1';
    expect(redact(`a%20b \\u00e9 ${encodeURIComponent(key)}, ${Buffer.from(key).toString('base64')}; KEY=${key.toUpperCase()} done`, [key])).toBe(
      'a%20b \\u00e9 [redacted], [redacted]; KEY=[redacted] done',
    );
  });

  it('removes a piece of 8 characters from a secret’s start, but not a shorter one, nor a piece from its middle', () => {
    const key = 'ig_live_5f2a9c77d1';
    expect(redact(`cut: ${key.slice(0, 8)}…`, [key])).toBe('cut: [redacted]…');
    expect(redact(`cut: ${key.slice(0, 7)}…`, [key])).toBe(`cut: ${key.slice(0, 7)}…`);
    expect(redact(`tail: ${key.slice(8)}`, [key])).toBe(`tail: ${key.slice(8)}`);
  });

  it('leaves text alone without a secret of 4 characters or more', () => {
    expect(redact('abc plain', ['abc', null, undefined, ''])).toBe('abc plain');
  });

  it('handles a large answer quickly enough to run on every body the tools read', () => {
    const key = 'ig_live_5f2a9c77d1';
    const body = JSON.stringify({ items: Array.from({ length: 20_000 }, (_, i) => ({ id: `exp_${i}`, name: `caf\u00e9 %${i}` })) });
    expect(redact(`${body}${key}`, [key]).endsWith('[redacted]')).toBe(true);
  });
});
