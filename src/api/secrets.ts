/**
 * The secrets a call to Intelligems can involve, each in every form it may take, so an error that echoes one can
 * have it removed. One place, so the value sent and the value redacted cannot drift apart again.
 */
import type { Bundle } from 'zapier-platform-core';

/** The API key exactly as the middleware sends it: trimmed, since a pasted key often carries a newline. */
export function apiKeyAsSent(bundle: Pick<Bundle, 'authData'>): string {
  return String(bundle.authData?.apiKey ?? '').trim();
}

/**
 * Every secret of this bundle, plus any the caller sent itself, as stored and as used (trimmed): the API key, the
 * account Webhook Signing Secret and the Zap's own subscription secret (`subscribeData.secret`, handed to unsubscribe).
 */
export function secretsOf(bundle: Pick<Bundle, 'authData' | 'subscribeData'>, sent: ReadonlyArray<string> = []): string[] {
  const subscribeData: unknown = bundle.subscribeData;
  const subscriptionSecret = typeof subscribeData === 'object' && subscribeData !== null ? (subscribeData as { secret?: unknown }).secret : undefined;
  return inEveryForm([bundle.authData?.apiKey, bundle.authData?.webhookSecret, subscriptionSecret, ...sent]);
}

/**
 * Each string as given and trimmed, longest first: a secret that contains another is removed whole, before the
 * shorter one could cut it into pieces that would still show.
 */
function inEveryForm(values: ReadonlyArray<unknown>): string[] {
  const forms = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    forms.add(value);
    forms.add(value.trim());
  }
  return [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length);
}

/** A piece of a secret this long or longer is removed too: a message cut short can end in the secret's first part. */
export const MIN_SECRET_PIECE = 8;
const REDACTED = '[redacted]';
/** Shorter secrets are not looked for: a few characters would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;
/** Characters that show as nothing, and so can sit inside a secret in a message without hiding it from a reader. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/;
const JSON_ESCAPES: Record<string, string> = { '/': '/', '"': '"', '\\': '\\', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Removes every occurrence of the given secrets from text meant for a user or a log, in every spelling an answer
 * may echo one in: as given, in any case, percent-encoded, with JSON's `\/` and `\u` escapes, with an invisible
 * character inside, and as hex, base64 or base64url of its bytes (at any alignment within a longer encoded text).
 * The text is matched decoded, and the spans of the original that spelt a secret are replaced. A piece of at least
 * MIN_SECRET_PIECE characters from a secret's start (in any of these spellings) goes too: run this before cutting
 * text short, and a cut cannot leave a piece behind either.
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined | null>): string {
  const spellings = new Set<string>();
  for (const secret of secrets) if (secret && secret.length >= MIN_SECRET_LENGTH) for (const spelling of spellingsOf(secret)) spellings.add(spelling);
  if (spellings.size === 0 || text === '') return text;
  const spans: Array<[number, number]> = [];
  for (const view of decodedViews(text)) {
    const folded = foldCase(view.text);
    const { starts, ends } = view;
    for (const spelling of spellings)
      findPieces(folded, spelling, (from, to) => spans.push(starts === null || ends === null ? [from, to] : [starts[from] ?? 0, ends[to - 1] ?? text.length]));
  }
  return replaceSpans(text, spans);
}

/** The secret and its byte encodings, case-folded; encoded forms too short to be telling are left out. */
function spellingsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [secret, bytes.toString('hex')];
  // Percent-decoding yields bytes: a non-ASCII secret is then spelt by its UTF-8 bytes, one character each.
  if (bytes.length !== secret.length) forms.push(bytes.toString('latin1'));
  for (const encoded of base64Forms(bytes)) if (encoded.length >= MIN_SECRET_PIECE) forms.push(encoded, encoded.replace(/\+/g, '-').replace(/\//g, '_'));
  return forms.map(foldCase);
}

/**
 * The secret's bytes in base64 as they appear inside a longer encoded text, starting at each of the three byte
 * alignments: only the characters that depend on the secret's bytes alone.
 */
function base64Forms(bytes: Buffer): string[] {
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    const mixedAtEnd = (offset + bytes.length) % 3 === 0 ? 0 : 1;
    return encoded.slice([0, 2, 3][offset], encoded.length - mixedAtEnd);
  });
}

