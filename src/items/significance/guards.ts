/**
 * The guards against early noise: a 97 % probability on day one with 12 orders per arm is not a result anyone should
 * act on, so a crossing only counts once both arms have enough orders and the test has run long enough.
 */
import type { SignificanceOptions } from '../../inputs/significance-options';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface Evidence {
  /** `n_orders.value` of the variation; missing counts as 0. */
  ordersVariation: number;
  /** `n_orders.value` of the control; missing (or no control at all) counts as 0. */
  ordersControl: number;
  /** Milliseconds since the experiment started; null when it does not say when. */
  runningMs: number | null;
}

/** Whether a crossing backed by this evidence may fire. A threshold of 0 turns its guard off. */
export function meetsGuards(evidence: Evidence, options: Pick<SignificanceOptions, 'minOrders' | 'minDays'>): boolean {
  const enoughOrders = Math.min(evidence.ordersVariation, evidence.ordersControl) >= options.minOrders;
  // Unknown start: only a switched-off guard lets it through, since "long enough" cannot be shown.
  const longEnough = options.minDays === 0 || (evidence.runningMs !== null && evidence.runningMs >= options.minDays * DAY_MS);
  return enoughOrders && longEnough;
}
