/**
 * The significance rules, pure: one experiment's analytics in, one item per non-control variation whose
 * probability to beat the baseline (p2bb) crossed the chosen confidence on the chosen metric.
 */
import { METRIC_LABELS, readableExperienceType, type Analytics, type Experience, type MetricKey, type VariationMetrics } from '../../contract/published';
import type { CrossedDirection, SignificanceOptions } from '../../inputs/significance-options';
import { DAY_MS, meetsGuards } from './guards';
import { isoDate } from '../../util/iso-date';
import { countOf, metricOf, numberOrNull, oneDecimal, percentOrNull } from '../metrics/read-metrics';

/**
 * Percent thresholds turned into fractions are not exact in binary (100 − 99.9 is 0.0999…943), so a p2bb exactly
 * at the threshold is compared with this much slack; p2bb itself comes with at most a few decimals.
 */
export const THRESHOLD_EPSILON = 1e-9;

export type SignificanceItem = {
  /** `experienceId:variationId:metric:direction`, so Zapier's deduplication fires each crossing once. */
  id: string;
  experience_id: string;
  experience_name: string;
  experience_type: string;
  variation_id: string;
  variation_name: string;
  metric: MetricKey;
  metric_label: string;
  direction: CrossedDirection;
  /** Percent, one decimal: the probability that this variation beats control. */
  probability_to_beat_baseline: number;
  uplift_percent: number | null;
  uplift_ci_low_percent: number | null;
  uplift_ci_high_percent: number | null;
  variation_value: number | null;
  control_value: number | null;
  visitors: number | null;
  orders: number | null;
  /** The counts the Minimum Orders guard compared (missing = 0). */
  orders_variation: number;
  orders_control: number;
  /** ISO 8601, or '' when the experiment does not say when it started (missing text is '', a missing number null). */
  started_at: string;
  days_running: number | null;
  summary: string;
};

/** Which side of the threshold `p2bb` (0–1) is on, if any, for a confidence in percent. */
export function crossedDirection(p2bb: number, options: Pick<SignificanceOptions, 'confidence' | 'direction'>): CrossedDirection | null {
  const threshold = options.confidence / 100;
  if (options.direction !== 'loser' && p2bb >= threshold - THRESHOLD_EPSILON) return 'winner';
  if (options.direction !== 'winner' && p2bb <= 1 - threshold + THRESHOLD_EPSILON) return 'loser';
  return null;
}

export function significanceId(experienceId: string, variationId: string, metric: MetricKey, direction: CrossedDirection): string {
  return `${experienceId}:${variationId}:${metric}:${direction}`;
}

export function evaluateSignificance(analytics: Analytics, experience: Experience, options: SignificanceOptions, now: number = Date.now()): SignificanceItem[] {
  const rows = new Map<string, VariationMetrics>();
  for (const row of analytics.metrics) rows.set(row.variation_id, row);
  const control = analytics.variations.find((v) => v.isControl);
  const controlMetric = control ? metricOf(rows.get(control.id), options.metric) : null;
  const startedAtTs = startedAt(experience);
  const runningMs = startedAtTs === null ? null : Math.max(0, now - startedAtTs);
  const daysRunning = runningMs === null ? null : Math.floor(runningMs / DAY_MS);
  const ordersControl = countOf(control && rows.get(control.id), 'n_orders') ?? 0;
  const experienceName = experience.name || analytics.experienceName || experience.id;

  const items: SignificanceItem[] = [];
  // Only variations the analytics names: a row for an unknown variation cannot be told apart from control.
  for (const variation of analytics.variations) {
    if (variation.isControl) continue;
    const row = rows.get(variation.id);
    const metric = metricOf(row, options.metric);
    const p2bb = metric?.p2bb;
    if (metric === null || typeof p2bb !== 'number') continue;
    const direction = crossedDirection(p2bb, options);
    if (direction === null) continue;
    const ordersVariation = countOf(row, 'n_orders') ?? 0;
    if (!meetsGuards({ ordersVariation, ordersControl, runningMs }, options)) continue;
    const uplift = metric.uplift ?? null;
    const item: SignificanceItem = {
      id: significanceId(experience.id, variation.id, options.metric, direction),
      experience_id: experience.id,
      experience_name: experienceName,
      experience_type: readableExperienceType(experience.type),
      variation_id: variation.id,
      variation_name: variation.name,
      metric: options.metric,
      metric_label: METRIC_LABELS[options.metric],
      direction,
      probability_to_beat_baseline: oneDecimal(p2bb * 100),
      uplift_percent: percentOrNull(uplift?.value),
      uplift_ci_low_percent: percentOrNull(uplift?.ci_low),
      uplift_ci_high_percent: percentOrNull(uplift?.ci_high),
      variation_value: numberOrNull(metric.value),
      control_value: numberOrNull(controlMetric?.value),
      visitors: countOf(row, 'n_visitors'),
      orders: countOf(row, 'n_orders'),
      orders_variation: ordersVariation,
      orders_control: ordersControl,
      started_at: isoDate(startedAtTs) ?? '',
      days_running: daysRunning,
      summary: '',
    };
    item.summary = summarizeSignificance(item);
    items.push(item);
  }
  return items;
}

/**
 * One sentence for Slack: "“Spring pricing”: +10% price beats control on revenue per visitor with 97.3 % probability
 * (+8.1 %) after 12 days." A loser quotes the probability that control is better (100 − p2bb).
 */
export function summarizeSignificance(item: SignificanceItem): string {
  const metric = item.metric_label.toLowerCase();
  const uplift = item.uplift_percent === null ? '' : ` (${signed(item.uplift_percent)} %)`;
  const after = item.days_running === null ? '' : ` after ${describeDays(item.days_running)}`;
  const head = `“${item.experience_name}”: ${item.variation_name}`;
  if (item.direction === 'winner') {
    return `${head} beats control on ${metric} with ${item.probability_to_beat_baseline.toFixed(1)} % probability${uplift}${after}.`;
  }
  const controlBetter = oneDecimal(100 - item.probability_to_beat_baseline);
  return `${head} trails control on ${metric} with ${controlBetter.toFixed(1)} % probability that control is better${uplift}${after}.`;
}

/** When the experiment went live: `startedAtTs`, else its latest recorded start. */
function startedAt(experience: Experience): number | null {
  if (typeof experience.startedAtTs === 'number') return experience.startedAtTs;
  // A loop, not Math.max(...starts): spreading 150,000 starts into a call throws a RangeError.
  let latest: number | null = null;
  for (const action of experience.experienceActions ?? [])
    if (action.action === 'start' && (latest === null || action.actionTs > latest)) latest = action.actionTs;
  return latest;
}

function describeDays(days: number): string {
  if (days === 0) return 'less than a day';
  return days === 1 ? '1 day' : `${days} days`;
}

function signed(percent: number): string {
  return `${percent < 0 ? '-' : '+'}${Math.abs(percent).toFixed(1)}`;
}
