/**
 * What a poll (and the memory of repeated deliveries) needs of a cache: `z.cache` on Zapier, which throws where it
 * does not exist (`zapier-platform invoke`).
 */
import { createHash } from 'node:crypto';

export interface CachePort {
  get(key: string): Promise<unknown>;
  /** `nx`: store only when the key is absent. */
  set(key: string, value: unknown, ttl?: number, scope?: string[], nx?: boolean): Promise<unknown>;
}

/**
 * What became of one write:
 * - `stored`: the cache holds this value;
 * - `exists`: an `nx` write found the key already there (another writer came first);
 * - `refused`: the cache answered but did not keep the value (Zapier refuses writes beyond an app's cache throughput);
 * - `unavailable`: there is no cache here, or it failed (`error` says how).
 */
export type SetOutcome = { status: 'stored' } | { status: 'exists' } | { status: 'refused' } | { status: 'unavailable'; error: unknown };

/**
 * Writes, and reads the key back unless the cache said plainly that it stored the value. Zapier's `set` answers
 * `false` both when `nx` finds the key and when it refuses the write, so only the read tells a repeat (the key is
 * there) from a refusal (it is not); any other answer (`null`) is checked the same way.
 */
export async function confirmedSet(cache: CachePort, key: string, value: unknown, ttl: number, options: { nx?: boolean } = {}): Promise<SetOutcome> {
  let answer: unknown;
  try {
    answer = options.nx === true ? await cache.set(key, value, ttl, undefined, true) : await cache.set(key, value, ttl);
  } catch (error) {
    return { status: 'unavailable', error };
  }
  if (answer === true) return { status: 'stored' };
  let held: unknown;
  try {
    held = await cache.get(key);
  } catch (error) {
    return { status: 'unavailable', error };
  }
  if (held === null || held === undefined) return { status: 'refused' };
  // The key is there: an nx write that said no met another writer's entry.
  if (options.nx === true && answer === false) return { status: 'exists' };
  if (sameJson(held, value)) return { status: 'stored' };
  return { status: options.nx === true ? 'exists' : 'refused' };
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/**
 * What names one connection and one set of inputs in a cache key: a SHA-256 of the API key as sent and the inputs.
 * The key never goes in clear: cache keys are not secrets and may show up in Zapier's own logs.
 */
export function connectionDigest(apiKey: string, inputs: ReadonlyArray<unknown> = []): string {
  return createHash('sha256')
    .update(JSON.stringify([apiKey, ...inputs]))
    .digest('hex');
}
