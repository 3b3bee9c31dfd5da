/**
 * Intelligems' own verdict on a test (`testResult`, asked for in every analytics request), read loosely: absent or
 * unusable is empty, an unknown verdict is kept as it is, and the best challenger is matched by id, else by name.
 */
import { impactSchema, testResultSchema, type Analytics, type Variation } from '../../contract/published';
import { numberOrNull } from './read-metrics';

export interface Verdict {
  /** `strong_win`, `not_ready`…; '' when Intelligems gave none. */
  verdict: string;
  actionToTake: string;
  /** The variation the verdict is about, when it names one the analytics knows. */
  bestChallenger: Variation | null;
}

export function readVerdict(analytics: Analytics): Verdict {
  const parsed = testResultSchema.safeParse(analytics.testResult);
  if (!parsed.success) return { verdict: '', actionToTake: '', bestChallenger: null };
  const { verdict, action_to_take, primary_metric } = parsed.data;
  const variant = primary_metric?.best_challenger?.variant;
  const named = typeof variant === 'string' || typeof variant === 'number' ? String(variant) : null;
  const challengers = analytics.variations.filter((v) => !v.isControl);
  const bestChallenger = named === null ? null : (challengers.find((v) => v.id === named) ?? challengers.find((v) => v.name === named) ?? null);
  return { verdict, actionToTake: action_to_take ?? '', bestChallenger };
}

/** `impact.est_monthly_revenue_increase`, or null when absent, null or unusable. */
export function estMonthlyRevenueIncrease(analytics: Analytics): number | null {
  const parsed = impactSchema.safeParse(analytics.impact);
  return parsed.success ? numberOrNull(parsed.data.est_monthly_revenue_increase) : null;
}
