import { newerReading, readRateLimit } from '../../../src/api/rate-limit';

const headers = (values: Record<string, string>) => (name: string) => values[name] ?? null;

describe('readRateLimit', () => {
  it('reads remaining and the reset time (Unix ms) from the published headers', () => {
    expect(readRateLimit(headers({ 'x-ratelimit-remaining': '37', 'x-ratelimit-reset': '1764412230000' }))).toEqual({ remaining: 37, resetAt: 1764412230000 });
  });

  it('keeps a reading without a usable reset time', () => {
    expect(readRateLimit(headers({ 'x-ratelimit-remaining': ' 0 ', 'x-ratelimit-reset': 'soon' }))).toEqual({ remaining: 0, resetAt: null });
  });

  it.each([[undefined], [''], ['-1'], ['2.5'], ['lots']])('has no reading when remaining is %p', (remaining) => {
    expect(readRateLimit(headers(remaining === undefined ? {} : { 'x-ratelimit-remaining': remaining }))).toBeUndefined();
  });
});

describe('newerReading', () => {
  const step1 = (remaining: number) => ({ remaining, resetAt: 1_000 });
  const step2 = (remaining: number) => ({ remaining, resetAt: 31_000 });

  it('takes the first reading there is', () => {
    expect(newerReading(undefined, step1(40))).toEqual(step1(40));
  });

  it('within one refill step, keeps the lowest remaining whatever order answers arrive in', () => {
    expect(newerReading(step1(38), step1(40))).toEqual(step1(38));
    expect(newerReading(step1(40), step1(38))).toEqual(step1(38));
  });

  it('a later refill step wins, and a late answer from an earlier step is ignored', () => {
    expect(newerReading(step1(12), step2(35))).toEqual(step2(35));
    expect(newerReading(step2(35), step1(11))).toEqual(step2(35));
  });

  it('prefers a reading that says when the bucket refills', () => {
    expect(newerReading({ remaining: 5, resetAt: null }, step1(9))).toEqual(step1(9));
  });
});
