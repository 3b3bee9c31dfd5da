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
    ['empty strings', { metric: '', confidence: '', direction: '', experience_id: '' }],
    ['whitespace and null', { metric: '  ', confidence: null, direction: ' ', experience_id: '   ' }],
  ])('means the defaults when %s', (_, input) => {
    expect(readSignificanceOptions(input)).toEqual({ metric: 'net_revenue_per_visitor', confidence: 95, direction: 'either', experienceId: null });
  });

  it('reads every field', () => {
    expect(readSignificanceOptions({ metric: 'conversion_rate', confidence: '97.5', direction: 'winner', experience_id: ' exp_1 ' })).toEqual({
      metric: 'conversion_rate',
      confidence: 97.5,
      direction: 'winner',
      experienceId: 'exp_1',
    });
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
});
