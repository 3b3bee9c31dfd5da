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

export const DEFAULT_METRIC: MetricKey = 'net_revenue_per_visitor';
export const DEFAULT_CONFIDENCE_PERCENT = 95;
/** At 50 % or below "significant" would mean no better than a coin toss. */
export const MIN_CONFIDENCE_PERCENT_EXCLUSIVE = 50;
/** p2bb is reported to about three decimals; a stricter threshold could never be reached. */
export const MAX_CONFIDENCE_PERCENT = 99.9;
export const DEFAULT_DIRECTION: Direction = 'either';

export const FIELD_LABELS = {
  metric: 'Metric',
  confidence: 'Confidence (%)',
  direction: 'Direction',
} as const;

export interface SignificanceOptions {
  metric: MetricKey;
  /** Percent, above 50 and at most 99.9. */
  confidence: number;
  direction: Direction;
  /** Only this experience, when set. */
  experienceId: string | null;
}

export function readSignificanceOptions(inputData: Record<string, unknown> | undefined): SignificanceOptions {
  const input = inputData ?? {};
  return {
    metric: readMetric(input.metric),
    confidence: readConfidence(input.confidence),
    direction: readDirection(input.direction),
    experienceId: optionalText(input.experience_id),
  };
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
    throw new InvalidInputError('confidence', `The ${FIELD_LABELS.confidence} field must be ${range}; got “${String(value)}”.`);
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
