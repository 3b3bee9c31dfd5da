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
/**
 * Characters that show as nothing, or only shape the text around them, and so can sit inside a secret in a message
 * without hiding it from a reader: every Default_Ignorable_Code_Point (zero-width characters, joiners, bidi marks and
 * isolates, U+034F, variation selectors, tag characters…) and every format character (general category Cf).
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
/** What makes a text worth decoding: an escape, an entity, a line break or an invisible character. */
const DECODABLE = /[%\\&\r\n\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const JSON_ESCAPES: Record<string, number> = { '/': 0x2f, '"': 0x22, '\\': 0x5c, b: 0x08, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09 };
/** HTML's names for the ASCII characters a secret may hold (numeric references cover every other character). */
const HTML_NAMES = new Map<string, number>(
  Object.entries({
    amp: 0x26,
    AMP: 0x26,
    lt: 0x3c,
    LT: 0x3c,
    gt: 0x3e,
    GT: 0x3e,
    quot: 0x22,
    QUOT: 0x22,
    apos: 0x27,
    excl: 0x21,
    num: 0x23,
    dollar: 0x24,
    percnt: 0x25,
    lpar: 0x28,
    rpar: 0x29,
    ast: 0x2a,
    plus: 0x2b,
    comma: 0x2c,
    period: 0x2e,
    sol: 0x2f,
    colon: 0x3a,
    semi: 0x3b,
    equals: 0x3d,
    quest: 0x3f,
    commat: 0x40,
    lsqb: 0x5b,
    bsol: 0x5c,
    rsqb: 0x5d,
    Hat: 0x5e,
    lowbar: 0x5f,
    grave: 0x60,
    lcub: 0x7b,
    verbar: 0x7c,
    rcub: 0x7d,
  }),
);

const LONGEST_HTML_NAME = 6;

/**
 * Removes every occurrence of the given secrets from text meant for a user or a log, in every spelling an answer
 * may echo one in: as given, in any case, percent-encoded, with JSON's `\/` and `\u` escapes, as HTML character
 * references, with invisible characters or line breaks inside, and as hex (also with spaces or colons between the
 * bytes), base64 or base64url of its bytes (at any alignment within a longer encoded text, wrapped or not).
 * The text is matched decoded, and the spans of the original that spelt a secret are replaced. A piece of a secret's
 * start (at least MIN_SECRET_PIECE characters, or its first 4 bytes in hex) goes too: run this before cutting
 * text short, and a cut cannot leave a piece behind either.
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined | null>): string {
  const spellings = new Map<string, Spelling>();
  for (const secret of secrets)
    if (secret && secret.length >= MIN_SECRET_LENGTH) for (const spelling of spellingsOf(secret)) spellings.set(spelling.text, spelling);
  if (spellings.size === 0 || text === '') return text;
  const spans: Array<[number, number]> = [];
  for (const view of decodedViews(text)) {
    const folded = foldCase(view.text);
    const { starts, ends } = view;
    for (const spelling of spellings.values())
      findPieces(folded, spelling, (from, to) => spans.push(starts === null || ends === null ? [from, to] : [starts[from] ?? 0, ends[to - 1] ?? text.length]));
  }
  return replaceSpans(text, spans);
}

/** A spelling of a secret, case-folded, and the length of the shortest piece of its start that is removed. */
interface Spelling {
  text: string;
  least: number;
}

/** The secret and its byte encodings; encoded forms too short to be telling are left out. */
function spellingsOf(secret: string): Spelling[] {
  const bytes = Buffer.from(secret, 'utf8');
  const hex = bytes.toString('hex');
  const forms: Spelling[] = [
    { text: secret, least: MIN_SECRET_PIECE },
    { text: hex, least: MIN_SECRET_PIECE },
    // A hex dump: the same 4 bytes as the plain hex piece, with a separator between each two.
    ...[' ', ':'].map((separator) => ({ text: hex.replace(/..(?!$)/g, `$&${separator}`), least: MIN_SECRET_PIECE + MIN_SECRET_PIECE / 2 - 1 })),
  ];
  // Percent-decoding yields bytes: a non-ASCII secret is then spelt by its UTF-8 bytes, one character each.
  if (bytes.length !== secret.length) forms.push({ text: bytes.toString('latin1'), least: MIN_SECRET_PIECE });
  for (const encoded of base64Forms(bytes))
    if (encoded.length >= MIN_SECRET_PIECE)
      for (const text of [encoded, encoded.replace(/\+/g, '-').replace(/\//g, '_')]) forms.push({ text, least: MIN_SECRET_PIECE });
  return forms.map(({ text, least }) => ({ text: foldCase(text), least: Math.min(least, text.length) }));
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
function findPieces(folded: string, { text: spelling, least }: Spelling, found: (from: number, to: number) => void): void {
  const head = spelling.slice(0, least);
  for (let at = folded.indexOf(head); at !== -1; at = folded.indexOf(head, at + 1)) {
    let length = least;
    while (length < spelling.length && folded.charAt(at + length) === spelling.charAt(length)) length++;
    found(at, at + length);
  }
}

interface View {
  text: string;
  /** Where each unit of `text` starts and ends in the original; null for the original itself. */
  starts: Int32Array | null;
  ends: Int32Array | null;
}

/** The text as it is, then decoded again and again (percent, JSON escapes, HTML references, invisible characters, line breaks) while that changes it. */
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
const AMPERSAND = 0x26;
const HASH = 0x23;
const SEMICOLON = 0x3b;
const CR = 0x0d;
const LF = 0x0a;

function digitValue(code: number, base: number): number {
  const digit = code >= 0x30 && code <= 0x39 ? code - 0x30 : (code | 0x20) >= 0x61 && (code | 0x20) <= 0x66 ? (code | 0x20) - 0x57 : -1;
  return digit < base ? digit : -1;
}

function hexValue(text: string, from: number, digits: number): number {
  let value = 0;
  for (let i = from; i < from + digits; i++) {
    const digit = digitValue(text.charCodeAt(i), 16);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** The character an HTML character reference at `from` (just after its `&`) stands for, and where it ends; null if none. */
function htmlReference(text: string, from: number): { code: number; end: number } | null {
  if (text.charCodeAt(from) === HASH) {
    const hex = (text.charCodeAt(from + 1) | 0x20) === 0x78;
    const base = hex ? 16 : 10;
    let i = from + (hex ? 2 : 1);
    let code = 0;
    const first = i;
    for (let digit: number; i - first < 8 && (digit = digitValue(text.charCodeAt(i), base)) >= 0; i++) code = code * base + digit;
    // HTML reads a reference to nothing, to a surrogate or beyond Unicode as U+FFFD: it spells no secret.
    if (i === first || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    return { code, end: text.charCodeAt(i) === SEMICOLON ? i + 1 : i };
  }
  let semicolon = from;
  while (semicolon - from <= LONGEST_HTML_NAME && ((text.charCodeAt(semicolon) | 0x20) - 0x61) >>> 0 < 26) semicolon++;
  if (semicolon === from || text.charCodeAt(semicolon) !== SEMICOLON) return null;
  const code = HTML_NAMES.get(text.slice(from, semicolon));
  return code === undefined ? null : { code, end: semicolon + 1 };
}

/** Which BMP units are invisible, filled on first need: one lookup per unit instead of a regex test. */
let invisibleUnits: Uint8Array | null = null;

function isInvisible(code: number): boolean {
  if (code < 0x80) return false;
  if (code > 0xffff) return INVISIBLE.test(String.fromCodePoint(code));
  if (invisibleUnits === null) {
    invisibleUnits = new Uint8Array(0x10000);
    for (let unit = 0x80; unit < 0x10000; unit++) if (INVISIBLE.test(String.fromCharCode(unit))) invisibleUnits[unit] = 1;
  }
  return invisibleUnits[code] === 1;
}

function decodeOnce(view: View): View | null {
  const { text } = view;
  if (!DECODABLE.test(text)) return null;
  // Decoding never lengthens: every escape is longer than the (at most two) units it stands for.
  const units = new Uint16Array(text.length);
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  let length = 0;
  let changed = false;
  const { starts: outerStarts, ends: outerEnds } = view;
  const emit = (unit: number, from: number, to: number) => {
    starts[length] = outerStarts === null ? from : (outerStarts[from] ?? 0);
    ends[length] = outerEnds === null ? to : (outerEnds[to - 1] ?? 0);
    units[length++] = unit;
  };
  /** A code point, as one or two units that both map to its whole span, so no span ends inside a pair. */
  const emitCodePoint = (code: number, from: number, to: number) => {
    if (code <= 0xffff) return emit(code, from, to);
    emit(0xd800 + ((code - 0x10000) >> 10), from, to);
    emit(0xdc00 + ((code - 0x10000) & 0x3ff), from, to);
  };
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if (code < 0x80 && code !== PERCENT && code !== BACKSLASH && code !== AMPERSAND && code !== CR && code !== LF) {
      // The common case, kept short: a plain character stands for itself.
      starts[length] = outerStarts === null ? i : (outerStarts[i] ?? 0);
      ends[length] = outerEnds === null ? i + 1 : (outerEnds[i] ?? 0);
      units[length++] = code;
      i++;
      continue;
    }
    let value: number;
    let reference: { code: number; end: number } | null;
    if (code < 0x80) {
      if (code === PERCENT && (value = hexValue(text, i + 1, 2)) >= 0) {
        emit(value, i, i + 3);
        i += 3;
      } else if (code === BACKSLASH && text.charAt(i + 1) === 'u' && (value = hexValue(text, i + 2, 4)) >= 0) {
        emit(value, i, i + 6);
        i += 6;
      } else if (code === BACKSLASH && (value = JSON_ESCAPES[text.charAt(i + 1)] ?? -1) >= 0) {
        emit(value, i, i + 2);
        i += 2;
      } else if (code === AMPERSAND && (reference = htmlReference(text, i + 1)) !== null) {
        emitCodePoint(reference.code, i, reference.end);
        i = reference.end;
      } else if (code === CR || code === LF) {
        // A line break inside a secret, as MIME wraps base64 every 76 characters, hides nothing from a reader.
        i++;
      } else {
        emit(code, i, i + 1);
        i++;
        continue;
      }
      changed = true;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    const pair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    const point = pair ? 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00) : code;
    const size = pair ? 2 : 1;
    if (isInvisible(point)) changed = true;
    else emitCodePoint(point, i, i + size);
    i += size;
  }
  if (!changed) return null;
  const decoded = Buffer.from(units.buffer, 0, length * 2).toString('utf16le');
  return { text: decoded, starts: starts.subarray(0, length), ends: ends.subarray(0, length) };
}

/** Each span replaced by one marker; overlapping or touching spans make one, and none cuts a surrogate pair in two. */
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
      const from = isLowSurrogateAfterHigh(text, open[0]) ? open[0] - 1 : open[0];
      const to = isLowSurrogateAfterHigh(text, open[1]) ? open[1] + 1 : open[1];
      out += text.slice(at, Math.max(at, from)) + REDACTED;
      at = Math.max(at, to);
    }
    open = span === null ? null : [span[0], span[1]];
  }
  return out + text.slice(at);
}

/** Whether the unit at `i` is the second half of a surrogate pair. */
function isLowSurrogateAfterHigh(text: string, i: number): boolean {
  const unit = text.charCodeAt(i);
  const before = text.charCodeAt(i - 1);
  return unit >= 0xdc00 && unit <= 0xdfff && before >= 0xd800 && before <= 0xdbff;
}
