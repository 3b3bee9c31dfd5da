/**
 * Intelligems' webhook signature: lowercase hex of HMAC-SHA256(secret, the exact body bytes).
 * Small pure functions, no Zapier and no state, so they can be tested and benchmarked on their own.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_ALGORITHM = 'sha256';
const SIGNATURE_HEX_LENGTH = 64;
const OPTIONAL_PREFIX = 'sha256=';

export function sign(secret: string, payload: string | Buffer): string {
  return createHmac(SIGNATURE_ALGORITHM, secret).update(payload).digest('hex');
}

export type SignatureProblem = 'missing' | 'malformed' | 'mismatch';

/**
 * The signature bytes from a header value: hex in either case, with or without a `sha256=` prefix.
 * Returns null for anything else, so a malformed header is told apart from a wrong one.
 */
export function decodeSignature(headerValue: string): Buffer | null {
  let value = headerValue.trim();
  if (value.toLowerCase().startsWith(OPTIONAL_PREFIX)) value = value.slice(OPTIONAL_PREFIX.length);
  if (value.length !== SIGNATURE_HEX_LENGTH || !/^[0-9a-fA-F]+$/.test(value)) return null;
  return Buffer.from(value, 'hex');
}

/**
 * Checks a signature header against every candidate secret (subscription secret, account secret: lets a secret
 * rotate). Constant time per comparison; the length is checked first because `timingSafeEqual` throws otherwise.
 */
export function verifySignature(
  payload: string | Buffer,
  headerValue: string | undefined | null,
  secrets: ReadonlyArray<string>,
): { ok: true; received: Buffer } | { ok: false; problem: SignatureProblem } {
  if (headerValue == null || headerValue.trim() === '') return { ok: false, problem: 'missing' };
  const received = decodeSignature(headerValue);
  if (received === null) return { ok: false, problem: 'malformed' };
  let matched = false;
  for (const secret of secrets) {
    const expected = createHmac(SIGNATURE_ALGORITHM, secret).update(payload).digest();
    // Not short-circuiting keeps the time independent of which secret matched.
    if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
  }
  return matched ? { ok: true, received } : { ok: false, problem: 'mismatch' };
}
