/**
 * An experiment's results as one item, pure: the experience, its leader on the chosen metric, Intelligems' verdict and
 * impact, a Slack sentence, and one line item per variation for a Google Sheets row each. The search and the daily
 * trigger both return it. Numbers are the analytics' own; fractions become exact percentages (only the summary
 * rounds); too little data is empty numbers (null) and a summary that says so, never an error.
 */
import { METRIC_LABELS, type Analytics, type Experience, type MetricKey, type Variation, type VariationMetrics } from '../../contract/published';
import { isoDate } from '../../util/iso-date';
import { experienceFields, resultsName, type ExperienceFields } from '../experience/describe';
import { startedAt } from '../experience/started-at';
import { DAY_MS } from '../significance/guards';
import { beatControlOf, countOf, exactPercent, metricOf, numberOrNull } from '../metrics/read-metrics';
import { estMonthlyRevenueIncrease, readVerdict } from '../metrics/verdict';

export type VariationResult = {
  variation_id: string;
  variation_name: string;
  is_control: boolean;
  percentage: number | null;
  visitors: number | null;
  orders: number | null;
  /** The chosen metric's value, as Intelligems gives it. */
  metric_value: number | null;
  uplift_percent: number | null;
  /** Percent: from p2bc (p2bb in a two-variation test without it); null on control. */
  probability_to_beat_baseline: number | null;
  /** Percent: from p2bb, the probability to be best of all variations. */
  probability_to_be_best: number | null;
  conversion_rate_percent: number | null;
  revenue_per_visitor: number | null;
  revenue_per_order: number | null;
};

export type ResultsItem = Pick<ExperienceFields, 'experience_name' | 'experience_type' | 'experience_id' | 'experience_status'> & {
  /** `experienceId:YYYY-MM-DD` (UTC): one item per experiment per day. */
  id: string;
  metric: MetricKey;
  metric_label: string;
  days_running: number | null;
  started_at: string;
  /** ISO 8601 from `latestRunTs`. */
  results_as_of: string;
  visitors_total: number | null;
  orders_total: number | null;
  /** The variation most likely to be best (highest p2bb) on the metric; '' and null while none can be named. */
  leader_variation_id: string;
  leader_variation_name: string;
  leader_uplift_percent: number | null;
  leader_probability_to_beat_baseline: number | null;
  est_monthly_revenue_increase: number | null;
  intelligems_verdict: string;
  action_to_take: string;
  summary: string;
  variations: VariationResult[];
};

/** The UTC day of a time, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Results with nothing measured yet: what a test without an analytics answer shows. */
export function noResults(experience: Experience): Analytics {
  return { experienceId: experience.id, variations: experience.variations ?? [], metrics: [] };
}

export function toResultsItem(analytics: Analytics, experience: Experience, metric: MetricKey, now: number): ResultsItem {
  const rows = new Map<string, VariationMetrics>(analytics.metrics.map((row) => [row.variation_id, row]));
  const ordered = [...analytics.variations].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const variations = ordered.map((v) => variationResult(v, rows.get(v.id), metric, ordered.length));
  const leader = leaderOf(variations);
  const startedAtTs = startedAt(experience);
  const verdict = readVerdict(analytics);
  const fields = experienceFields(experience);
  const item: ResultsItem = {
    id: `${experience.id}:${utcDay(now)}`,
    experience_name: resultsName(experience, analytics),
    experience_type: fields.experience_type,
    experience_id: experience.id,
    experience_status: experience.status,
    metric,
    metric_label: METRIC_LABELS[metric],
    days_running: startedAtTs === null ? null : Math.floor(Math.max(0, now - startedAtTs) / DAY_MS),
    started_at: isoDate(startedAtTs) ?? '',
    results_as_of: isoDate(analytics.latestRunTs) ?? '',
    visitors_total: sumOf(variations.map((v) => v.visitors)),
    orders_total: sumOf(variations.map((v) => v.orders)),
    leader_variation_id: leader?.variation_id ?? '',
    leader_variation_name: leader?.variation_name ?? '',
    leader_uplift_percent: leader?.uplift_percent ?? null,
    leader_probability_to_beat_baseline: leader?.probability_to_beat_baseline ?? null,
    est_monthly_revenue_increase: estMonthlyRevenueIncrease(analytics),
    intelligems_verdict: verdict.verdict,
    action_to_take: verdict.actionToTake,
    summary: '',
    variations,
  };
  item.summary = summarizeResults(item, leader);
  return item;
}

function variationResult(variation: Variation, row: VariationMetrics | undefined, metric: MetricKey, count: number): VariationResult {
  const chosen = metricOf(row, metric);
  const p2bc = variation.isControl ? null : beatControlOf(chosen, count);
  return {
    variation_id: variation.id,
    variation_name: variation.name,
    is_control: variation.isControl,
    percentage: numberOrNull(variation.percentage),
    visitors: countOf(row, 'n_visitors'),
    orders: countOf(row, 'n_orders'),
    metric_value: numberOrNull(chosen?.value),
    uplift_percent: variation.isControl ? null : exactPercent(chosen?.uplift?.value),
    probability_to_beat_baseline: exactPercent(p2bc),
    probability_to_be_best: exactPercent(chosen?.p2bb),
    conversion_rate_percent: exactPercent(metricOf(row, 'conversion_rate')?.value),
    revenue_per_visitor: numberOrNull(metricOf(row, 'net_revenue_per_visitor')?.value),
    revenue_per_order: numberOrNull(metricOf(row, 'net_revenue_per_order')?.value),
  };
}

/**
 * Highest probability to be best; in a two-variation test a control without one has the rest (1 − the other's).
 * Null while no variation has one.
 */
function leaderOf(variations: VariationResult[]): VariationResult | null {
  const withP2bb = variations.filter((v) => v.probability_to_be_best !== null);
  const implied = (v: VariationResult): number | null => {
    if (v.probability_to_be_best !== null) return v.probability_to_be_best;
    const other = variations.length === 2 ? variations.find((o) => o !== v)?.probability_to_be_best : null;
    return other == null ? null : 100 - other;
  };
  if (withP2bb.length === 0) return null;
  let best: VariationResult | null = null;
  for (const v of variations) {
    const p = implied(v);
    if (p !== null && (best === null || p > (implied(best) ?? -1))) best = v;
  }
  return best;
}

/** “Spring pricing” (Price Test, day 12): +10% price leads on revenue per visitor, +8.1 % with 97.3 % probability to beat control; 20,789 visitors, 568 orders. */
export function summarizeResults(item: ResultsItem, leader: VariationResult | null): string {
  const day = item.days_running === null ? '' : item.days_running === 0 ? ', first day' : `, day ${item.days_running}`;
  const head = `“${item.experience_name}” (${item.experience_type}${day})`;
  const metric = item.metric_label.toLowerCase();
  const counts = `${grouped(item.visitors_total ?? 0)} visitors, ${grouped(item.orders_total ?? 0)} orders`;
  if (leader === null) return `${head}: not enough data yet to name a leader on ${metric}; ${counts}.`;
  const uplift = leader.uplift_percent === null ? '' : `, ${leader.uplift_percent < 0 ? '-' : '+'}${Math.abs(leader.uplift_percent).toFixed(1)} %`;
  const p = leader.probability_to_beat_baseline;
  const probability = p === null ? '' : ` with ${p.toFixed(1)} % probability to beat control`;
  return `${head}: ${leader.variation_name} leads on ${metric}${uplift}${probability}; ${counts}.`;
}

function sumOf(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

/** 20789 → "20,789". */
function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
