/**
 * Intelligems retries a delivery up to 5 times and Zapier does not deduplicate hooks, so we remember each verified
 * delivery for as long as it could still pass the freshness check. `z.cache` exists only on Zapier (and as a
 * stand-in under the app tester, which ignores `nx`, hence the `get` first); where it throws or refuses the write, the
 * Zap still runs, without deduplication.
 */
import { randomBytes } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { readableMessage } from '../../api/client';
import { confirmedSet } from '../../polling/cache-port';
import { MAX_FUTURE_SKEW_MS, remainingWindowMs } from '../../webhook/replay-window';

/**
 * Added to each entry's life: the clock that checks a replay's freshness later may run behind the one that stored
 * the entry, by as much as the skew the freshness check itself tolerates.
 */
export const DEDUPE_MARGIN_MS = MAX_FUTURE_SKEW_MS;

/**
 * How long to remember a delivery stamped `timestampMs` (null: undated) and received at `now`: as long as a replay
 * of it could still pass freshness, plus the margin. A body stamped 5 minutes ahead stays fresh for 24 h 5 min.
 */
export function dedupeTtlSeconds(timestampMs: number | null, now: number): number {
  return Math.ceil((remainingWindowMs(timestampMs, now) + DEDUPE_MARGIN_MS) / 1000);
}

/**
 * Keyed on a digest of the verified signature: signed content only (the `X-Intelligems-Delivery` header is unsigned),
 * and never the signature itself, since cache keys can show up in Zapier's own logs.
 */
export function deliveryKey(subscriptionId: string, signatureDigest: string): string {
  return `intelligems:delivery:${subscriptionId}:${signatureDigest}`;
}

/**
 * Whether this Zap has not run for this delivery yet. Only a key that is really there makes a delivery a repeat:
 * where the cache refuses the write or is missing, the Zap runs without deduplication (Intelligems already has its
 * 2xx and sends nothing again, so dropping a first delivery would lose the event).
 */
export async function isFirstDelivery(z: ZObject, key: string, ttlSeconds: number): Promise<boolean> {
  let seen: unknown;
  try {
    seen = await z.cache.get(key);
  } catch (error) {
    z.console.log(`Delivery deduplication is not available here (${readableMessage(error)}); going on without it.`);
    return true;
  }
  if (seen != null) return false;
  // nx: only the first of two concurrent retries wins on Zapier's real cache. A value of this delivery's own: when
  // `set` gives no verdict (null), reading back this token proves this write is the one stored, and another
  // delivery's token that it lost the race.
  const token = randomBytes(16).toString('hex');
  const outcome = await confirmedSet(z.cache, key, token, ttlSeconds, { nx: true });
  switch (outcome.status) {
    case 'stored':
      return true;
    case 'exists':
      return false;
    case 'refused':
      z.console.log("Zapier's cache refused to remember this delivery, so a repeat of it may run this Zap again; going on without deduplication.");
      return true;
    case 'unavailable':
      z.console.log(`Delivery deduplication is not available here (${readableMessage(outcome.error)}); going on without it.`);
      return true;
  }
}