/** Lower-cased code unit by code unit, so positions stay aligned (a unit whose lower case is longer stays as it is). */
function foldCase(text: string): string {
  const lower = text.toLowerCase();
  // Lower-casing never shortens a unit, so an unchanged length means every unit stayed one unit.
  if (lower.length === text.length) return lower;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charAt(i).toLowerCase();
    out += unit.length === 1 ? unit : text.charAt(i);
  }
  return out;
}

/** Calls `found(from, to)` for each place where `folded` holds the spelling, or a piece of its start long enough. */
function findPieces(folded: string, spelling: string, found: (from: number, to: number) => void): void {
  const least = Math.min(MIN_SECRET_PIECE, spelling.length);
  const head = spelling.slice(0, least);
  for (let at = folded.indexOf(head); at !== -1; at = folded.indexOf(head, at + 1)) {
    let length = least;
    while (length < spelling.length && folded.charAt(at + length) === spelling.charAt(length)) length++;
    found(at, at + length);
  }
}

interface View {
  text: string;
  /** Where each character of `text` starts and ends in the original; null for the original itself. */
  starts: Int32Array | null;
  ends: Int32Array | null;
}

/** The text as it is, then decoded again and again (percent, JSON escapes, invisible characters) while that changes it. */
function decodedViews(text: string): View[] {
  let last: View = { text, starts: null, ends: null };
  const views = [last];
  for (let pass = 0; pass < 3; pass++) {
    const next = decodeOnce(last);
    if (next === null) break;
    views.push(next);
    last = next;
  }
  return views;
}

const PERCENT = 0x25;
const BACKSLASH = 0x5c;

function hexValue(text: string, from: number, digits: number): number {
  let value = 0;
  for (let i = from; i < from + digits; i++) {
    const code = text.charCodeAt(i);
    const digit = code >= 0x30 && code <= 0x39 ? code - 0x30 : (code | 0x20) >= 0x61 && (code | 0x20) <= 0x66 ? (code | 0x20) - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

function decodeOnce(view: View): View | null {
  const { text } = view;
  if (text.indexOf('%') === -1 && text.indexOf('\\') === -1 && !INVISIBLE.test(text)) return null;
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  const units: string[] = [];
  let changed = false;
  const emit = (unit: string, from: number, to: number) => {
    starts[units.length] = view.starts === null ? from : (view.starts[from] ?? 0);
    ends[units.length] = view.ends === null ? to : (view.ends[to - 1] ?? 0);
    units.push(unit);
  };
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    const escaped = code === BACKSLASH ? JSON_ESCAPES[text.charAt(i + 1)] : undefined;
    let value: number;
    if (code === PERCENT && (value = hexValue(text, i + 1, 2)) >= 0) {
      emit(String.fromCharCode(value), i, i + 3);
      i += 3;
    } else if (code === BACKSLASH && text.charAt(i + 1) === 'u' && (value = hexValue(text, i + 2, 4)) >= 0) {
      emit(String.fromCharCode(value), i, i + 6);
      i += 6;
    } else if (escaped !== undefined) {
      emit(escaped, i, i + 2);
      i += 2;
    } else if (code > 0x7f && INVISIBLE.test(text.charAt(i))) {
      i++;
    } else {
      emit(text.charAt(i), i, i + 1);
      i++;
      continue;
    }
    changed = true;
  }
  return changed ? { text: units.join(''), starts: starts.subarray(0, units.length), ends: ends.subarray(0, units.length) } : null;
}

/** Each span replaced by one marker; overlapping or touching spans make one. */
function replaceSpans(text: string, spans: Array<[number, number]>): string {
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  let open: [number, number] | null = null;
  for (const span of [...spans, null]) {
    if (open !== null && span !== null && span[0] <= open[1]) {
      open[1] = Math.max(open[1], span[1]);
      continue;
    }
    if (open !== null) {
      out += text.slice(at, open[0]) + REDACTED;
      at = open[1];
    }
    open = span === null ? null : [span[0], span[1]];
  }
  return out + text.slice(at);
}
