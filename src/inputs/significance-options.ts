/**
 * The significance trigger's inputs, read in code: Zapier does not always send a field's default, so an empty or
 * missing input means its default here, and anything unusable is an InvalidInputError naming the field.
 */
import { InvalidInputError, optionalText } from './invalid-input';
import { METRIC_LABELS, type MetricKey } from '../contract/published';

/** The metrics offered in the dropdown, in the order a merchant thinks of them. */
export const SIGNIFICANCE_METRICS = [
  'net_revenue_per_visitor',
  'conversion_rate',
  'net_revenue_per_order',
  'gross_profit_per_visitor',
  'add_to_cart_rate',
] as const satisfies ReadonlyArray<MetricKey>;

export const DIRECTIONS = ['winner', 'loser', 'either'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** The side of the threshold a variation actually crossed. */
export type CrossedDirection = Exclude<Direction, 'either'>;

/** When the trigger fires: the chosen Confidence is crossed, or Intelligems' own verdict is a strong win or loss. */
export const FIRE_WHEN = ['threshold', 'verdict'] as const;
export type FireWhen = (typeof FIRE_WHEN)[number];

export const DEFAULT_METRIC: MetricKey = 'net_revenue_per_visitor';
export const DEFAULT_CONFIDENCE_PERCENT = 95;
/** At 50 % or below "significant" would mean no better than a coin toss. */
export const MIN_CONFIDENCE_PERCENT_EXCLUSIVE = 50;
/** p2bb is reported to about three decimals; a stricter threshold could never be reached. */
export const MAX_CONFIDENCE_PERCENT = 99.9;
export const DEFAULT_DIRECTION: Direction = 'either';
/**
 * The guards against early noise. Intelligems recommends running a test at least a week, for day-of-week swings, and
 * until each group has 200–300 orders; 100 orders per arm is a floor that filters day-one noise on smaller stores too.
 */
export const DEFAULT_MIN_ORDERS = 100;
export const DEFAULT_MIN_DAYS = 7;

export const FIELD_LABELS = {
  metric: 'Metric',
  confidence: 'Confidence (%)',
  direction: 'Direction',
  minOrders: 'Minimum Orders per Variation',
  minDays: 'Minimum Days Running',
  fireWhen: 'Fire When',
} as const;

export interface SignificanceOptions {
  metric: MetricKey;
  /** Percent, above 50 and at most 99.9. */
  confidence: number;
  direction: Direction;
  /** Only this experience, when set. */
  experienceId: string | null;
  /** Orders the variation and the control each need before either fires; 0 = no guard. */
  minOrders: number;
  /** Days since the experiment started before it fires; 0 = no guard. */
  minDays: number;
  /** `threshold` when missing. */
  fireWhen?: FireWhen;
}

export function readSignificanceOptions(inputData: Record<string, unknown> | undefined): SignificanceOptions {
  const input = inputData ?? {};
  return {
    metric: readMetric(input.metric),
    confidence: readConfidence(input.confidence),
    direction: readDirection(input.direction),
    experienceId: optionalText(input.experience_id),
    minOrders: readGuard(input.min_orders, 'min_orders', FIELD_LABELS.minOrders, DEFAULT_MIN_ORDERS, { whole: true, example: 'such as 100' }),
    minDays: readGuard(input.min_days, 'min_days', FIELD_LABELS.minDays, DEFAULT_MIN_DAYS, { whole: false, example: 'such as 7 or 3.5' }),
    fireWhen: readFireWhen(input.fire_when),
  };
}

function readFireWhen(value: unknown): FireWhen {
  const text = optionalText(value)?.toLowerCase() ?? 'threshold';
  const found = FIRE_WHEN.find((f) => f === text);
  if (!found) throw new InvalidInputError('fire_when', `The ${FIELD_LABELS.fireWhen} field has “${text}”. Pick threshold or verdict.`);
  return found;
}

function readMetric(value: unknown): MetricKey {
  const text = optionalText(value);
  if (text === null) return DEFAULT_METRIC;
  const wanted = text.toLowerCase();
  // The key, or its label as shown in the dropdown (a user may type "Revenue per Visitor" in a custom value).
  for (const [key, label] of Object.entries(METRIC_LABELS) as Array<[MetricKey, string]>) {
    if (key === wanted || label.toLowerCase() === wanted) return key;
  }
  const offered = SIGNIFICANCE_METRICS.map((key) => `${key} (${METRIC_LABELS[key]})`).join(', ');
  throw new InvalidInputError('metric', `The ${FIELD_LABELS.metric} field has “${text}”, which is not an Intelligems metric. Pick one of: ${offered}.`);
}

function readConfidence(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_CONFIDENCE_PERCENT;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(/\s*%$/, '') : null;
  if (text === '') return DEFAULT_CONFIDENCE_PERCENT;
  const percent = text === null ? NaN : Number(text);
  const range = `a number above ${MIN_CONFIDENCE_PERCENT_EXCLUSIVE} and at most ${MAX_CONFIDENCE_PERCENT}, such as 95`;
  if (!Number.isFinite(percent)) {
    throw new InvalidInputError('confidence', `The ${FIELD_LABELS.confidence} field must be ${range}; got ${shown(value)}.`);
  }
  if (percent <= MIN_CONFIDENCE_PERCENT_EXCLUSIVE || percent > MAX_CONFIDENCE_PERCENT) {
    const hint = percent > 0 && percent <= 1 ? ` It looks like a fraction: enter ${+(percent * 100).toFixed(1)} for ${+(percent * 100).toFixed(1)} %.` : '';
    throw new InvalidInputError('confidence', `The ${FIELD_LABELS.confidence} field must be ${range}; got ${text}.${hint}`);
  }
  return percent;
}

function readDirection(value: unknown): Direction {
  const text = optionalText(value);
  if (text === null) return DEFAULT_DIRECTION;
  const wanted = text.toLowerCase();
  const found = DIRECTIONS.find((d) => d === wanted);
  if (!found) {
    throw new InvalidInputError('direction', `The ${FIELD_LABELS.direction} field has “${text}”. Pick winner, loser or either.`);
  }
  return found;
}

/** A guard's threshold: empty = its default, 0 = off, otherwise a (whole, for counts) number of at least 0. */
function readGuard(value: unknown, key: string, label: string, fallback: number, rule: { whole: boolean; example: string }): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : null;
  if (text === '') return fallback;
  const number = text === null ? NaN : Number(text);
  const wanted = `${rule.whole ? 'a whole number' : 'a number'} of 0 or more, ${rule.example} (0 turns this check off)`;
  if (!Number.isFinite(number) || number < 0 || (rule.whole && !Number.isInteger(number))) {
    throw new InvalidInputError(key, `The ${label} field must be ${wanted}; got ${shown(value)}.`);
  }
  return number;
}

/** A value as a message quotes it: text and numbers as they are, anything else by its kind (it may not even print). */
function shown(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? `“${String(value)}”` : `a value of type ${typeof value}`;
}
