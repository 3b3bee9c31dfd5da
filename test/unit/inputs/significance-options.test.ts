import fc from 'fast-check';
import { InvalidInputError } from '../../../src/inputs/invalid-input';
import { readSignificanceOptions } from '../../../src/inputs/significance-options';

function rejection(input: Record<string, unknown>): InvalidInputError {
  try {
    readSignificanceOptions(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

describe('readSignificanceOptions', () => {
  it.each([
    ['missing', {}],
    ['empty strings', { metric: '', confidence: '', direction: '', experience_id: '', min_orders: '', min_days: '' }],
    ['whitespace and null', { metric: '  ', confidence: null, direction: ' ', experience_id: '   ', min_orders: '  ', min_days: null }],
  ])('means the defaults when %s', (_, input) => {
    expect(readSignificanceOptions(input)).toEqual({
      metric: 'net_revenue_per_visitor',
      confidence: 95,
      direction: 'either',
      experienceId: null,
      minOrders: 100,
      minDays: 7,
      fireWhen: 'threshold',
    });
  });

  it('reads every field', () => {
    expect(
      readSignificanceOptions({
        metric: 'conversion_rate',
        confidence: '97.5',
        direction: 'winner',
        experience_id: ' exp_1 ',
        min_orders: '250',
        min_days: '14',
        fire_when: ' Verdict ',
      }),
    ).toEqual({
      metric: 'conversion_rate',
      confidence: 97.5,
      direction: 'winner',
      experienceId: 'exp_1',
      minOrders: 250,
      minDays: 14,
      fireWhen: 'verdict',
    });
  });

  it('refuses a Fire When that is neither threshold nor verdict, naming the field', () => {
    const error = rejection({ fire_when: 'sometimes' });
    expect(error.field).toBe('fire_when');
    expect(error.message).toMatch(/Fire When.*sometimes.*threshold or verdict/);
  });

  it.each([
    ['50.01', 50.01],
    ['99.9', 99.9],
    [99.9, 99.9],
    ['95%', 95],
    [' 90 % ', 90],
  ])('accepts confidence %p', (confidence, expected) => {
    expect(readSignificanceOptions({ confidence }).confidence).toBe(expected);
  });

  it.each([['50'], [50], ['99.91'], ['100'], ['-95'], ['abc'], ['95 percent'], [true]])('refuses confidence %p naming the field', (confidence) => {
    const error = rejection({ confidence });
    expect(error.field).toBe('confidence');
    expect(error.message).toMatch(/^The Confidence \(%\) field must be a number above 50 and at most 99\.9, such as 95; got /);
  });

  it('explains a fraction typed where a percent is wanted', () => {
    expect(rejection({ confidence: '0.95' }).message).toContain('It looks like a fraction: enter 95 for 95 %.');
  });

  it('accepts a metric by key or by its label, case-insensitively', () => {
    expect(readSignificanceOptions({ metric: 'Add to Cart Rate' }).metric).toBe('add_to_cart_rate');
    expect(readSignificanceOptions({ metric: 'GROSS_PROFIT_PER_VISITOR' }).metric).toBe('gross_profit_per_visitor');
  });

  it('refuses an unknown metric naming the field and the choices', () => {
    const error = rejection({ metric: 'revenue' });
    expect(error.field).toBe('metric');
    expect(error.message).toContain('The Metric field has “revenue”, which is not an Intelligems metric.');
    expect(error.message).toContain('net_revenue_per_visitor (Revenue per Visitor)');
  });

  it('reads the direction case-insensitively and refuses anything else', () => {
    expect(readSignificanceOptions({ direction: 'Loser' }).direction).toBe('loser');
    const error = rejection({ direction: 'both' });
    expect(error.field).toBe('direction');
    expect(error.message).toBe('The Direction field has “both”. Pick winner, loser or either.');
  });

  it.each([
    ['0', 0],
    [0, 0],
    [' 300 ', 300],
    [1, 1],
  ])('reads Minimum Orders per Variation %p as %p (0 turns the guard off)', (min_orders, expected) => {
    expect(readSignificanceOptions({ min_orders }).minOrders).toBe(expected);
  });

  it.each([['12.5'], [12.5], ['-1'], ['many'], ['1,000'], [true], ['Infinity']])('refuses Minimum Orders per Variation %p naming the field', (min_orders) => {
    const error = rejection({ min_orders });
    expect(error.field).toBe('min_orders');
    expect(error.message).toBe(
      `The Minimum Orders per Variation field must be a whole number of 0 or more, such as 100 (0 turns this check off); got “${String(min_orders)}”.`,
    );
  });

  it.each([
    ['0', 0],
    ['3.5', 3.5],
    [14, 14],
  ])('reads Minimum Days Running %p as %p (fractions allowed, 0 turns the guard off)', (min_days, expected) => {
    expect(readSignificanceOptions({ min_days }).minDays).toBe(expected);
  });

  it.each([['-0.5'], ['a week'], [{}], ['NaN']])('refuses Minimum Days Running %p naming the field', (min_days) => {
    const error = rejection({ min_days });
    expect(error.field).toBe('min_days');
    expect(error.message).toMatch(
      /^The Minimum Days Running field must be a number of 0 or more, such as 7 or 3\.5 \(0 turns this check off\); got (“|a value of type object\.$)/,
    );
  });

  it('reads any value of a number field as a usable one or refuses it naming the field, never anything else', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('min_orders', 'min_days', 'confidence'),
        fc.oneof(fc.anything({ withNullPrototype: true, withBigInt: true }), fc.string(), fc.double()),
        (key, value) => {
          try {
            const options = readSignificanceOptions({ [key]: value });
            const threshold = key === 'min_orders' ? options.minOrders : key === 'min_days' ? options.minDays : options.confidence - 50;
            expect(Number.isFinite(threshold) && threshold >= 0).toBe(true);
            if (key === 'min_orders') expect(Number.isInteger(threshold)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidInputError);
            expect((error as InvalidInputError).field).toBe(key);
          }
        },
      ),
    );
  });
});
