/**
 * Reading one variation's numbers out of an analytics answer, the same way everywhere results are shown: a metric
 * with an unusable shape is null rather than an error, counts come bare or as `{value}`, and fractions become
 * percentages: exact (`exactPercent`) or with one decimal (`percentOrNull`).
 */
import { metricValueSchema, type MetricKey, type MetricValue, type VariationMetrics } from '../../contract/published';

/** The metric's values for one variation, or null when the row lacks the metric or it has an unusable shape. */
export function metricOf(row: VariationMetrics | undefined, metric: MetricKey): MetricValue | null {
  if (!row || row[metric] === undefined || row[metric] === null) return null;
  const parsed = metricValueSchema.safeParse(row[metric]);
  return parsed.success ? parsed.data : null;
}

export function countOf(row: VariationMetrics | undefined, key: 'n_visitors' | 'n_orders'): number | null {
  const value = row?.[key];
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value !== null && typeof value === 'object') return numberOrNull((value as { value?: unknown }).value);
  return null;
}

export function oneDecimal(value: number): number {
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? 0 : rounded; // no -0 in output
}

export function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * A fraction as a percentage with the analytics' own precision (0.9995 → 99.95), to 10 significant digits so that
 * float noise (0.07 × 100 = 7.000000000000001) does not show. Items carry these; only their sentences round.
 */
export function exactPercent(fraction: unknown): number | null {
  const value = numberOrNull(fraction);
  return value === null ? null : Number((value * 100).toPrecision(10));
}

export function percentOrNull(fraction: unknown): number | null {
  const value = numberOrNull(fraction);
  return value === null ? null : oneDecimal(value * 100);
}

/**
 * The probability (0–1) that a variation beats control: `p2bc`. Without it, `p2bb` (the probability to be best) means
 * the same only when there are two variations; in a larger test it is null, since trailing a better sibling is not losing.
 */
export function beatControlOf(metric: MetricValue | null, variationCount: number): number | null {
  if (metric === null) return null;
  if (typeof metric.p2bc === 'number') return metric.p2bc;
  return variationCount === 2 && typeof metric.p2bb === 'number' ? metric.p2bb : null;
}
