/**
 * Intelligems' own verdict on a test (`testResult`), as the sandbox gives it when an analytics request asks for it:
 * from the primary metric (revenue per visitor) of the non-control variation most likely to be best. `not_ready`
 * while any variation lacks the data for a probability.
 */
import type { Analytics, MetricValue, VariationMetrics } from '../../src/contract/published';

const PRIMARY = 'net_revenue_per_visitor';
const DAY = 24 * 60 * 60 * 1000;

export function testResultOf(analytics: Analytics, startedAtTs: number | null | undefined, now: number): Record<string, unknown> {
  const rows = new Map<string, VariationMetrics>(analytics.metrics.map((row) => [row.variation_id, row]));
  const metricOf = (id: string) => rows.get(id)?.[PRIMARY] as MetricValue | undefined;
  const orders = (id: string) => (rows.get(id)?.n_orders as { value?: number } | undefined)?.value ?? 0;
  const runtime_days = startedAtTs == null ? 0 : Math.floor((now - startedAtTs) / DAY);
  const orders_per_variant = Object.fromEntries(analytics.variations.map((v) => [v.name, orders(v.id)]));
  const challengers = analytics.variations.filter((v) => !v.isControl);
  if (challengers.length === 0 || challengers.some((v) => typeof metricOf(v.id)?.p2bc !== 'number')) {
    return { verdict: 'not_ready', runtime_days, orders_per_variant };
  }
  const best = challengers.reduce((a, b) => ((metricOf(b.id)?.p2bb ?? 0) > (metricOf(a.id)?.p2bb ?? 0) ? b : a));
  const metric = metricOf(best.id) as MetricValue & { p2bc: number };
  const p = metric.p2bc;
  const verdict = p >= 0.95 ? 'strong_win' : p >= 0.8 ? 'directional_win' : p <= 0.05 ? 'strong_loss' : p <= 0.2 ? 'directional_loss' : 'mixed_signals';
  const action_to_take: Record<string, string> = {
    strong_win: `Roll out ${best.name}`,
    directional_win: `Keep running: ${best.name} is ahead but not yet certain`,
    strong_loss: 'Keep the control: no variation beats it',
    directional_loss: 'Keep running: the control is ahead but not yet certain',
    mixed_signals: 'Keep running: the metrics disagree',
  };
  const uplift = metric.uplift ?? null;
  return {
    verdict,
    action_to_take: action_to_take[verdict],
    runtime_days,
    orders_per_variant,
    // The OpenAPI types `variant` only as a string; the sandbox names the variation, so clients must match by name too.
    primary_metric: {
      key: PRIMARY,
      best_challenger: {
        variant: best.name,
        p2bb: metric.p2bb ?? null,
        uplift: uplift?.value ?? null,
        uplift_ci_width: uplift && typeof uplift.ci_high === 'number' && typeof uplift.ci_low === 'number' ? uplift.ci_high - uplift.ci_low : null,
        stability: { days_held: runtime_days, p2bb_stable: runtime_days >= 7, uplift_ci_converged: runtime_days >= 14 },
      },
    },
    conflicting_metrics: [],
  };
}
