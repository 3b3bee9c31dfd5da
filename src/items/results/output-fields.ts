/** Labels for every field of a results item; `variations` are line items (one Google Sheets row each). */
import { EXPERIENCE_LABELS } from '../experience/output-fields';
import { outputFieldsOf, VERDICT_LABELS, type OutputField } from '../output-field';
import type { ResultsItem, VariationResult } from './item';

const variationFields: Record<keyof VariationResult, Omit<OutputField, 'key'>> = {
  variation_id: { label: 'Variation ID' },
  variation_name: { label: 'Variation Name' },
  is_control: { label: 'Is Control', type: 'boolean' },
  percentage: { label: 'Traffic (%)', type: 'number' },
  visitors: { label: 'Visitors', type: 'integer' },
  orders: { label: 'Orders', type: 'integer' },
  metric_value: { label: 'Metric Value', type: 'number' },
  uplift_percent: { label: 'Uplift (%)', type: 'number' },
  probability_to_beat_baseline: { label: 'Probability to Beat Control (%)', type: 'number' },
  probability_to_be_best: { label: 'Probability to Be Best (%)', type: 'number' },
  conversion_rate_percent: { label: 'Conversion Rate (%)', type: 'number' },
  revenue_per_visitor: { label: 'Revenue per Visitor', type: 'number' },
  revenue_per_order: { label: 'Revenue per Order', type: 'number' },
};

const fields: Record<Exclude<keyof ResultsItem, 'variations'>, Omit<OutputField, 'key'>> = {
  id: { label: 'Results ID', required: true },
  experience_name: EXPERIENCE_LABELS.experience_name,
  experience_type: EXPERIENCE_LABELS.experience_type,
  experience_id: EXPERIENCE_LABELS.experience_id,
  experience_status: EXPERIENCE_LABELS.experience_status,
  metric: { label: 'Metric Key' },
  metric_label: { label: 'Metric' },
  days_running: { label: 'Days Running', type: 'integer' },
  started_at: { label: 'Started At', type: 'datetime' },
  results_as_of: { label: 'Results As Of', type: 'datetime' },
  visitors_total: { label: 'Total Visitors', type: 'integer' },
  orders_total: { label: 'Total Orders', type: 'integer' },
  leader_variation_id: { label: 'Leader Variation ID' },
  leader_variation_name: { label: 'Leader Variation' },
  leader_uplift_percent: { label: 'Leader Uplift (%)', type: 'number' },
  leader_probability_to_beat_baseline: { label: 'Leader Probability to Beat Control (%)', type: 'number' },
  est_monthly_revenue_increase: { label: 'Est. Monthly Revenue Increase', type: 'number' },
  intelligems_verdict: VERDICT_LABELS.intelligems_verdict,
  action_to_take: VERDICT_LABELS.action_to_take,
  summary: { label: 'Summary', required: true },
};

/** Line items: an output field with `children`, keyed as each line item's own fields. */
export const resultsOutputFields: Array<OutputField | { key: string; label: string; children: OutputField[] }> = [
  ...outputFieldsOf(fields),
  { key: 'variations', label: 'Variations', children: outputFieldsOf(variationFields) },
];
