import type { Experience } from '../../../src/contract/published';
import { MAX_ANALYTICS_PER_POLL } from '../../../src/polling/budget';
import { MAX_DAY_MEMORY_CHARS, dayMemoryKey, pollOncePerDay } from '../../../src/polling/day-memory';
import type { PollPorts } from '../../../src/polling/poll-experiments';
import { answeringCache, type SetAnswer } from '../../helpers/answering-cache';

const experiments = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, name: `Test ${i}` }) as Experience);

/** Pollers sharing one cache, as the Zaps of one connection share Zapier's; each result is `id@read number`. */
function world(answer: SetAnswer = 'true', pad = '') {
  const { cache, stored } = answeringCache(answer);
  const logs: string[] = [];
  const reads: string[] = [];
  const ports: PollPorts = {
    cache,
    log: (line) => void logs.push(line),
    describe: String,
    throttled: (message) => new Error(message),
    isThrottled: () => false,
    failsThePoll: () => false,
  };
  let clock = 0;
  const poll = (list: Experience[]) =>
    pollOncePerDay(
      {
        experiments: list,
        memoryKey: 'day',
        pack: (result: string) => result,
        unpack: (_id, value) => (typeof value === 'string' ? value : null),
        rotationKey: 'rot',
        deadline: 20_000,
        deadlineMs: 20_000,
        now: () => ++clock,
        rateLimit: () => undefined,
        read: async (e) => {
          reads.push(e.id);
          return `${e.id}@${reads.length}${pad}`;
        },
      },
      ports,
    );
  return { poll, reads, logs, stored };
}

describe('pollOncePerDay', () => {
  it('reads each of 200 experiments once, never over the per-poll cap, and every poll returns all of the day so far', async () => {
    const { poll, reads } = world();
    const all = experiments(200);
    const results = new Set<string>();
    for (let i = 0; i < 7; i++) {
      const before = reads.length;
      const returned = await poll(all);
      expect(reads.length - before).toBeLessThanOrEqual(MAX_ANALYTICS_PER_POLL);
      expect(returned).toHaveLength(reads.length);
      returned.forEach((r) => results.add(r));
    }
    expect(new Set(reads)).toEqual(new Set(all.map((e) => e.id)));
    expect(reads).toHaveLength(200);
    // Later that day: nothing is read; the same 200 results come back, in list order.
    const later = await poll(all);
    expect(reads).toHaveLength(200);
    expect(later.map((r) => r.split('@')[0])).toEqual(all.map((e) => e.id));
    expect(new Set(later)).toEqual(results);
  });

  it('gives two pollers sharing the cache every result, each experiment read once', async () => {
    const { poll, reads } = world();
    const all = experiments(MAX_ANALYTICS_PER_POLL + 5);
    const first = await poll(all);
    const second = await poll(all);
    expect(first).toHaveLength(MAX_ANALYTICS_PER_POLL);
    expect(second).toHaveLength(all.length);
    expect(second).toEqual(expect.arrayContaining(first));
    expect(reads).toHaveLength(all.length);
  });

  it('keeps the result of an experiment that stopped after it was read today', async () => {
    const { poll } = world();
    await poll(experiments(3));
    expect((await poll(experiments(2))).map((r) => r.split('@')[0])).toEqual(['e0', 'e1', 'e2']);
  });

  it('says when the day does not fit in the cache, and reads what was left out again rather than lose it', async () => {
    // Each result about a fifth of the limit: four fit.
    const { poll, reads, logs, stored } = world('true', 'x'.repeat(Math.floor(MAX_DAY_MEMORY_CHARS / 5)));
    const all = experiments(6);
    await poll(all);
    expect(JSON.stringify(stored.get('day')).length).toBeLessThanOrEqual(MAX_DAY_MEMORY_CHARS);
    expect(logs.join('\n')).toMatch(/2 more experiment\(s\) do not fit/);
    const again = await poll(all);
    expect(reads.slice(6)).toEqual(['e4', 'e5']);
    expect(again).toHaveLength(6);
  });

  it('says when the cache refuses the day, and reads the experiments again rather than lose a row', async () => {
    const { poll, reads, logs } = world('false, key absent');
    await poll(experiments(2));
    expect(logs.join('\n')).toMatch(/Could not remember today's results \(Zapier's cache refused the write\)/);
    expect(await poll(experiments(2))).toHaveLength(2);
    expect(reads).toEqual(['e0', 'e1', 'e0', 'e1']);
  });
});

describe('dayMemoryKey', () => {
  it('differs by connection, inputs and day, and never holds the API key', () => {
    const key = dayMemoryKey('results', 'sk_live_secret', ['pricing', null], '2026-01-02');
    expect(key).not.toContain('sk_live_secret');
    expect(
      new Set([
        key,
        dayMemoryKey('results', 'other', ['pricing', null], '2026-01-02'),
        dayMemoryKey('results', 'sk_live_secret', [null, null], '2026-01-02'),
        dayMemoryKey('results', 'sk_live_secret', ['pricing', null], '2026-01-03'),
      ]).size,
    ).toBe(4);
  });
});
