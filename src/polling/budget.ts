/**
 * How much one poll may spend: calls against the key's rate budget, which other Zaps and actions share, and time
 * against Zapier's 30-second limit on a poll. Pure numbers and arithmetic; the poll itself is ./poll-experiments.ts.
 */
import type { RateLimitReading } from '../contract/published';
import { MAX_RETRY_AFTER_SECONDS } from '../util/wait-cap';
import type { RunBudget } from './run-within-budget';

/** Analytics calls one poll makes at most; the experiments beyond them are checked in the next polls. */
export const MAX_ANALYTICS_PER_POLL = 30;
/**
 * Calls in flight at once. This bounds the poll's time when answers are slow (30 calls of 3.5 s take five rounds,
 * 17.5 s); it does not change how many calls a poll makes, so it is no defence of the rate budget.
 */
export const MAX_ANALYTICS_IN_FLIGHT = 6;
/** Calls a poll leaves in the key's budget for other Zaps and actions: it starts none that would go below. */
export const RATE_LIMIT_RESERVE = 10;
/** The whole poll, list included, returns within this; Zapier stops a poll at 30 s and would lose every alert. */
export const POLL_DEADLINE_MS = 20_000;
/** One analytics call may take this long; a hung one must not hold a slot for most of the poll. */
export const ANALYTICS_TIMEOUT_MS = 8_000;
/**
 * No call's timeout runs past the deadline, and the poll stops waiting this much before it: so the calls still
 * pending are given up on by the poll (and logged as such, once), then end by their own timeouts right after.
 */
export const GIVE_UP_MARGIN_MS = 100;
/** No call starts with less time than this left before the deadline: it could not be answered. */
export const MIN_TIME_TO_START_MS = 250;

/** `INTELLIGEMS_POLL_DEADLINE_MS` shortens the deadline (tests), never lengthens it. */
export function pollDeadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.INTELLIGEMS_POLL_DEADLINE_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? Math.min(fromEnv, POLL_DEADLINE_MS) : POLL_DEADLINE_MS;
}

/**
 * Whether one more call may start without taking the budget below the reserve. Calls still in flight may or may
 * not be in the last reading yet, so each counts as spent. Without a reading (an API that sends no headers) only the
 * per-poll cap applies.
 */
export function mayStartCall(reading: RateLimitReading | undefined, inFlight: number, reserve: number = RATE_LIMIT_RESERVE): boolean {
  if (reading === undefined) return true;
  return reading.remaining - inFlight - 1 >= reserve;
}

/**
 * The budget of a batch of one poll's own calls (analytics reads, deletion look-ups) for ./run-within-budget.ts: a
 * few at once, none taking the key below the reserve, none started too close to the deadline, and the poll stops
 * waiting GIVE_UP_MARGIN_MS before it.
 */
export function pollCallBudget(poll: {
  deadline: number;
  now: () => number;
  rateLimit: () => RateLimitReading | undefined;
  stopsTheRun: (error: unknown) => boolean;
}): RunBudget {
  return {
    concurrency: MAX_ANALYTICS_IN_FLIGHT,
    deadline: poll.deadline - GIVE_UP_MARGIN_MS,
    minTimeToStart: MIN_TIME_TO_START_MS,
    now: poll.now,
    mayStart: (inFlight) => mayStartCall(poll.rateLimit(), inFlight),
    stopsTheRun: poll.stopsTheRun,
  };
}

/**
 * Whole seconds until the budget refills, for Retry-After: at least 1, a minute when the API did not say, and never
 * more than a 429's Retry-After may ask for (a reset stamped days ahead must not hold the Zap for days).
 */
export function secondsUntilRefill(reading: RateLimitReading | undefined, now: number): number {
  if (reading?.resetAt == null) return 60;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil((reading.resetAt - now) / 1000)));
}

/** Why a poll read no experiment's results although it had some to read: the key's budget is down to the reserve. */
export function describeReserveReached(reading: RateLimitReading, retryAfterSeconds: number): string {
  return (
    `Intelligems' rate limit for this API key is down to ${reading.remaining} calls, and this trigger leaves ${RATE_LIMIT_RESERVE} for other Zaps and ` +
    `actions, so no experiment's results were read this time. Zapier will try again in ${retryAfterSeconds} seconds.`
  );
}
