/**
 * Which experiments a poll reads first. A poll reads at most MAX_ANALYTICS_PER_POLL of them, so the others must come
 * first next time: never-read ones in list order, then the least recently read. With N experiments and b reads per
 * poll, each is read at least once every ⌈N / b⌉ polls. When each was read is remembered between polls (in z.cache,
 * through a CachePort) under a key that belongs to one connection, one trigger and one set of inputs, so two Zaps
 * watching different metrics do not steal each other's turns.
 */
import * as z from 'zod';
import { confirmedSet, connectionDigest, type CachePort } from './cache-port';

/** Kept a few days: long after Zapier's slowest polling interval, short enough to fade once a Zap is off. */
export const ROTATION_TTL_SECONDS = 3 * 24 * 60 * 60;

/** When each experiment was last checked (Unix ms), by experience id. */
export type CheckedAt = Record<string, number>;

const storedRotationSchema = z.object({ checkedAt: z.record(z.string(), z.number().finite()) });

/**
 * The cache key for one kind of poll (`significance`), one connection and these inputs. The API key goes into a
 * SHA-256 hash, never into the key in clear: cache keys are not secrets and may show up in Zapier's own logs.
 */
export function rotationKey(kind: string, apiKey: string, inputs: ReadonlyArray<unknown>): string {
  return `intelligems:${kind}-rotation:${connectionDigest(apiKey, inputs)}`;
}

/** A stored rotation, or an empty one for nothing stored or anything else (a lost or foreign value starts afresh). */
export function readRotation(stored: unknown): CheckedAt {
  const parsed = storedRotationSchema.safeParse(stored);
  return parsed.success ? parsed.data.checkedAt : {};
}

/**
 * What to store: this poll's checks (each at the time it ended, so one that hung until the deadline comes back after
 * the ones that answered at once) merged in, and only experiments still running, so the value stays small.
 */
export function rememberChecks(previous: CheckedAt, checks: CheckedAt, runningIds: ReadonlyArray<string>): { checkedAt: CheckedAt } {
  const checkedAt: CheckedAt = {};
  for (const id of runningIds) {
    const when = checks[id] ?? previous[id];
    if (when !== undefined) checkedAt[id] = when;
  }
  return { checkedAt };
}

/** Never checked first (in list order), then the least recently checked; `null` (no memory) keeps list order. */
export function checkOrder<T extends { id: string }>(experiments: ReadonlyArray<T>, checkedAt: CheckedAt | null): T[] {
  if (checkedAt === null) return [...experiments];
  return experiments
    .map((experience, index) => ({ experience, index, at: checkedAt[experience.id] ?? -Infinity }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ experience }) => experience);
}

export interface Rotation {
  key: string;
  checkedAt: CheckedAt;
}

/** When each experiment was last read, or null where the cache is unavailable (`zapier-platform invoke`). */
export async function loadRotation(
  cache: CachePort,
  key: string,
  log: (line: string) => void,
  describe: (error: unknown) => string,
  cap: number,
): Promise<Rotation | null> {
  try {
    return { key, checkedAt: readRotation(await cache.get(key)) };
  } catch (error) {
    log(
      `Remembering which experiments were checked needs z.cache, which is not available here (${describe(error)}): checking running experiments in list order, at most ${cap} per poll.`,
    );
    return null;
  }
}

/**
 * What the next poll will know: `remembered` when this poll's checks were stored (or there were none to store),
 * `forgotten` when the cache refused or failed the write, `no_cache` when there was no memory to begin with.
 */
export type RotationMemory = 'remembered' | 'forgotten' | 'no_cache';

export async function saveRotation(
  cache: CachePort,
  rotation: Rotation | null,
  checks: CheckedAt,
  runningIds: ReadonlyArray<string>,
  log: (line: string) => void,
  describe: (error: unknown) => string,
): Promise<RotationMemory> {
  if (rotation === null) return 'no_cache';
  if (Object.keys(checks).length === 0) return 'remembered';
  const outcome = await confirmedSet(cache, rotation.key, rememberChecks(rotation.checkedAt, checks, runningIds), ROTATION_TTL_SECONDS);
  if (outcome.status === 'stored') return 'remembered';
  const why = outcome.status === 'unavailable' ? `(${describe(outcome.error)})` : "(Zapier's cache refused the write)";
  log(`Could not remember which experiments were checked ${why}; the next poll may check the same ones first.`);
  return 'forgotten';
}
