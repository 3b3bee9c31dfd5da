/** Labels for every field of a significance item, in the order a user sees them when mapping. */
import { EXPERIENCE_LABELS } from '../experience/output-fields';
import { outputFieldsOf, VERDICT_LABELS, type OutputField } from '../output-field';
import type { SignificanceItem } from './evaluate';

const fields: Record<keyof SignificanceItem, Omit<OutputField, 'key'>> = {
  id: { label: 'Result ID', type: 'string', required: true },
  experience_id: EXPERIENCE_LABELS.experience_id,
  experience_name: EXPERIENCE_LABELS.experience_name,
  experience_type: EXPERIENCE_LABELS.experience_type,
  variation_id: { label: 'Variation ID', type: 'string', required: true },
  variation_name: { label: 'Variation Name', type: 'string', required: true },
  metric: { label: 'Metric Key', type: 'string', required: true },
  metric_label: { label: 'Metric', type: 'string', required: true },
  direction: { label: 'Direction (Winner or Loser)', type: 'string', required: true },
  probability_to_beat_baseline: { label: 'Probability to Beat Control (%)', type: 'number' },
  uplift_percent: { label: 'Uplift (%)', type: 'number' },
  uplift_ci_low_percent: { label: 'Uplift Interval Low (%)', type: 'number' },
  uplift_ci_high_percent: { label: 'Uplift Interval High (%)', type: 'number' },
  variation_value: { label: 'Variation Value', type: 'number' },
  control_value: { label: 'Control Value', type: 'number' },
  visitors: { label: 'Variation Visitors', type: 'integer' },
  orders: { label: 'Variation Orders', type: 'integer' },
  orders_variation: { label: 'Orders in Variation', type: 'integer', required: true },
  orders_control: { label: 'Orders in Control', type: 'integer', required: true },
  started_at: { label: 'Started At', type: 'datetime' },
  days_running: { label: 'Days Running', type: 'integer' },
  intelligems_verdict: VERDICT_LABELS.intelligems_verdict,
  action_to_take: VERDICT_LABELS.action_to_take,
  summary: { label: 'Summary', type: 'string', required: true },
};

export const significanceOutputFields = outputFieldsOf(fields);
