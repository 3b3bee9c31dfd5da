/** A realistic static sample, built by the same rules as a real poll so it cannot drift from what `perform` returns. */
import type { Analytics } from '../../contract/published';
import { SAMPLE_EXPERIENCE } from '../sample-data';
import { evaluateSignificance, type SignificanceItem } from './evaluate';
import { DEFAULT_CONFIDENCE_PERCENT, DEFAULT_METRIC, DEFAULT_MIN_DAYS, DEFAULT_MIN_ORDERS } from '../../inputs/significance-options';

const DAY_MS = 24 * 60 * 60 * 1000;

export const SAMPLE_ANALYTICS: Analytics = {
  experienceId: SAMPLE_EXPERIENCE.id,
  experienceName: SAMPLE_EXPERIENCE.name,
  datasetId: 'variation_overview',
  latestRunTs: SAMPLE_EXPERIENCE.startedAtTs + 12 * DAY_MS,
  variations: SAMPLE_EXPERIENCE.variations,
  metrics: [
    {
      variation_id: 'var_control',
      n_visitors: { value: 10412 },
      n_orders: { value: 287 },
      net_revenue_per_visitor: { value: 2.48, p2bb: null, ci_low: 2.31, ci_high: 2.66 },
    },
    {
      variation_id: 'var_plus10',
      n_visitors: { value: 10377 },
      n_orders: { value: 281 },
      net_revenue_per_visitor: { value: 2.68, uplift: { value: 0.081, ci_low: 0.012, ci_high: 0.153 }, p2bb: 0.973, ci_low: 2.49, ci_high: 2.87 },
    },
  ],
};

const [sampleAlert] = evaluateSignificance(
  SAMPLE_ANALYTICS,
  SAMPLE_EXPERIENCE,
  // The default guards: the sample's 12 days and 281 and 287 orders pass them, as a real alert's would.
  {
    metric: DEFAULT_METRIC,
    confidence: DEFAULT_CONFIDENCE_PERCENT,
    direction: 'either',
    experienceId: null,
    minOrders: DEFAULT_MIN_ORDERS,
    minDays: DEFAULT_MIN_DAYS,
  },
  SAMPLE_EXPERIENCE.startedAtTs + 12 * DAY_MS + 3 * 60 * 60 * 1000,
);
if (sampleAlert === undefined) throw new Error('The significance sample must fire under the default options: fix SAMPLE_ANALYTICS.');
export const significanceSample: SignificanceItem = sampleAlert;
