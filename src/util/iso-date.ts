/**
 * The one way this app turns a time into text. `new Date(ms).toISOString()` throws a RangeError for anything
 * `Date` cannot hold (a nanosecond timestamp such as 1.7e18 passes every schema and then throws), so every date a
 * user sees goes through here instead, and an unusable one becomes null rather than a failed step.
 */

/** The largest distance from the epoch `Date` can hold: ±100,000,000 days (ECMAScript's time range). */
export const MAX_DATE_MS = 8.64e15;

/** Whether `Date` can hold `ms`, i.e. whether it has an ISO 8601 form. */
export function isRepresentableTime(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS;
}

/** ISO 8601 in UTC ("2025-11-29T10:30:00.000Z"), or null for anything that is not a time `Date` can hold. Never throws. */
export function isoDate(ms: unknown): string | null {
  if (!isRepresentableTime(ms)) return null;
  try {
    return new Date(ms).toISOString();
  } catch {
    // Unreachable inside the range above; kept so that "never throws" does not rest on that arithmetic alone.
    return null;
  }
}
