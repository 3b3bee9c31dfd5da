/**
 * Believable results for an experience nobody set results for: traffic that grows with the time it has run,
 * a true effect per variation drawn from a generator seeded by the experience id (so the same experience always
 * shows the same story), and `p2bb` computed the way a Bayesian readout does (normal approximation of the
 * posterior difference), `null` while there is too little data.
 */
import type { Analytics, Experience, MetricValue } from '../../src/contract/published';
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
  const metrics = observed.map((o) => {
    // Compared with the control only when both have enough data; otherwise uplift and p2bb stay null.
    const c = o !== control && control !== undefined && enough(o) && enough(control) ? control : undefined;
    const metric = (estimate: Estimate, controlEstimate: Estimate | undefined): MetricValue => describe(estimate, controlEstimate, o === control);
    return {
      variation_id: o.variation.id,
      n_visitors: { value: o.visitors },
      n_orders: { value: o.orders },
      conversion_rate: metric(proportion(o.orders, o.visitors), c && proportion(c.orders, c.visitors)),
      add_to_cart_rate: metric(proportion(o.carts, o.visitors), c && proportion(c.carts, c.visitors)),
      checkout_begin_rate: metric(proportion(o.checkouts, o.visitors), c && proportion(c.checkouts, c.visitors)),
      net_revenue_per_visitor: metric(perVisitor(o, 1), c && perVisitor(c, 1)),
      net_revenue_per_order: metric(perOrder(o.orderValue, o.orders, 0.6), c && perOrder(c.orderValue, c.orders, 0.6)),
      gross_profit_per_visitor: metric(perVisitor(o, GROSS_MARGIN), c && perVisitor(c, GROSS_MARGIN)),
      gross_profit_per_order: metric(perOrder(o.orderValue * GROSS_MARGIN, o.orders, 0.6), c && perOrder(c.orderValue * GROSS_MARGIN, c.orders, 0.6)),
      avg_units_per_order: metric(perOrder(o.units, o.orders, 0.55), c && perOrder(c.units, c.orders, 0.55)),
    };
  });

  return {
    experienceId: experience.id,
    experienceName: experience.name,
    datasetId: 'variation_overview',
    latestRunTs: hours > 0 ? Math.floor(now / HOUR) * HOUR : null,
    variations,
    metrics,
  };
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
  if (estimate.mean === null) return { value: null, uplift: null, p2bb: null, ci_low: null, ci_high: null };
  const value: MetricValue = {
    value: round(estimate.mean),
    ci_low: round(Math.max(0, estimate.mean - Z95 * estimate.se)),
    ci_high: round(estimate.mean + Z95 * estimate.se),
    uplift: null,
    p2bb: null,
  };
  if (isControl || !control || control.mean === null || control.mean === 0 || estimate.mean === 0) return value;
  const ratio = estimate.mean / control.mean;
  const seLog = Math.sqrt((estimate.se / estimate.mean) ** 2 + (control.se / control.mean) ** 2);
  value.uplift = { value: round(ratio - 1), ci_low: round(ratio * Math.exp(-Z95 * seLog) - 1), ci_high: round(ratio * Math.exp(Z95 * seLog) - 1) };
  const spread = Math.sqrt(estimate.se ** 2 + control.se ** 2);
  value.p2bb = spread > 0 ? Math.round(normalCdf((estimate.mean - control.mean) / spread) * 1000) / 1000 : null;
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
