/**
 * Believable results for an experience nobody set results for: traffic that grows with the time it has run,
 * a true effect per variation drawn from a generator seeded by the experience id (so the same experience always
 * shows the same story), `p2bc` (probability to beat control) computed the way a Bayesian readout does (normal
 * approximation of the posterior difference) and `p2bb` (probability to be best of all variations) from the same
 * posteriors, `null` while there is too little data; `impact`, and Intelligems' verdict (`testResult`) for
 * ./test-result.ts.
 */
import type { Analytics, Experience, MetricValue, VariationMetrics } from '../../src/contract/published';
import { SEEDED_EFFECTS } from './seed-data';

const HOUR = 60 * 60 * 1000;
/** Below this many visitors (or orders) in a variation, Intelligems shows no probability yet. */
export const MIN_VISITORS_FOR_P2BB = 200;
export const MIN_ORDERS_FOR_P2BB = 5;
const Z95 = 1.959964;
const GROSS_MARGIN = 0.46;

export function seededAnalytics(experience: Experience, now: number): Analytics {
  const random = generator(experience.id);
  const visitorsPerHour = 60 + random() * 90;
  const baseConversion = 0.018 + random() * 0.02;
  const baseOrderValue = 55 + random() * 45;
  const baseUnits = 1.3 + random() * 0.5;
  const cartFactor = 3.4 + random();
  const checkoutFactor = 1.7 + random() * 0.5;
  const hours = runningHours(experience, now);
  const variations = [...(experience.variations ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));

  const isPriceTest = experience.type === 'pricing';
  const stories = SEEDED_EFFECTS[experience.id] ?? [];
  let nonControl = 0;
  const observed = variations.map((variation) => {
    // The control's effect is zero; each other variation has its seeded story or draws its own, in order. A price
    // test trades conversion for order value; other tests move conversion between -12% and +18%.
    const story = variation.isControl ? undefined : stories[nonControl++];
    const drawnLift = isPriceTest ? -random() * 0.08 : (random() - 0.4) * 0.3;
    const drawnShift = isPriceTest ? 0.04 + random() * 0.08 : (random() - 0.5) * 0.06;
    const lift = variation.isControl ? 0 : (story?.conversion ?? drawnLift);
    const valueShift = variation.isControl ? 0 : (story?.orderValue ?? drawnShift);
    const noise = 0.985 + random() * 0.03;
    const visitors = Math.round(visitorsPerHour * hours * (variation.percentage / 100));
    const orders = Math.round(visitors * baseConversion * (1 + lift) * noise);
    return {
      variation,
      visitors,
      orders,
      orderValue: baseOrderValue * (1 + valueShift),
      units: baseUnits * (1 + valueShift / 2),
      carts: Math.round(visitors * Math.min(0.5, baseConversion * (1 + lift) * cartFactor)),
      checkouts: Math.round(visitors * Math.min(0.3, baseConversion * (1 + lift) * checkoutFactor)),
    };
  });
  const control = observed.find((o) => o.variation.isControl) ?? observed[0];

  const enough = (x: (typeof observed)[number]) => x.visitors >= MIN_VISITORS_FOR_P2BB && x.orders >= MIN_ORDERS_FOR_P2BB;
  const everyoneHasEnough = observed.every(enough);
  const estimatesOf: Record<(typeof METRIC_KEYS)[number], (o: (typeof observed)[number]) => Estimate> = {
    conversion_rate: (o) => proportion(o.orders, o.visitors),
    add_to_cart_rate: (o) => proportion(o.carts, o.visitors),
    checkout_begin_rate: (o) => proportion(o.checkouts, o.visitors),
    net_revenue_per_visitor: (o) => perVisitor(o, 1),
    net_revenue_per_order: (o) => perOrder(o.orderValue, o.orders, 0.6),
    gross_profit_per_visitor: (o) => perVisitor(o, GROSS_MARGIN),
    gross_profit_per_order: (o) => perOrder(o.orderValue * GROSS_MARGIN, o.orders, 0.6),
    avg_units_per_order: (o) => perOrder(o.units, o.orders, 0.55),
  };
  const metrics = observed.map((o): VariationMetrics => ({ variation_id: o.variation.id, n_visitors: { value: o.visitors }, n_orders: { value: o.orders } }));
  for (const key of METRIC_KEYS) {
    const estimates = observed.map(estimatesOf[key]);
    // Best of all only once every variation has enough data; against control once both do.
    const best = everyoneHasEnough ? probabilitiesToBeBest(estimates) : null;
    observed.forEach((o, i) => {
      const c = o !== control && control !== undefined && enough(o) && enough(control) ? estimatesOf[key](control) : undefined;
      const value = describe(estimates[i], c, o === control);
      if (value.value !== null) value.p2bb = best?.[i] ?? null;
      metrics[i][key] = value;
    });
  }

  return {
    experienceId: experience.id,
    experienceName: experience.name,
    datasetId: 'variation_overview',
    latestRunTs: hours > 0 ? Math.floor(now / HOUR) * HOUR : null,
    variations,
    metrics,
    impact: { est_monthly_revenue_increase: monthlyRevenueIncrease(observed, metrics, control, hours) },
  };
}

const METRIC_KEYS = [
  'conversion_rate',
  'add_to_cart_rate',
  'checkout_begin_rate',
  'net_revenue_per_visitor',
  'net_revenue_per_order',
  'gross_profit_per_visitor',
  'gross_profit_per_order',
  'avg_units_per_order',
] as const;

/**
 * `round((treatment_rpv − control_rpv) × total_visitors × 30 / test_days)` for the non-control variation most likely
 * to be best on revenue per visitor; null while that cannot be said.
 */
