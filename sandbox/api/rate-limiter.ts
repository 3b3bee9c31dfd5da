/**
 * Intelligems' token bucket: `burst` tokens to start with, `refill` more every `refillEveryMs`, never above
 * `burst`. One bucket per API key. Refill is in steps, as the API's `x-ratelimit-reset` (the next step) implies.
 * The server asks for a bucket only once a key is authenticated; the bound below is the second line of defence.
 */
export interface RateLimitConfig {
  burst: number;
  refill: number;
  refillEveryMs: number;
}

/**
 * Buckets kept at most. Past it the least recently used key is forgotten, and starts again with a full bucket: a
 * more generous answer for that key, never an unbounded amount of memory.
 */
export const DEFAULT_MAX_BUCKETS = 10_000;

/** The published budget for v25-10-beta experience endpoints. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { burst: 50, refill: 25, refillEveryMs: 30_000 };

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix ms of the next refill step. */
  resetAt: number;
  /** Whole seconds until a token is back (only meaningful when not allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  /** When the current refill step began. */
  stepStartedAt: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: RateLimitConfig,
    private readonly maxBuckets: number = DEFAULT_MAX_BUCKETS,
  ) {
    if (!(config.burst >= 1 && config.refill >= 1 && config.refillEveryMs >= 1)) {
      throw new RangeError(`rateLimit needs burst, refill and refillEveryMs of at least 1 (got ${JSON.stringify(config)}).`);
    }
    if (!(Number.isInteger(maxBuckets) && maxBuckets >= 1)) throw new RangeError(`maxBuckets must be a whole number of at least 1 (got ${maxBuckets}).`);
  }

  /** How many keys have a bucket. */
  get size(): number {
    return this.buckets.size;
  }

  take(key: string, now: number): RateLimitDecision {
    const { burst, refill, refillEveryMs } = this.config;
    const bucket = this.buckets.get(key) ?? { tokens: burst, stepStartedAt: now };
    const steps = Math.floor((now - bucket.stepStartedAt) / refillEveryMs);
    if (steps > 0) {
      bucket.tokens = Math.min(burst, bucket.tokens + steps * refill);
      bucket.stepStartedAt += steps * refillEveryMs;
    }
    // A full bucket has nothing to refill: the clock for the next step starts with the first token taken.
    if (bucket.tokens >= burst) bucket.stepStartedAt = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    // Deleted and set again, so the Map's order is least recently used first and the oldest goes when full.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
    const resetAt = bucket.stepStartedAt + refillEveryMs;
    return {
      allowed,
      limit: burst,
      remaining: Math.floor(bucket.tokens),
      resetAt,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
    };
  }
}
