/** "Find Experience Results": one experience's results as one item with a line item per variation; `[]` for an unknown ID. */
import { defineInputFields, defineSearch, type InferInputData, type SearchPerform } from 'zapier-platform-core';
import { apiClient } from '../api/client';
import { readResultsOrNone } from '../api/results';
import { readInput } from '../errors';
import { experienceIdField, requiredExperienceId } from '../inputs/experience-id';
import { metricField } from '../inputs/metric-field';
import { readResultsMetric } from '../inputs/results-options';
import { toResultsItem, type ResultsItem } from '../items/results/item';
import { resultsOutputFields } from '../items/results/output-fields';
import { resultsSample } from '../items/results/sample';

const inputFields = defineInputFields([
  experienceIdField({ required: true, helpText: 'Whose results to find.' }),
  metricField('Names the leader and fills Metric Value.'),
]);

const findExperienceResults = (async (z, bundle) => {
  const { id, metric } = readInput(z, () => ({ id: requiredExperienceId(bundle.inputData), metric: readResultsMetric(bundle.inputData) }));
  const client = apiClient(z, bundle);
  const experience = await client.findExperience(id, `finding experience “${id}”`);
  // An unknown ID is "not found" for a search, so the Zap's "if nothing is found" branch can act on it.
  if (experience === null) return [];
  // A known experience without results yet (never started) is an honest item with empty numbers.
  const analytics = await readResultsOrNone(client, experience, `reading the results of experience “${experience.name}”`);
  return [toResultsItem(analytics, experience, metric, Date.now())];
}) satisfies SearchPerform<InferInputData<typeof inputFields>, ResultsItem>;

export const experienceResultsSearch = defineSearch({
  key: 'experience_results',
  noun: 'Experiment Result',
  display: {
    label: 'Find Experience Results',
    description: 'Finds an experience’s results, with a line item per variation.',
  },
  operation: {
    inputFields,
    perform: findExperienceResults,
    sample: resultsSample,
    outputFields: resultsOutputFields,
  },
});
