import {
  MAX_ANALYTICS_PER_POLL,
  POLL_DEADLINE_MS,
  RATE_LIMIT_RESERVE,
  ANALYTICS_TIMEOUT_MS,
  describeReserveReached,
  mayStartCall,
  pollDeadlineMs,
  secondsUntilRefill,
} from '../../../src/polling/budget';
import { retryAfterSeconds } from '../../../src/api/failure';
import { MAX_RETRY_AFTER_SECONDS } from '../../../src/util/wait-cap';

describe('the poll’s budgets', () => {
  it('are the agreed numbers: 30 calls, a reserve of 10, 20 s in all and 8 s per call', () => {
    expect([MAX_ANALYTICS_PER_POLL, RATE_LIMIT_RESERVE, POLL_DEADLINE_MS, ANALYTICS_TIMEOUT_MS]).toEqual([30, 10, 20_000, 8_000]);
  });
});

describe('mayStartCall', () => {
  const reading = (remaining: number) => ({ remaining, resetAt: 0 });

  it('starts a call that leaves exactly the reserve, and none that would go below it', () => {
    expect(mayStartCall(reading(11), 0)).toBe(true); // 11 − 1 = 10 left
    expect(mayStartCall(reading(10), 0)).toBe(false); // 10 − 1 = 9 left
  });

  it('counts every call in flight as spent, since the last reading may not include it yet', () => {
    expect(mayStartCall(reading(17), 6)).toBe(true); // 17 − 6 − 1 = 10
    expect(mayStartCall(reading(16), 6)).toBe(false);
  });

  it('has no rate limit to respect when the API sent no reading (the per-poll cap still holds)', () => {
    expect(mayStartCall(undefined, 5)).toBe(true);
  });

  it('takes another reserve', () => {
    expect(mayStartCall(reading(3), 0, 2)).toBe(true);
    expect(mayStartCall(reading(2), 0, 2)).toBe(false);
  });
});

describe('secondsUntilRefill', () => {
  it('rounds up to whole seconds, at least one', () => {
    expect(secondsUntilRefill({ remaining: 0, resetAt: 10_500 }, 1_000)).toBe(10);
    expect(secondsUntilRefill({ remaining: 0, resetAt: 10_001 }, 1_000)).toBe(10);
    expect(secondsUntilRefill({ remaining: 0, resetAt: 900 }, 1_000)).toBe(1);
  });

  it('never asks for a longer wait than a 429 may: a reset 400 days ahead waits 900 s', () => {
    const now = 1_000;
    expect(secondsUntilRefill({ remaining: 0, resetAt: now + 400 * 24 * 60 * 60 * 1000 }, now)).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(MAX_RETRY_AFTER_SECONDS).toBe(900);
    expect(retryAfterSeconds(String(400 * 24 * 60 * 60), undefined, now)).toBe(MAX_RETRY_AFTER_SECONDS);
  });

  it('says a minute when the API did not say when', () => {
    expect(secondsUntilRefill({ remaining: 0, resetAt: null }, 1_000)).toBe(60);
    expect(secondsUntilRefill(undefined, 1_000)).toBe(60);
  });
});

describe('pollDeadlineMs', () => {
  it('is 20 s, and the environment can only shorten it', () => {
    expect(pollDeadlineMs({})).toBe(20_000);
    expect(pollDeadlineMs({ INTELLIGEMS_POLL_DEADLINE_MS: '400' })).toBe(400);
    expect(pollDeadlineMs({ INTELLIGEMS_POLL_DEADLINE_MS: '60000' })).toBe(20_000);
    expect(pollDeadlineMs({ INTELLIGEMS_POLL_DEADLINE_MS: 'soon' })).toBe(20_000);
  });
});

describe('describeReserveReached', () => {
  it('says what is left, what is kept for others and when Zapier tries again', () => {
    expect(describeReserveReached({ remaining: 10, resetAt: 0 }, 17)).toBe(
      "Intelligems' rate limit for this API key is down to 10 calls, and this trigger leaves 10 for other Zaps and actions, so no experiment's results were read this time. Zapier will try again in 17 seconds.",
    );
  });
});
