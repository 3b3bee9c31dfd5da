/**
 * One poll's reads of many experiments' results, within every budget: at most MAX_ANALYTICS_PER_POLL calls, least
 * recently read first (./rotation.ts), never taking the key's rate budget below RATE_LIMIT_RESERVE (./budget.ts),
 * a few at once and all before the deadline (./run-within-budget.ts). What it did is read off by ./outcome.ts and
 * said in the Zap's log. Pure: the Zapier edge hands in the cache, the log and how to make a ThrottledError.
 */
import type { Experience, RateLimitReading } from '../contract/published';
import { MAX_ANALYTICS_PER_POLL, describeReserveReached, pollCallBudget, secondsUntilRefill } from './budget';
import type { CachePort } from './cache-port';
import { describeAbandoned, describeWaiting, readPollOutcome } from './outcome';
import { checkOrder, loadRotation, saveRotation, type CheckedAt } from './rotation';
import { runWithinBudget } from './run-within-budget';

/** What the Zapier edge lends a poll. */
export interface PollPorts {
  cache: CachePort;
  log: (line: string) => void;
  /** A message a user can read for any failure (never a secret). */
  describe: (error: unknown) => string;
  /** Zapier's ThrottledError: "try this poll again in so many seconds". */
  throttled: (message: string, retryAfterSeconds: number) => Error;
  /** A 429: stop starting calls, keep what was found. */
  isThrottled: (error: unknown) => boolean;
  /** A failure that concerns the whole account (a revoked key, a missing permission): it fails the poll. */
  failsThePoll: (error: unknown) => boolean;
}

export interface ExperiencePoll<R> {
  /** Every experiment this poll is about, in list order; it reads at most MAX_ANALYTICS_PER_POLL of them. */
  experiments: ReadonlyArray<Experience>;
  /** Where the rotation is remembered (./rotation.ts `rotationKey`). */
  rotationKey: string;
  /** The poll's deadline (Unix ms), and its length for the log. */
  deadline: number;
  deadlineMs: number;
  now: () => number;
  /** The key's latest rate-limit reading. */
  rateLimit: () => RateLimitReading | undefined;
  /** One experiment's read: one analytics call and what is made of it. */
  read: (experience: Experience) => Promise<R>;
  /**
   * Whether an experiment is due a read (a daily poll: not read yet today). Experiments not due are not read this
   * poll; the rotation still puts the least recently read of the others first, so one whose read keeps failing goes
   * behind the rest. Every experiment is due when left out.
   */
  due?: (experience: Experience) => boolean;
}

/** Each read experiment's result, by experience id; the others wait for a later poll, as the log says. */
export async function pollExperiments<R>(poll: ExperiencePoll<R>, ports: PollPorts): Promise<Map<string, R>> {
  const { now } = poll;
  const rotation = await loadRotation(ports.cache, poll.rotationKey, ports.log, ports.describe, MAX_ANALYTICS_PER_POLL);
  const { due } = poll;
  const dueNow = due === undefined ? poll.experiments : poll.experiments.filter(due);
  const chosen = checkOrder(dueNow, rotation?.checkedAt ?? null).slice(0, MAX_ANALYTICS_PER_POLL);
  const endedAt: CheckedAt = {};
  const outcomes = await runWithinBudget(
    chosen,
    pollCallBudget({ ...poll, stopsTheRun: (error) => ports.isThrottled(error) || ports.failsThePoll(error) }),
    async (experience) => {
      try {
        return await poll.read(experience);
      } finally {
        endedAt[experience.id] = now();
      }
    },
  );
  const fatal = outcomes.find((o) => o.status === 'rejected' && ports.failsThePoll(o.reason));
  if (fatal?.status === 'rejected') throw fatal.reason;

  const result = readPollOutcome(chosen, outcomes, ports.isThrottled);
  // One experiment without usable results (not computed yet, a server hiccup) must not hide the others'.
  for (const { experience, reason } of result.failed)
    ports.log(`Skipped experiment “${experience.name}” (${experience.id}) this time: ${ports.describe(reason)}`);
  if (result.abandoned.length > 0) ports.log(describeAbandoned(result.abandoned, poll.deadlineMs));
  const givenUpAt = now();
  const checks = Object.fromEntries(result.checkedIds.map((id) => [id, endedAt[id] ?? givenUpAt]));
  const memory = await saveRotation(
    ports.cache,
    rotation,
    checks,
    poll.experiments.map((e) => e.id),
    ports.log,
    ports.describe,
  );
  if (result.checkedIds.length === 0) {
    // Only when nothing at all could be read does the poll fail (as throttled, so Zapier retries it later).
    if (result.throttled !== undefined) throw result.throttled as Error;
    const reading = poll.rateLimit();
    if (result.blockedByBudget && reading !== undefined) {
      const seconds = secondsUntilRefill(reading, now());
      throw ports.throttled(describeReserveReached(reading, seconds), seconds);
    }
  }
  const waiting = describeWaiting(result, dueNow.length, memory, poll.deadlineMs);
  if (waiting !== null) ports.log(waiting);
  return result.alerts;
}
