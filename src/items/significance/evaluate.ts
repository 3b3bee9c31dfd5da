/**
 * The significance rules, pure: one experiment's analytics in, one item per non-control variation whose
 * probability to beat control (p2bc; p2bb only in a two-variation test without it) crossed the chosen confidence on
 * the chosen metric; or, when the Zap fires on Intelligems' verdict, one item for the best challenger of a strong
 * win or strong loss.
 */
import {
  METRIC_LABELS,
  readableExperienceType,
  type Analytics,
  type Experience,
  type MetricKey,
  type Variation,
  type VariationMetrics,
} from '../../contract/published';
import type { CrossedDirection, SignificanceOptions } from '../../inputs/significance-options';
import { DAY_MS, meetsGuards } from './guards';
import { isoDate } from '../../util/iso-date';
import { startedAt } from '../experience/started-at';
import { resultsName } from '../experience/describe';
import { beatControlOf, countOf, metricOf, numberOrNull, oneDecimal, percentOrNull } from '../metrics/read-metrics';
import { readVerdict, type Verdict } from '../metrics/verdict';

/**
 * Percent thresholds turned into fractions are not exact in binary (100 − 99.9 is 0.0999…943), so a probability
 * exactly at the threshold is compared with this much slack; it comes with at most a few decimals.
 */
export const THRESHOLD_EPSILON = 1e-9;

export type SignificanceItem = {
  /**
   * `experienceId:variationId:metric:direction`, so Zapier's deduplication fires each crossing once; on Intelligems'
   * verdict, `experienceId:variationId:verdict:strong_win`, once per verdict.
   */
  id: string;
  experience_id: string;
  experience_name: string;
  experience_type: string;
  variation_id: string;
  variation_name: string;
  metric: MetricKey;
  metric_label: string;
  direction: CrossedDirection;
  /** Percent, one decimal: the probability that this variation beats control (null only on a verdict without it). */
  probability_to_beat_baseline: number | null;
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
  /** Intelligems' own verdict (`strong_win`…) and what it advises; '' when it gave none. */
  intelligems_verdict: string;
  action_to_take: string;
  summary: string;
};

/** Which side of the threshold the probability to beat control (0–1) is on, if any, for a confidence in percent. */
export function crossedDirection(p2bc: number, options: Pick<SignificanceOptions, 'confidence' | 'direction'>): CrossedDirection | null {
  const threshold = options.confidence / 100;
  if (options.direction !== 'loser' && p2bc >= threshold - THRESHOLD_EPSILON) return 'winner';
  if (options.direction !== 'winner' && p2bc <= 1 - threshold + THRESHOLD_EPSILON) return 'loser';
  return null;
}

/** The verdicts that fire a Zap set to fire on Intelligems' verdict, and the side each is on. */
export const FIRING_VERDICTS: Readonly<Record<string, CrossedDirection>> = { strong_win: 'winner', strong_loss: 'loser' };

export function significanceId(experienceId: string, variationId: string, metric: MetricKey, direction: CrossedDirection): string {
  return `${experienceId}:${variationId}:${metric}:${direction}`;
}

export function evaluateSignificance(
  analytics: Analytics,
  experience: Experience,
  options: SignificanceOptions,
  now: number = Date.now(),
  log: (line: string) => void = () => {},
): SignificanceItem[] {
  const context = readContext(analytics, experience, options, now);
  const verdict = readVerdict(analytics);
  if (options.fireWhen === 'verdict') return onVerdict(context, verdict, log);

  const items: SignificanceItem[] = [];
  const count = analytics.variations.length;
  let withoutP2bc = 0;
  // Only variations the analytics names: a row for an unknown variation cannot be told apart from control.
  for (const variation of analytics.variations) {
    if (variation.isControl) continue;
    const metric = metricOf(context.rows.get(variation.id), options.metric);
    const p2bc = beatControlOf(metric, count);
    if (p2bc === null && typeof metric?.p2bb === 'number') withoutP2bc++;
    const direction = p2bc === null ? null : crossedDirection(p2bc, options);
    if (direction === null) continue;
    const item = itemFor(context, variation, direction, significanceId(experience.id, variation.id, options.metric, direction), verdict);
    if (item !== null) items.push(item);
  }
  if (items.length === 0 && withoutP2bc > 0) {
    log(
      `“${context.experienceName}” has ${count} variations, and Intelligems gave no probability to beat control (p2bc) on ${METRIC_LABELS[options.metric].toLowerCase()}, ` +
        'only the probability to be best of all (p2bb), which cannot tell a winner over control there: nothing fires for it this time.',
    );
  }
  return items;
}

interface Context {
  analytics: Analytics;
  experience: Experience;
  options: SignificanceOptions;
  rows: Map<string, VariationMetrics>;
  control: Variation | undefined;
  runningMs: number | null;
  startedAtTs: number | null;
  experienceName: string;
}

