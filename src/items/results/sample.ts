/** The static sample of a results item, built by the same shaper as the search and the daily trigger. */
import { DEFAULT_METRIC } from '../../inputs/significance-options';
import { SAMPLE_ANALYTICS, SAMPLE_EXPERIENCE } from '../sample-data';
import { toResultsItem, type ResultsItem } from './item';

export const resultsSample: ResultsItem = toResultsItem(
  SAMPLE_ANALYTICS,
  SAMPLE_EXPERIENCE,
  DEFAULT_METRIC,
  (SAMPLE_ANALYTICS.latestRunTs ?? 0) + 3 * 60 * 60 * 1000,
);
