/**
 * A secret echoed in another spelling is removed as surely as one echoed as it is: for the API key, a subscription
 * secret and the account's Webhook Signing Secret, in every spelling an answer may carry, whole or cut short.
 */
import fc from 'fast-check';
import { MIN_SECRET_PIECE, redact, secretsOf } from '../../../src/api/secrets';

const bytesOf = (text: string) => Buffer.from(text, 'utf8');
const percentEveryChar = (text: string) => [...bytesOf(text)].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
const unicodeEscaped = (text: string) => [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const hexSeparated = (text: string, separator: string) => [...bytesOf(text)].map((byte) => byte.toString(16).padStart(2, '0')).join(separator);
const NAMED_ENTITIES: Record<string, string> = { _: '&lowbar;', '/': '&sol;', '.': '&period;', '+': '&plus;', '=': '&equals;' };
const htmlNumeric = (text: string) =>
  [...text].map((char, i) => (i % 2 === 0 ? `&#${char.codePointAt(0)};` : `&#x${char.codePointAt(0)?.toString(16)};`)).join('');
const insertAt = (text: string, at: number, inserted: string) => {
  const i = 1 + Math.floor(at * (text.length - 1));
  return `${text.slice(0, i)}${inserted}${text.slice(i)}`;
};
/** Every code point that shows as nothing or only formats text (Default_Ignorable_Code_Point or general category Cf). */
const INVISIBLES: string[] = [];
for (let code = 0x80; code <= 0x10ffff; code++)
  if ((code < 0xd800 || code > 0xdfff) && /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(String.fromCodePoint(code)))
    INVISIBLES.push(String.fromCodePoint(code));

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
  'a bidi isolate inside': (s, at) => insertAt(s, at, '\u2066\u2069'),
  'a combining grapheme joiner inside': (s, at) => insertAt(s, at, '\u034F'),
  'a tag character inside (two UTF-16 units)': (s, at) => insertAt(s, at, '\u{E0041}\u{E007F}'),
  'a JSON-escaped tag character inside': (s, at) => insertAt(s, at, '\\udb40\\udc41'),
  'any invisible or format character inside': (s, at) => insertAt(s, at, INVISIBLES[Math.floor(at * INVISIBLES.length)]),
  'space-separated hex': (s) => hexSeparated(s, ' '),
  'colon-separated upper-case hex': (s) => hexSeparated(s, ':').toUpperCase(),
  'HTML numeric entities': (s) => htmlNumeric(s),
  'HTML named entities': (s) => [...s].map((char) => NAMED_ENTITIES[char] ?? char).join(''),
  'base64 with a MIME line break inside': (s, at) => insertAt(bytesOf(s).toString('base64'), at, '\r\n'),
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

describe('redact, where a spelling meets the text around it', () => {
  const key = 'ig_live_5f2a9c77d1';

  it('maps spans back through characters of two UTF-16 units, keeping the text around them whole', () => {
    const echoed = `${key.slice(0, 5)}\u{E0020}${key.slice(5, 9)}\\udb40\\udc7f${key.slice(9)}`;
    expect(redact(`\u{1F600} tag: ${echoed} \u{E0041}\u{1F600}`, [key])).toBe(`\u{1F600} tag: [redacted] \u{E0041}\u{1F600}`);
  });

  it('keeps HTML entities and line breaks that spell no secret', () => {
    const html = [...key].map((char) => `&#${char.codePointAt(0)};`).join('');
    expect(redact(`caf&eacute; &amp; &#8212;\r\n<b>${html}</b>\r\nend`, [key])).toBe('caf&eacute; &amp; &#8212;\r\n<b>[redacted]</b>\r\nend');
  });

  it('finds a secret in base64 wrapped every 76 characters, the line break falling inside it', () => {
    const wrap = (text: string) => text.replace(/.{76}(?=.)/g, '$&\r\n');
    const encode = (token: string) => wrap(Buffer.from(`user=jane.doe@acme-outdoors.example&client=zapier&token=${token}&scope=all`).toString('base64'));
    const wrapped = encode(key);
    // The characters that spell the key alone: those that change with it, less the ones at each end that mix in their neighbours.
    const other = encode(key.replace(/./g, '~'));
    const changed = [...wrapped].flatMap((char, i) => (char === other.charAt(i) ? [] : [i]));
    const keyOnly = wrapped.slice(changed[0] + 1, changed[changed.length - 1]);
    expect(keyOnly).toContain('\r\n');
    const out = redact(`Content-Transfer-Encoding: base64\r\n\r\n${wrapped}`, [key]);
    expect(out).toContain('[redacted]');
    for (const window of windows(keyOnly)) expect(out).not.toContain(window);
  });
});
