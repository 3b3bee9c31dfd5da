/**
 * "Experiment Reached Significance" (polling). Thin Zapier edge: what fires and the guards are in
 * src/items/significance/evaluate.ts, what a poll may spend in poll-budget.ts, which experiments go first in
 * check-rotation.ts, the inputs in src/inputs/significance-options.ts. Cost per poll: one list call per page, then at
 * most MAX_ANALYTICS_PER_POLL analytics calls, least recently checked experiments first, never taking the key's rate
 * budget below RATE_LIMIT_RESERVE, all within POLL_DEADLINE_MS.
 */
import { defineTrigger, type Bundle, type PollingTriggerPerform, type ZObject } from 'zapier-platform-core';
import { apiClient, failureOf, readableMessage } from '../api/client';
import { apiKeyAsSent } from '../api/secrets';
import { METRIC_LABELS, type Experience } from '../contract/published';
import { readInput } from '../errors';
import { experienceIdField } from '../inputs/experience-id';
import { checkOrder, readRotation, rememberChecks, rotationKey, ROTATION_TTL_SECONDS, type CheckedAt } from '../items/significance/check-rotation';
import { evaluateSignificance, type SignificanceItem } from '../items/significance/evaluate';
import { describeAbandoned, describeWaiting, readPollOutcome } from '../items/significance/poll-outcome';
import {
  ANALYTICS_TIMEOUT_MS,
  GIVE_UP_MARGIN_MS,
  MAX_ANALYTICS_IN_FLIGHT,
  MAX_ANALYTICS_PER_POLL,
  MIN_TIME_TO_START_MS,
  describeReserveReached,
  mayStartCall,
  pollDeadlineMs,
  secondsUntilRefill,
} from '../items/significance/poll-budget';
import {
  DEFAULT_CONFIDENCE_PERCENT,
  DEFAULT_DIRECTION,
  DEFAULT_METRIC,
  DEFAULT_MIN_DAYS,
  DEFAULT_MIN_ORDERS,
  FIELD_LABELS,
  MAX_CONFIDENCE_PERCENT,
  MIN_CONFIDENCE_PERCENT_EXCLUSIVE,
  SIGNIFICANCE_METRICS,
  readSignificanceOptions,
  type SignificanceOptions,
} from '../inputs/significance-options';
import { significanceOutputFields } from '../items/significance/output-fields';
import { significanceSample } from '../items/significance/sample';
import { runWithinBudget } from '../util/run-within-budget';
import { choicesOf } from '../inputs/choices';

/** Failures that concern the whole account, not one experiment: they fail the poll instead of being skipped. */
function failsThePoll(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // 403: the key lacks the analytics permission, so every experiment would be skipped, silently, forever.
  return error.name === 'ExpiredAuthError' || failureOf(error)?.status === 403;
}

/** A 429: stop starting calls, keep what was found. */
function isThrottled(error: unknown): boolean {
  return error instanceof Error && error.name === 'ThrottledError';
}

export async function pollSignificance(z: ZObject, bundle: Bundle, now: () => number = Date.now): Promise<SignificanceItem[]> {
  const options = readInput(z, () => readSignificanceOptions(bundle.inputData));
  const deadlineMs = pollDeadlineMs();
  const deadline = now() + deadlineMs;
  const client = apiClient(z, bundle, { deadline });
  const started = await client.listAllExperiences({ status: 'started', category: 'experiment' }, 'checking running experiments for significance');
  // Filtered again here in case the API ignores a query parameter: an alert on a paused test would be wrong.
  const experiments = started.filter(
    (e) => e.status === 'started' && e.category === 'experiment' && (options.experienceId === null || e.id === options.experienceId),
  );
  if (options.experienceId !== null && experiments.length === 0) {
    z.console.log(`The chosen experience ${options.experienceId} is not a running experiment, so there are no results to check this time.`);
  }
  if (experiments.length === 0) return [];

  const rotation = await loadRotation(z, bundle, options);
  const chosen = checkOrder(experiments, rotation?.checkedAt ?? null).slice(0, MAX_ANALYTICS_PER_POLL);
  const endedAt: CheckedAt = {};
  const outcomes = await runWithinBudget(
    chosen,
    {
      concurrency: MAX_ANALYTICS_IN_FLIGHT,
      deadline: deadline - GIVE_UP_MARGIN_MS,
      minTimeToStart: MIN_TIME_TO_START_MS,
      now,
      mayStart: (inFlight) => mayStartCall(client.rateLimit, inFlight),
      stopsTheRun: (error) => isThrottled(error) || failsThePoll(error),
    },
    async (experience) => {
      try {
        const analytics = await client.getAnalytics(experience.id, `reading the results of experiment “${experience.name}”`, ANALYTICS_TIMEOUT_MS);
        return evaluateSignificance(analytics, experience, options, now());
      } finally {
        endedAt[experience.id] = now();
      }
    },
  );
  const fatal = outcomes.find((o) => o.status === 'rejected' && failsThePoll(o.reason));
  if (fatal?.status === 'rejected') throw fatal.reason;

  const result = readPollOutcome(chosen, outcomes, isThrottled);
  // One experiment without usable results (not computed yet, a server hiccup) must not hide the others' alerts.
  for (const { experience, reason } of result.failed) z.console.log(`Skipped experiment “${experience.name}” (${experience.id}) this time: ${readableMessage(reason)}`);
  if (result.abandoned.length > 0) z.console.log(describeAbandoned(result.abandoned, deadlineMs));
  const givenUpAt = now();
  await saveRotation(z, rotation, Object.fromEntries(result.checkedIds.map((id) => [id, endedAt[id] ?? givenUpAt])), experiments);
  if (result.checkedIds.length === 0) {
    // Only when nothing at all could be checked does the poll fail (as throttled, so Zapier retries it later).
    if (result.throttled !== undefined) throw result.throttled;
    const reading = client.rateLimit;
    if (result.blockedByBudget && reading !== undefined) {
      const seconds = secondsUntilRefill(reading, now());
      throw new z.errors.ThrottledError(describeReserveReached(reading, seconds), seconds);
    }
  }
  const waiting = describeWaiting(result, experiments.length, rotation !== null, deadlineMs);
  if (waiting !== null) z.console.log(waiting);
  return experiments.flatMap((e) => result.alerts.get(e.id) ?? []);
}

