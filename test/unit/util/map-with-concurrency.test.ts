import { mapWithConcurrency } from '../../../src/util/map-with-concurrency';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapWithConcurrency', () => {
  it('keeps input order and never has more than `limit` calls in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const items = Array.from({ length: 20 }, (_, i) => i);
    const results = await mapWithConcurrency(items, 6, async (n) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await tick(n % 3 === 0 ? 5 : 1); // uneven durations, so finishing order differs from input order
      inFlight--;
      return n * 10;
    });
    expect(results).toEqual(items.map((n) => n * 10));
    expect(maxInFlight).toBe(6);
  });

  it('uses fewer workers than the limit for a short list, and handles an empty one', async () => {
    let maxInFlight = 0;
    let inFlight = 0;
    await mapWithConcurrency([1, 2], 6, async () => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await tick(1);
      inFlight--;
    });
    expect(maxInFlight).toBe(2);
    await expect(mapWithConcurrency([], 6, async () => 1)).resolves.toEqual([]);
  });

  it('stops starting new calls after the first failure, lets the ones in flight finish, then rejects with it', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const failure = new Error('throttled');
    const run = mapWithConcurrency(Array.from({ length: 30 }, (_, i) => i), 3, async (n) => {
      started.push(n);
      await tick(n === 5 ? 15 : 1);
      if (n === 4 || n === 6) throw n === 4 ? failure : new Error('second failure');
      finished.push(n);
      return n;
    });
    await expect(run).rejects.toBe(failure);
    // 5 was still in flight when 4 failed: it finished before the rejection, so nothing runs on afterwards.
    expect(finished).toContain(5);
    // 0-2 start, then 3, 4, 5 as their slots free; 3 finishes just before 4 fails and its worker takes 6;
    // once 4 has failed nothing new starts, though 24 items were still waiting.
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('refuses a limit that is not a positive integer', async () => {
    await expect(mapWithConcurrency([1], 0, async (n) => n)).rejects.toThrow(RangeError);
    await expect(mapWithConcurrency([1], 1.5, async (n) => n)).rejects.toThrow(RangeError);
  });
});
