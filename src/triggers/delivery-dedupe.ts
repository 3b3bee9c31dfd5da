/**
 * Intelligems retries a delivery up to 5 times and Zapier does not deduplicate hooks, so we remember each verified
 * delivery for a day. `z.cache` exists only on Zapier (and as a stand-in under the app tester, which ignores `nx`,
 * hence the `get` first); where it throws, the Zap still runs, without deduplication.
 */
import type { ZObject } from 'zapier-platform-core';

export const DEDUPE_TTL_SECONDS = 24 * 60 * 60;

export function deliveryKey(subscriptionId: string, signature: string): string {
  return `intelligems:delivery:${subscriptionId}:${signature}`;
}

export async function isFirstDelivery(z: ZObject, key: string): Promise<boolean> {
  try {
    if ((await z.cache.get(key)) != null) return false;
    // nx: only the first of two concurrent retries wins on Zapier's real cache.
    const stored = await z.cache.set(key, true, DEDUPE_TTL_SECONDS, undefined, true);
    return stored !== false;
  } catch (error) {
    z.console.log(`Delivery deduplication is not available here (${(error as Error).message}); going on without it.`);
    return true;
  }
}
