/** The token bucket's memory: bounded however many keys it sees, forgetting the least recently used first. */
import { DEFAULT_MAX_BUCKETS, TokenBucketLimiter } from '../../sandbox/api/rate-limiter';

const config = { burst: 3, refill: 1, refillEveryMs: 60_000 };
const NOW = 1_800_000_000_000;

it('keeps at most maxBuckets buckets, forgetting the least recently used', () => {
  const limiter = new TokenBucketLimiter(config, 3);
  for (const key of ['a', 'b', 'c', 'a', 'a', 'd']) limiter.take(key, NOW);
  expect(limiter.size).toBe(3);
  // `a` was used last but one, so `b` went: `a` keeps its count, `b` starts again with a full bucket.
  expect(limiter.take('a', NOW).remaining).toBe(0);
  expect(limiter.take('b', NOW).remaining).toBe(2);
  expect(limiter.size).toBe(3);
});

it(`holds no more than ${DEFAULT_MAX_BUCKETS} buckets by default, however many keys come`, () => {
  const limiter = new TokenBucketLimiter(config);
  for (let i = 0; i < DEFAULT_MAX_BUCKETS * 3; i++) limiter.take(`key_${i}`, NOW);
  expect(limiter.size).toBe(DEFAULT_MAX_BUCKETS);
});

it('refuses a bound below one', () => {
  expect(() => new TokenBucketLimiter(config, 0)).toThrow(/maxBuckets/);
});
