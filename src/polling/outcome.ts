/**
 * What one poll did with the experiments it chose, read off the runner's outcomes: which count as checked (for the
 * rotation), the results, what failed, what was given up on, and why the others wait. Pure; the poll logs the
 * sentences and decides whether it fails.
 */
import type { Experience } from '../contract/published';
import type { RunOutcome } from './run-within-budget';
import { MAX_ANALYTICS_PER_POLL, RATE_LIMIT_RESERVE } from './budget';
import type { RotationMemory } from './rotation';

export interface PollOutcome<R> {
  /** Answered, failed or given up on: each counts as checked, so the rotation moves on. Not a 429, not unstarted. */
  checkedIds: string[];
  /** What each answered experiment's read returned, by experience id. */
  alerts: Map<string, R>;
  /** Experiments whose analytics failed (other than a 429), with the reason. */
  failed: Array<{ experience: Experience; reason: unknown }>;
  /** Started but not answered by the deadline. */
  abandoned: Experience[];
  /** The first 429, if any. */
  throttled?: unknown;
  blockedByBudget: boolean;
  stoppedByDeadline: boolean;
}

export function readPollOutcome<R>(
  chosen: ReadonlyArray<Experience>,
  outcomes: ReadonlyArray<RunOutcome<R>>,
  isThrottled: (error: unknown) => boolean,
): PollOutcome<R> {
  const result: PollOutcome<R> = { checkedIds: [], alerts: new Map(), failed: [], abandoned: [], blockedByBudget: false, stoppedByDeadline: false };
  chosen.forEach((experience, index) => {
    const outcome = outcomes[index] ?? { status: 'not_started', why: 'stopped' };
    if (outcome.status === 'not_started') {
      if (outcome.why === 'budget') result.blockedByBudget = true;
      if (outcome.why === 'deadline') result.stoppedByDeadline = true;
      return;
    }
    if (outcome.status === 'rejected' && isThrottled(outcome.reason)) {
      result.throttled ??= outcome.reason;
      return;
    }
    result.checkedIds.push(experience.id);
    if (outcome.status === 'fulfilled') result.alerts.set(experience.id, outcome.value);
    else if (outcome.status === 'abandoned') result.abandoned.push(experience);
    else result.failed.push({ experience, reason: outcome.reason });
  });
  if (result.abandoned.length > 0) result.stoppedByDeadline = true;
  return result;
}

/** The log line for the calls still pending at the deadline. */
export function describeAbandoned(abandoned: ReadonlyArray<Experience>, deadlineMs: number): string {
  const names = abandoned.map((e) => `“${e.name}” (${e.id})`).join(', ');
  return `Stopped waiting at the poll's ${deadlineMs / 1000} s time limit for the results of ${abandoned.length} experiment(s): ${names}. They are checked again in a later poll.`;
}

const NEXT_POLLS: Record<RotationMemory, string> = {
  remembered: 'they come first in the next polls',
  forgotten: 'this poll could not be remembered, so the next poll may check the same ones first',
  no_cache: 'without z.cache the next polls start again from the top of the list',
};

/** The log line for the running experiments this poll did not check, and why; null when it checked them all. */
export function describeWaiting(result: PollOutcome<unknown>, running: number, memory: RotationMemory, deadlineMs: number): string | null {
  const waiting = running - result.checkedIds.length;
  if (waiting <= 0) return null;
  const reasons: string[] = [];
  if (running > MAX_ANALYTICS_PER_POLL) reasons.push(`a poll reads at most ${MAX_ANALYTICS_PER_POLL}`);
  if (result.throttled !== undefined)
    reasons.push('Intelligems rate-limited this key (HTTP 429), so the poll stopped early and returns the alerts found so far');
  if (result.blockedByBudget) reasons.push(`the key's rate budget reached the ${RATE_LIMIT_RESERVE} calls left for other Zaps and actions`);
  if (result.stoppedByDeadline) reasons.push(`the poll reached its ${deadlineMs / 1000} s time limit`);
  const next = NEXT_POLLS[memory];
  return `Checked ${result.checkedIds.length} of ${running} running experiments this time; ${waiting} remain: ${next} (${reasons.join('; ')}).`;
}