function readContext(analytics: Analytics, experience: Experience, options: SignificanceOptions, now: number): Context {
  const rows = new Map<string, VariationMetrics>();
  for (const row of analytics.metrics) rows.set(row.variation_id, row);
  const startedAtTs = startedAt(experience);
  return {
    analytics,
    experience,
    options,
    rows,
    control: analytics.variations.find((v) => v.isControl),
    startedAtTs,
    runningMs: startedAtTs === null ? null : Math.max(0, now - startedAtTs),
    experienceName: resultsName(experience, analytics),
  };
}

/** One item for the best challenger of a strong win or strong loss; Confidence and Direction do not apply, the guards do. */
function onVerdict(context: Context, verdict: Verdict, log: (line: string) => void): SignificanceItem[] {
  const direction = FIRING_VERDICTS[verdict.verdict];
  if (direction === undefined) return [];
  const variation = verdict.bestChallenger;
  if (variation === null) {
    log(
      `Intelligems' verdict on “${context.experienceName}” is ${verdict.verdict}, but it names no variation this test has as its best challenger: nothing fires for it.`,
    );
    return [];
  }
  const item = itemFor(context, variation, direction, `${context.experience.id}:${variation.id}:verdict:${verdict.verdict}`, verdict);
  return item === null ? [] : [item];
}

/** The item for one variation, or null when the guards hold it back. */
function itemFor(context: Context, variation: Variation, direction: CrossedDirection, id: string, verdict: Verdict): SignificanceItem | null {
  const { analytics, experience, options, rows, control } = context;
  const row = rows.get(variation.id);
  const metric = metricOf(row, options.metric);
  const ordersVariation = countOf(row, 'n_orders') ?? 0;
  const ordersControl = countOf(control && rows.get(control.id), 'n_orders') ?? 0;
  if (!meetsGuards({ ordersVariation, ordersControl, runningMs: context.runningMs }, options)) return null;
  const p2bc = beatControlOf(metric, analytics.variations.length);
  const uplift = metric?.uplift ?? null;
  const item: SignificanceItem = {
    id,
    experience_id: experience.id,
    experience_name: context.experienceName,
    experience_type: readableExperienceType(experience.type),
    variation_id: variation.id,
    variation_name: variation.name,
    metric: options.metric,
    metric_label: METRIC_LABELS[options.metric],
    direction,
    probability_to_beat_baseline: p2bc === null ? null : oneDecimal(p2bc * 100),
    uplift_percent: percentOrNull(uplift?.value),
    uplift_ci_low_percent: percentOrNull(uplift?.ci_low),
    uplift_ci_high_percent: percentOrNull(uplift?.ci_high),
    variation_value: numberOrNull(metric?.value),
    control_value: numberOrNull(metricOf(control && rows.get(control.id), options.metric)?.value),
    visitors: countOf(row, 'n_visitors'),
    orders: countOf(row, 'n_orders'),
    orders_variation: ordersVariation,
    orders_control: ordersControl,
    started_at: isoDate(context.startedAtTs) ?? '',
    days_running: context.runningMs === null ? null : Math.floor(context.runningMs / DAY_MS),
    intelligems_verdict: verdict.verdict,
    action_to_take: verdict.actionToTake,
    summary: '',
  };
  item.summary = summarizeSignificance(item, options.fireWhen === 'verdict');
  return item;
}

/**
 * One sentence for Slack: "“Spring pricing”: +10% price beats control on revenue per visitor with 97.3 % probability
 * (+8.1 %) after 12 days." A loser quotes the probability that control is better (100 − p2bc). On a verdict it
 * starts with Intelligems' own words: "Intelligems calls +10% price a strong win: it beats control…".
 */
export function summarizeSignificance(item: SignificanceItem, onVerdict = false): string {
  const metric = item.metric_label.toLowerCase();
  const uplift = item.uplift_percent === null ? '' : ` (${signed(item.uplift_percent)} %)`;
  const after = item.days_running === null ? '' : ` after ${describeDays(item.days_running)}`;
  const p = item.probability_to_beat_baseline;
  const head = onVerdict
    ? `“${item.experience_name}”: Intelligems calls ${item.variation_name} a ${item.intelligems_verdict.replace('_', ' ')}: it`
    : `“${item.experience_name}”: ${item.variation_name}`;
  if (p === null) return `${head} ${item.direction === 'winner' ? 'beats' : 'trails'} control${uplift}${after}.`;
  if (item.direction === 'winner') return `${head} beats control on ${metric} with ${p.toFixed(1)} % probability${uplift}${after}.`;
  return `${head} trails control on ${metric} with ${oneDecimal(100 - p).toFixed(1)} % probability that control is better${uplift}${after}.`;
}

function describeDays(days: number): string {
  if (days === 0) return 'less than a day';
  return days === 1 ? '1 day' : `${days} days`;
}

function signed(percent: number): string {
  return `${percent < 0 ? '-' : '+'}${Math.abs(percent).toFixed(1)}`;
}
