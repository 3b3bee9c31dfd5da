import type { Experience } from '../../../src/contract/published';
import type { SignificanceItem } from '../../../src/items/significance/evaluate';
import { describeAbandoned, describeWaiting, readPollOutcome } from '../../../src/polling/outcome';
import type { RunOutcome } from '../../../src/polling/run-within-budget';

const experience = (id: string): Experience => ({ id, name: `Test ${id}`, type: 'pricing', category: 'experiment', status: 'started' });
const alert = { id: 'a:b:net_revenue_per_visitor:winner' } as SignificanceItem;
const throttled = new Error('429');
const isThrottled = (error: unknown) => error === throttled;

describe('readPollOutcome', () => {
  it('counts answered, failed and given-up experiments as checked, and neither a 429 nor an unstarted one', () => {
    const chosen = ['ok', 'fail', 'hung', '429', 'later'].map(experience);
    const outcomes: Array<RunOutcome<SignificanceItem[]>> = [
      { status: 'fulfilled', value: [alert] },
      { status: 'rejected', reason: new Error('HTTP 500') },
      { status: 'abandoned' },
      { status: 'rejected', reason: throttled },
      { status: 'not_started', why: 'stopped' },
    ];
    const result = readPollOutcome(chosen, outcomes, isThrottled);
    expect(result.checkedIds).toEqual(['ok', 'fail', 'hung']);
    expect([...result.alerts]).toEqual([['ok', [alert]]]);
    expect(result.failed.map((f) => f.experience.id)).toEqual(['fail']);
    expect(result.abandoned.map((e) => e.id)).toEqual(['hung']);
    expect(result.throttled).toBe(throttled);
    expect(result.stoppedByDeadline).toBe(true);
    expect(result.blockedByBudget).toBe(false);
  });

  it('says what stopped the unstarted ones: the budget or the deadline', () => {
    const result = readPollOutcome(
      ['a', 'b'].map(experience),
      [
        { status: 'not_started', why: 'budget' },
        { status: 'not_started', why: 'deadline' },
      ],
      isThrottled,
    );
    expect([result.blockedByBudget, result.stoppedByDeadline, result.checkedIds]).toEqual([true, true, []]);
  });
});

describe('the log lines', () => {
  it('say nothing waits when every running experiment was checked', () => {
    const result = readPollOutcome(['a'].map(experience), [{ status: 'fulfilled', value: [] }], isThrottled);
    expect(describeWaiting(result, 1, 'remembered', 20_000)).toBeNull();
  });

  it('give every reason the others wait, and what the next polls do without z.cache', () => {
    const result = readPollOutcome(['a', 'b'].map(experience), [{ status: 'abandoned' }, { status: 'rejected', reason: throttled }], isThrottled);
    const line = describeWaiting(result, 40, 'no_cache', 20_000)!;
    // The counts: 1 checked of 40, 39 remain; the per-poll cap of 30.
    expect(line).toMatch(/\b1 of 40\b/);
    expect(line).toMatch(/\b39 remain/);
    expect(line).toMatch(/at most 30\b/);
    // Every reason: no z.cache, the 429, the deadline of 20 s.
    expect(line).toContain('without z.cache');
    expect(line).toContain('HTTP 429');
    expect(line).toMatch(/\b20 s time limit/);
  });

  it('name the experiments given up on at the deadline', () => {
    const line = describeAbandoned(['x', 'y'].map(experience), 20_000);
    expect(line).toMatch(/\b20 s time limit/);
    expect(line).toMatch(/\b2 experiment\(s\)/);
    expect(line).toContain('“Test x” (x)');
    expect(line).toContain('“Test y” (y)');
    expect(line).toContain('later poll');
  });
});
