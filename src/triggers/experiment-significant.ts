/**
 * "Experiment Reached Significance" (polling). Thin Zapier edge: what fires and the guards are in
 * src/items/significance/, the inputs in src/inputs/significance-options.ts, and what a poll may spend, in which
 * order, in src/polling/. Cost per poll: one list call per page, then at most MAX_ANALYTICS_PER_POLL analytics calls,
 * least recently checked experiments first, never taking the key's rate budget below RATE_LIMIT_RESERVE, all within
 * POLL_DEADLINE_MS.
 */
import { defineInputFields, defineTrigger, type Bundle, type InferInputData, type PollingTriggerPerform, type ZObject } from 'zapier-platform-core';
import { apiClient } from '../api/client';
import { apiKeyAsSent } from '../api/secrets';
import { readInput } from '../errors';
import { experienceIdField } from '../inputs/experience-id';
import { metricField } from '../inputs/metric-field';
import {
  DEFAULT_CONFIDENCE_PERCENT,
  DEFAULT_DIRECTION,
  DEFAULT_MIN_DAYS,
  DEFAULT_MIN_ORDERS,
  FIELD_LABELS,
  MAX_CONFIDENCE_PERCENT,
  MIN_CONFIDENCE_PERCENT_EXCLUSIVE,
  readSignificanceOptions,
  type SignificanceOptions,
} from '../inputs/significance-options';
import { choicesOf } from '../inputs/choices';
import { evaluateSignificance, type SignificanceItem } from '../items/significance/evaluate';
import { significanceOutputFields } from '../items/significance/output-fields';
import { significanceSample } from '../items/significance/sample';
import { ANALYTICS_TIMEOUT_MS, pollDeadlineMs } from '../polling/budget';
import { pollExperiments } from '../polling/poll-experiments';
import { rotationKey } from '../polling/rotation';
import { pollPorts } from './poll-ports';

/** One rotation per connection and set of inputs (the key as sent, so a stored trailing newline starts no second one). */
function significanceRotationKey(bundle: Bundle, options: SignificanceOptions): string {
  const { metric, confidence, direction, experienceId, minOrders, minDays, fireWhen } = options;
  // The verdict mode is its own rotation; the threshold mode keeps the key it always had.
  const mode = fireWhen === 'verdict' ? [fireWhen] : [];
  return rotationKey('significance', apiKeyAsSent(bundle), [metric, confidence, direction, experienceId, minOrders, minDays, ...mode]);
}

export async function pollSignificance(z: ZObject, bundle: Bundle, now: () => number = Date.now): Promise<SignificanceItem[]> {
  const options = readInput(z, () => readSignificanceOptions(bundle.inputData));
  const deadlineMs = pollDeadlineMs();
  const deadline = now() + deadlineMs;
  const client = apiClient(z, bundle, { deadline });
  const running = await client.listRunningExperiments('checking running experiments for significance');
  const experiments = running.filter((e) => options.experienceId === null || e.id === options.experienceId);
  if (options.experienceId !== null && experiments.length === 0) {
    z.console.log(`The chosen experience ${options.experienceId} is not a running experiment, so there are no results to check this time.`);
  }
  if (experiments.length === 0) return [];

  const alerts = await pollExperiments(
    {
      experiments,
      rotationKey: significanceRotationKey(bundle, options),
      deadline,
      deadlineMs,
      now,
      rateLimit: () => client.rateLimit,
      read: async (experience) => {
        const analytics = await client.getAnalytics(experience.id, `reading the results of experiment “${experience.name}”`, ANALYTICS_TIMEOUT_MS);
        return evaluateSignificance(analytics, experience, options, now(), (line) => z.console.log(line));
      },
    },
    pollPorts(z),
  );
  return experiments.flatMap((e) => alerts.get(e.id) ?? []);
}

const significanceInputFields = defineInputFields([
  metricField('The metric a variation must win or lose on. Defaults to Revenue per Visitor.'),
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
  {
    key: 'fire_when',
    label: FIELD_LABELS.fireWhen,
    required: false,
    default: 'threshold',
    choices: choicesOf([
      ['threshold', 'Confidence Is Crossed'],
      ['verdict', 'Intelligems Says Strong Win or Loss'],
    ]),
    helpText: 'On a verdict: one alert per test, ignoring Confidence and Direction.',
  },
]);

const perform: PollingTriggerPerform<InferInputData<typeof significanceInputFields>, SignificanceItem> = (z, bundle) => pollSignificance(z, bundle);

export const experimentSignificantTrigger = defineTrigger({
  key: 'experiment_significant',
  noun: 'Result',
  display: {
    label: 'Experiment Reached Significance',
    description: 'Triggers when a variation of a running experiment beats (or trails) control with the confidence you choose, or on Intelligems’ verdict.',
  },
  operation: {
    type: 'polling',
    inputFields: significanceInputFields,
    perform,
    sample: significanceSample,
    outputFields: significanceOutputFields,
  },
});
