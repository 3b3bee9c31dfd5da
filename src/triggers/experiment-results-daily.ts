/**
 * "Daily Experiment Results" (polling): one results item per running experiment per UTC day, for a Google Sheets
 * row each. Thin Zapier edge over the significance poll's machinery (src/polling/): the same per-poll cap, rate
 * reserve, deadline and rotation, under its own cache key. Today's items are remembered (src/polling/day-memory.ts)
 * and every poll returns them all, so each Zap on the connection gets every row (Zapier dedupes per Zap by id), while
 * an experiment read today is not read again until tomorrow. No guard holds a row back: a young test is logged too,
 * with what it has. The leader is named on Revenue
 * per Visitor, the significance trigger's default metric (Find Experience Results takes another).
 */
import { defineInputFields, defineTrigger, type Bundle, type InferInputData, type PollingTriggerPerform, type ZObject } from 'zapier-platform-core';
import { apiClient } from '../api/client';
import { readResultsOrNone } from '../api/results';
import { apiKeyAsSent } from '../api/secrets';
import { readInput } from '../errors';
import { experienceFilterFields, matchesExperienceFilters, readExperienceFilters } from '../inputs/experience-filter';
import { DEFAULT_METRIC } from '../inputs/significance-options';
import { toResultsItem, utcDay, type ResultsItem } from '../items/results/item';
import { resultsOutputFields } from '../items/results/output-fields';
import { packResults, unpackResults } from '../items/results/packed';
import { resultsSample } from '../items/results/sample';
import { ANALYTICS_TIMEOUT_MS, pollDeadlineMs } from '../polling/budget';
import { dayMemoryKey, pollOncePerDay } from '../polling/day-memory';
import { rotationKey } from '../polling/rotation';
import { pollPorts } from './poll-ports';

export async function pollDailyResults(z: ZObject, bundle: Bundle, now: () => number = Date.now): Promise<ResultsItem[]> {
  const filters = readInput(z, () => readExperienceFilters(bundle.inputData));
  // One metric names each test's leader: the significance trigger's default; every line item has the main metrics anyway.
  const metric = DEFAULT_METRIC;
  const deadlineMs = pollDeadlineMs();
  const deadline = now() + deadlineMs;
  const client = apiClient(z, bundle, { deadline });
  const running = await client.listRunningExperiments('listing running experiments for their daily results');
  const experiments = running.filter((e) => matchesExperienceFilters(filters, e));
  const today = utcDay(now());
  const inputs = [filters.type, filters.experienceId];
  // Today's items are remembered and every poll returns them all, so each Zap on this connection (and "Test
  // trigger") gets every row, while each experiment's results are read once a day.
  return pollOncePerDay(
    {
      experiments,
      memoryKey: dayMemoryKey('results', apiKeyAsSent(bundle), inputs, today),
      pack: packResults,
      unpack: (id, stored) => {
        const item = unpackResults(stored);
        return item?.id === `${id}:${today}` ? item : null;
      },
      rotationKey: rotationKey('results', apiKeyAsSent(bundle), inputs),
      deadline,
      deadlineMs,
      now,
      rateLimit: () => client.rateLimit,
      read: async (experience) => {
        // A young test without results yet (404) is logged too, with what it has, and leaves the front of the rotation.
        const analytics = await readResultsOrNone(client, experience, `reading the results of experiment “${experience.name}”`, ANALYTICS_TIMEOUT_MS);
        return toResultsItem(analytics, experience, metric, now());
      },
    },
    pollPorts(z),
  );
}

const inputFields = defineInputFields([...experienceFilterFields]);

const perform: PollingTriggerPerform<InferInputData<typeof inputFields>, ResultsItem> = (z, bundle) => pollDailyResults(z, bundle);

export const experimentResultsDailyTrigger = defineTrigger({
  key: 'experiment_results_daily',
  noun: 'Experiment Result',
  display: {
    label: 'Daily Experiment Results',
    description: 'Triggers when a running experiment’s daily results are ready (once a day per experiment), with a line item per variation.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
    sample: resultsSample,
    outputFields: resultsOutputFields,
  },
});
