/** The Metric input, as every operation that reads results offers it: the same choices, default and label. */
import { METRIC_LABELS } from '../contract/published';
import { choicesOf } from './choices';
import { DEFAULT_METRIC, FIELD_LABELS, SIGNIFICANCE_METRICS } from './significance-options';

/** The metrics offered in the dropdown, key and label, in the order a merchant thinks of them. */
export const METRIC_CHOICES = choicesOf(SIGNIFICANCE_METRICS.map((key) => [key, METRIC_LABELS[key]]));

export function metricField(helpText: string) {
  return {
    key: 'metric',
    label: FIELD_LABELS.metric,
    required: false,
    default: DEFAULT_METRIC,
    choices: METRIC_CHOICES,
    helpText,
  };
}
