/**
 * Reading Intelligems' rate-limit headers off an answer, and keeping the most telling of several readings: answers
 * to concurrent calls arrive in any order, so the newest reading is not the last one to arrive.
 */
import { RATE_LIMIT_HEADERS, type RateLimitReading } from '../contract/published';

/** The reading an answer carries, or undefined when it lacks a usable `x-ratelimit-remaining`. */
export function readRateLimit(getHeader: (name: string) => string | null | undefined): RateLimitReading | undefined {
  const remaining = wholeNumber(getHeader(RATE_LIMIT_HEADERS.remaining));
  if (remaining === null) return undefined;
  return { remaining, resetAt: wholeNumber(getHeader(RATE_LIMIT_HEADERS.reset)) };
}

/**
 * The reading that best describes the budget now. A later refill step (a later `resetAt`) wins; within one step the
 * bucket only drains, so the lowest `remaining` is the newest.
 */
export function newerReading(known: RateLimitReading | undefined, next: RateLimitReading): RateLimitReading {
  if (known === undefined) return next;
  const knownReset = known.resetAt ?? -Infinity;
  const nextReset = next.resetAt ?? -Infinity;
  if (nextReset !== knownReset) return nextReset > knownReset ? next : known;
  return next.remaining < known.remaining ? next : known;
}

function wholeNumber(text: string | null | undefined): number | null {
  if (text == null || text.trim() === '') return null;
  const value = Number(text.trim());
  return Number.isInteger(value) && value >= 0 ? value : null;
}
