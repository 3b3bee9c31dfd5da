/**
 * How long a signed delivery stays usable. The signature covers the body only, so a captured delivery could be
 * sent again later: the body's timestamp bounds that, and deduplication (src/triggers/delivery-dedupe.ts) must
 * remember each delivery for at least as long as it stays inside this window.
 */

/** A replayed delivery older than this is refused (Intelligems retries within minutes, never a day later). */
export const MAX_DELIVERY_AGE_MS = 24 * 60 * 60 * 1000;
/** Clocks drift; a timestamp further ahead than this was not made by Intelligems' clock. */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
/**
 * An undated delivery cannot be refused as stale at all, so the only guard against a replay of it is remembering it.
 * Thirty days: far longer than any retry, short enough for Zapier's cache to hold per Zap.
 */
export const UNDATED_REPEAT_MEMORY_MS = 30 * 24 * 60 * 60 * 1000;

export type Freshness = { ok: true; ageMs: number } | { ok: false; problem: 'too_old' | 'in_future'; ageMs: number };

export function freshness(timestampMs: number, now: number): Freshness {
  const ageMs = now - timestampMs;
  if (ageMs > MAX_DELIVERY_AGE_MS) return { ok: false, problem: 'too_old', ageMs };
  if (-ageMs > MAX_FUTURE_SKEW_MS) return { ok: false, problem: 'in_future', ageMs };
  return { ok: true, ageMs };
}

/** How much longer a delivery stamped `timestampMs` (null: undated) could still pass the freshness check, from `now`. */
export function remainingWindowMs(timestampMs: number | null, now: number): number {
  if (timestampMs === null) return UNDATED_REPEAT_MEMORY_MS;
  return Math.max(0, timestampMs + MAX_DELIVERY_AGE_MS - now);
}

/** "12 minutes", "1 minute", "5 hours", "3 days". */
export function describeDuration(ms: number): string {
  const minutes = Math.abs(ms) / 60_000;
  const hours = minutes / 60;
  if (minutes < 1) return count(Math.abs(ms) / 1000, 'second');
  if (minutes < 120) return count(minutes, 'minute');
  if (hours < 72) return count(hours, 'hour');
  return count(hours / 24, 'day');
}

function count(value: number, unit: string): string {
  const rounded = Math.round(value);
  return `${rounded} ${unit}${rounded === 1 ? '' : 's'}`;
}
