import { runWithinBudget, type RunBudget, type RunOutcome } from '../../../src/polling/run-within-budget';

const FAR = () => Date.now() + 60_000;
const budget = (overrides: Partial<RunBudget> = {}): RunBudget => ({
  concurrency: 2,
  deadline: FAR(),
  minTimeToStart: 0,
  mayStart: () => true,
  stopsTheRun: () => false,
  ...overrides,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const statuses = (outcomes: Array<RunOutcome<unknown>>) => outcomes.map((o) => (o.status === 'not_started' ? `not_started:${o.why}` : o.status));

describe('runWithinBudget', () => {
  it('runs everything with at most `concurrency` in flight, outcomes in input order', async () => {
    let inFlight = 0;
    let most = 0;
    const outcomes = await runWithinBudget([30, 5, 20, 1, 10], budget({ concurrency: 2 }), async (ms) => {
      most = Math.max(most, ++inFlight);
      await sleep(ms);
      inFlight--;
      return ms * 2;
    });
    expect(outcomes).toEqual([30, 5, 20, 1, 10].map((ms) => ({ status: 'fulfilled', value: ms * 2 })));
    expect(most).toBe(2);
  });

  it('keeps a failure as an outcome and goes on, unless the failure stops the run', async () => {
    const outcomes = await runWithinBudget(['a', 'boom', 'c'], budget({ concurrency: 1 }), async (item) => {
      if (item === 'boom') throw new Error('boom');
      return item;
    });
    expect(statuses(outcomes)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('starts nothing more after a stopping failure, and lets the ones in flight finish', async () => {
    const started: string[] = [];
    const outcomes = await runWithinBudget(
      ['slow', '429', 'c', 'd'],
      budget({ concurrency: 2, stopsTheRun: (error) => (error as Error).message === '429' }),
      async (item) => {
        started.push(item);
        if (item === '429') throw new Error('429');
        await sleep(item === 'slow' ? 30 : 0);
        return item;
      },
    );
    expect(started).toEqual(['slow', '429']);
    expect(statuses(outcomes)).toEqual(['fulfilled', 'rejected', 'not_started:stopped', 'not_started:stopped']);
  });

  it('asks the gate before every start, with the number in flight, and asks again when a call settles', async () => {
    let allowance = 3;
    const asked: number[] = [];
    const outcomes = await runWithinBudget(
      [1, 2, 3, 4, 5],
      budget({
        concurrency: 2,
        mayStart: (inFlight) => {
          asked.push(inFlight);
          return allowance - inFlight > 0;
        },
      }),
      async (n) => {
        await sleep(5);
        allowance--;
        return n;
      },
    );
    expect(statuses(outcomes)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'not_started:budget', 'not_started:budget']);
    expect(asked[0]).toBe(0);
    expect(asked[1]).toBe(1);
  });

  it('at the deadline gives up on unfinished calls, starts no more, and returns what it has', async () => {
    // An injected clock (jest's fake timers drive Date.now and setTimeout alike): the fast calls finish at 5 and 10 ms
    // and the deadline comes at 1 s however busy the machine is. The hanging calls never settle.
    jest.useFakeTimers();
    try {
      const run = runWithinBudget(['fast', 'hang', 'fast2', 'hang2', 'late'], budget({ concurrency: 2, deadline: Date.now() + 1_000 }), (item) =>
        item.startsWith('hang') ? new Promise<string>(() => undefined) : sleep(5).then(() => item),
      );
      await jest.advanceTimersByTimeAsync(1_000);
      expect(statuses(await run)).toEqual(['fulfilled', 'abandoned', 'fulfilled', 'abandoned', 'not_started:deadline']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('starts nothing with less than minTimeToStart left', async () => {
    const outcomes = await runWithinBudget([1], budget({ deadline: Date.now() + 50, minTimeToStart: 100 }), async (n) => n);
    expect(statuses(outcomes)).toEqual(['not_started:deadline']);
  });

  it('treats a task that throws before its first await like any failed task', async () => {
    const outcomes = await runWithinBudget([1], budget(), () => {
      throw new TypeError('sync');
    });
    expect(statuses(outcomes)).toEqual(['rejected']);
  });

  it('returns at once for no items, and refuses a concurrency below 1', async () => {
    await expect(runWithinBudget([], budget(), async () => 1)).resolves.toEqual([]);
    expect(() => runWithinBudget([1], budget({ concurrency: 0 }), async () => 1)).toThrow(RangeError);
  });
});
