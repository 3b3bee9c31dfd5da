/** The Metric input of the results operations, read like the significance trigger's (same choices, default, errors). */
import { readSignificanceOptions } from './significance-options';
import type { MetricKey } from '../contract/published';

export function readResultsMetric(inputData: Record<string, unknown> | undefined): MetricKey {
  // Only the metric is read: the other significance inputs are absent here and so take their defaults.
  return readSignificanceOptions({ metric: inputData?.metric }).metric;
}