interface Rotation {
  key: string;
  checkedAt: CheckedAt;
}

/** When each experiment was last checked, or null where z.cache is unavailable (`zapier-platform invoke`). */
async function loadRotation(z: ZObject, bundle: Bundle, options: SignificanceOptions): Promise<Rotation | null> {
  // The key as sent, so a stored trailing newline does not start a second rotation for the same connection.
  const key = rotationKey(apiKeyAsSent(bundle), options);
  try {
    return { key, checkedAt: readRotation(await z.cache.get(key)) };
  } catch (error) {
    z.console.log(
      `Remembering which experiments were checked needs z.cache, which is not available here (${readableMessage(error)}): checking running experiments in list order, at most ${MAX_ANALYTICS_PER_POLL} per poll.`,
    );
    return null;
  }
}

async function saveRotation(z: ZObject, rotation: Rotation | null, checks: CheckedAt, running: Experience[]): Promise<void> {
  if (rotation === null || Object.keys(checks).length === 0) return;
  try {
    await z.cache.set(rotation.key, rememberChecks(rotation.checkedAt, checks, running.map((e) => e.id)), ROTATION_TTL_SECONDS);
  } catch (error) {
    z.console.log(`Could not remember which experiments were checked (${readableMessage(error)}); the next poll may check the same ones first.`);
  }
}

const metricChoices = choicesOf(SIGNIFICANCE_METRICS.map((key) => [key, METRIC_LABELS[key]]));

const perform: PollingTriggerPerform<Record<string, unknown>, SignificanceItem> = (z, bundle) => pollSignificance(z, bundle);

export const experimentSignificantTrigger = defineTrigger({
  key: 'experiment_significant',
  noun: 'Result',
  display: {
    label: 'Experiment Reached Significance',
    description: 'Triggers when a variation of a running experiment beats (or trails) control on a metric with the confidence you choose.',
  },
  operation: {
    type: 'polling',
    inputFields: [
      {
        key: 'metric',
        label: FIELD_LABELS.metric,
        required: false,
        default: DEFAULT_METRIC,
        choices: metricChoices,
        helpText: 'The metric a variation must win or lose on. Defaults to Revenue per Visitor.',
      },
      {
        key: 'confidence',
        label: FIELD_LABELS.confidence,
        type: 'number',
        required: false,
        default: String(DEFAULT_CONFIDENCE_PERCENT),
        helpText: `How sure Intelligems must be, in percent: above ${MIN_CONFIDENCE_PERCENT_EXCLUSIVE} and at most ${MAX_CONFIDENCE_PERCENT}. Defaults to ${DEFAULT_CONFIDENCE_PERCENT}.`,
      },
      {
        key: 'direction',
        label: FIELD_LABELS.direction,
        required: false,
        default: DEFAULT_DIRECTION,
        choices: choicesOf([
          ['winner', 'Winner (beats control)'],
          ['loser', 'Loser (trails control)'],
          ['either', 'Either'],
        ]),
        helpText: 'Alert on winners, losers or both. Defaults to either.',
      },
      {
        key: 'min_orders',
        label: FIELD_LABELS.minOrders,
        type: 'integer',
        required: false,
        default: String(DEFAULT_MIN_ORDERS),
        helpText:
          `Only alert once the variation and the control each have at least this many orders, so a lucky first day is not an alert. Defaults to ${DEFAULT_MIN_ORDERS}; ` +
          'Intelligems recommends running until each group has 200–300 orders. 0 turns this check off.',
      },
      {
        key: 'min_days',
        label: FIELD_LABELS.minDays,
        type: 'number',
        required: false,
        default: String(DEFAULT_MIN_DAYS),
        helpText:
          `Only alert once the experiment has run at least this many days. Defaults to ${DEFAULT_MIN_DAYS}: Intelligems recommends at least a week, so every ` +
          'day of the week is in the results. 0 turns this check off.',
      },
      experienceIdField({ required: false, helpText: 'Only check this experiment. Leave empty to check every running experiment.' }),
    ],
    perform,
    sample: significanceSample,
    outputFields: significanceOutputFields,
  },
});
