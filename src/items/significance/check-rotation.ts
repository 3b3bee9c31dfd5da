/**
 * Which running experiments a poll checks first. A poll checks at most MAX_ANALYTICS_PER_POLL of them, so the
 * others must come first next time: never-checked ones in list order, then the least recently checked. With N
 * running experiments and b checks per poll, each is checked at least once every ⌈N / b⌉ polls. When each was
 * checked is remembered between polls (in z.cache, by the trigger) under a key that belongs to one connection and
 * one set of inputs, so two Zaps watching different metrics do not steal each other's turns.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { SignificanceOptions } from '../../inputs/significance-options';

/** Kept a few days: long after Zapier's slowest polling interval, short enough to fade once a Zap is off. */
export const ROTATION_TTL_SECONDS = 3 * 24 * 60 * 60;

/** When each experiment was last checked (Unix ms), by experience id. */
export type CheckedAt = Record<string, number>;

const storedRotationSchema = z.object({ checkedAt: z.record(z.string(), z.number().finite()) });

/**
 * The cache key for one connection and these inputs. The API key goes into a SHA-256 hash, never into the key in
 * clear: cache keys are not secrets and may show up in Zapier's own logs.
 */
export function rotationKey(apiKey: string, options: SignificanceOptions): string {
  const { metric, confidence, direction, experienceId, minOrders, minDays } = options;
  const digest = createHash('sha256').update(JSON.stringify([apiKey, metric, confidence, direction, experienceId, minOrders, minDays])).digest('hex');
  return `intelligems:significance-rotation:${digest}`;
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