function monthlyRevenueIncrease(
  observed: ReadonlyArray<{ variation: { isControl: boolean }; visitors: number }>,
  metrics: VariationMetrics[],
  control: { variation: { isControl: boolean } } | undefined,
  hours: number,
): number | null {
  const rpv = (i: number) => metrics[i]?.net_revenue_per_visitor as MetricValue | undefined;
  const controlIndex = observed.findIndex((o) => o === control);
  let best = -1;
  observed.forEach((o, i) => {
    if (o.variation.isControl || typeof rpv(i)?.p2bb !== 'number') return;
    if (best < 0 || (rpv(i)?.p2bb ?? 0) > (rpv(best)?.p2bb ?? 0)) best = i;
  });
  const days = hours / 24;
  const treatment = rpv(best)?.value;
  const base = rpv(controlIndex)?.value;
  if (best < 0 || days < 1 || typeof treatment !== 'number' || typeof base !== 'number') return null;
  const visitors = observed.reduce((sum, o) => sum + o.visitors, 0);
  return Math.round(((treatment - base) * visitors * 30) / days);
}

/** P(each is the largest) for independent normal posteriors, by integrating over a fine grid; three decimals. */
function probabilitiesToBeBest(estimates: Estimate[]): number[] | null {
  if (estimates.some((e) => e.mean === null || e.se <= 0)) return null;
  const normal = estimates as Array<{ mean: number; se: number }>;
  const low = Math.min(...normal.map((e) => e.mean - 8 * e.se));
  const high = Math.max(...normal.map((e) => e.mean + 8 * e.se));
  const steps = 2000;
  const dx = (high - low) / steps;
  const totals = normal.map(() => 0);
  for (let k = 0; k <= steps; k++) {
    const x = low + k * dx;
    const cdfs = normal.map((e) => normalCdf((x - e.mean) / e.se));
    normal.forEach((e, i) => {
      const density = Math.exp(-(((x - e.mean) / e.se) ** 2) / 2) / (e.se * Math.sqrt(2 * Math.PI));
      let others = 1;
      cdfs.forEach((cdf, j) => {
        if (j !== i) others *= cdf;
      });
      totals[i] = totals[i] + density * others * dx;
    });
  }
  const sum = totals.reduce((a, b) => a + b, 0);
  return totals.map((t) => Math.round((t / sum) * 1000) / 1000);
}

/** Hours the experience has been live: from its first start to its end, its pause, or now. */
function runningHours(experience: Experience, now: number): number {
  if (experience.startedAtTs == null) return 0;
  const stop = experience.endedAtTs ?? (experience.status === 'paused' ? experience.pausedAtTs : null) ?? experience.archivedAtTs ?? now;
  return Math.max(0, (stop - experience.startedAtTs) / HOUR);
}

/** A mean and its standard error; `null` mean when nothing was observed. */
interface Estimate {
  mean: number | null;
  se: number;
}

function proportion(successes: number, trials: number): Estimate {
  if (trials === 0) return { mean: null, se: 0 };
  const p = successes / trials;
  return { mean: p, se: Math.sqrt(Math.max(p * (1 - p), 1e-9) / trials) };
}

/** Revenue (or profit) per visitor: most visitors spend nothing, buyers spend around the order value. */
function perVisitor(o: { visitors: number; orders: number; orderValue: number }, share: number): Estimate {
  if (o.visitors === 0) return { mean: null, se: 0 };
  const value = o.orderValue * share;
  const buyRate = o.orders / o.visitors;
  const mean = buyRate * value;
  const secondMoment = buyRate * (value * value * (1 + 0.6 * 0.6));
  return { mean, se: Math.sqrt(Math.max(secondMoment - mean * mean, 1e-9) / o.visitors) };
}

function perOrder(mean: number, orders: number, coefficientOfVariation: number): Estimate {
  if (orders === 0) return { mean: null, se: 0 };
  return { mean, se: (mean * coefficientOfVariation) / Math.sqrt(orders) };
}

function describe(estimate: Estimate, control: Estimate | undefined, isControl: boolean): MetricValue {
  if (estimate.mean === null) return { value: null, uplift: null, p2bb: null, ...(isControl ? {} : { p2bc: null }), ci_low: null, ci_high: null };
  const value: MetricValue = {
    value: round(estimate.mean),
    ci_low: round(Math.max(0, estimate.mean - Z95 * estimate.se)),
    ci_high: round(estimate.mean + Z95 * estimate.se),
    uplift: null,
    p2bb: null,
    ...(isControl ? {} : { p2bc: null }),
  };
  if (isControl || !control || control.mean === null || control.mean === 0 || estimate.mean === 0) return value;
  const ratio = estimate.mean / control.mean;
  const seLog = Math.sqrt((estimate.se / estimate.mean) ** 2 + (control.se / control.mean) ** 2);
  value.uplift = { value: round(ratio - 1), ci_low: round(ratio * Math.exp(-Z95 * seLog) - 1), ci_high: round(ratio * Math.exp(Z95 * seLog) - 1) };
  const spread = Math.sqrt(estimate.se ** 2 + control.se ** 2);
  value.p2bc = spread > 0 ? Math.round(normalCdf((estimate.mean - control.mean) / spread) * 1000) / 1000 : null;
  return value;
}

function round(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** mulberry32 seeded with an FNV-1a hash of the text: small, fast, and the same sequence every run. */
function generator(seedText: string): () => number {
  let state = 2166136261;
  for (let i = 0; i < seedText.length; i++) state = Math.imul(state ^ seedText.charCodeAt(i), 16777619);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
