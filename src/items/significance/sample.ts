/** A realistic static sample, built by the same rules as a real poll so it cannot drift from what `perform` returns. */
import { SAMPLE_ANALYTICS, SAMPLE_EXPERIENCE } from '../sample-data';
import { evaluateSignificance, type SignificanceItem } from './evaluate';
import { DEFAULT_CONFIDENCE_PERCENT, DEFAULT_METRIC, DEFAULT_MIN_DAYS, DEFAULT_MIN_ORDERS } from '../../inputs/significance-options';

const DAY_MS = 24 * 60 * 60 * 1000;

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
