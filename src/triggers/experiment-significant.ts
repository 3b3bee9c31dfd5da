/**
 * "Experiment Reached Significance" (polling). Thin Zapier edge: the rules are in src/items/significance, the inputs in src/inputs/significance-options.ts. Cost per poll:
 * one list call per page plus one analytics call per started experiment, at most MAX_ANALYTICS_IN_FLIGHT at once.
 */
import { defineTrigger, type Bundle, type PollingTriggerPerform, type ZObject } from 'zapier-platform-core';
import { apiClient, failureOf, readableMessage } from '../api/client';
import { METRIC_LABELS } from '../contract/published';
import { readInput } from '../errors';
import { experienceIdField } from '../inputs/experience-id';
import { evaluateSignificance, type SignificanceItem } from '../items/significance/evaluate';
import {
  DEFAULT_CONFIDENCE_PERCENT,
  DEFAULT_DIRECTION,
  DEFAULT_METRIC,
  FIELD_LABELS,
  MAX_CONFIDENCE_PERCENT,
  MIN_CONFIDENCE_PERCENT_EXCLUSIVE,
  SIGNIFICANCE_METRICS,
  readSignificanceOptions,
} from '../inputs/significance-options';
import { significanceOutputFields } from '../items/significance/output-fields';
import { significanceSample } from '../items/significance/sample';
import { mapWithConcurrency } from '../util/map-with-concurrency';

/** Intelligems' burst budget is 50 calls; six at a time reads 50 experiments in 9 rounds without draining it. */
export const MAX_ANALYTICS_IN_FLIGHT = 6;

/** Failures that concern the whole account, not one experiment: they fail the poll instead of being skipped. */
const ACCOUNT_WIDE_ERRORS = new Set(['ThrottledError', 'ExpiredAuthError']);

function failsThePoll(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // 403: the key lacks the analytics permission, so every experiment would be skipped, silently, forever.
  return ACCOUNT_WIDE_ERRORS.has(error.name) || failureOf(error)?.status === 403;
}

export async function pollSignificance(z: ZObject, bundle: Bundle, now: () => number = Date.now): Promise<SignificanceItem[]> {
  const options = readInput(z, () => readSignificanceOptions(bundle.inputData));
  const client = apiClient(z, bundle);
  const started = await client.listAllExperiences({ status: 'started', category: 'experiment' }, 'checking running experiments for significance');
  // Filtered again here in case the API ignores a query parameter: an alert on a paused test would be wrong.
  const experiments = started.filter(
    (e) => e.status === 'started' && e.category === 'experiment' && (options.experienceId === null || e.id === options.experienceId),
  );
  if (options.experienceId !== null && experiments.length === 0) {
    z.console.log(`The chosen experience ${options.experienceId} is not a running experiment, so there are no results to check this time.`);
  }
  const perExperiment = await mapWithConcurrency(experiments, MAX_ANALYTICS_IN_FLIGHT, async (experience) => {
    try {
      const analytics = await client.getAnalytics(experience.id, `reading the results of experiment “${experience.name}”`);
      return evaluateSignificance(analytics, experience, options, now());
    } catch (error) {
      if (failsThePoll(error)) throw error;
      // One experiment without usable results (not computed yet, a server hiccup) must not hide the others' alerts.
      z.console.log(`Skipped experiment “${experience.name}” (${experience.id}) this time: ${readableMessage(error)}`);
      return [];
    }
  });
  return perExperiment.flat();
}

const metricChoices = SIGNIFICANCE_METRICS.map((key) => ({ value: key, label: METRIC_LABELS[key], sample: key }));

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
        choices: [
          { value: 'winner', label: 'Winner (beats control)', sample: 'winner' },
          { value: 'loser', label: 'Loser (trails control)', sample: 'loser' },
          { value: 'either', label: 'Either', sample: 'either' },
        ],
        helpText: 'Alert on winners, losers or both. Defaults to either.',
      },
      experienceIdField({ required: false, helpText: 'Only check this experiment. Leave empty to check every running experiment.' }),
    ],
    perform,
    sample: significanceSample,
    outputFields: significanceOutputFields,
  },
});
