import fc from 'fast-check';
import type { Experience } from '../../../src/contract/published';
import type { SignificanceOptions } from '../../../src/inputs/significance-options';
import { MAX_ANALYTICS_PER_POLL } from '../../../src/polling/budget';
import { pollExperiments, type PollPorts } from '../../../src/polling/poll-experiments';
import { checkOrder, loadRotation, readRotation, rememberChecks, rotationKey, saveRotation, type RotationMemory } from '../../../src/polling/rotation';
import { answeringCache, SET_ANSWERS, type SetAnswer } from '../../helpers/answering-cache';

const options: SignificanceOptions = { metric: 'net_revenue_per_visitor', confidence: 95, direction: 'either', experienceId: null, minOrders: 100, minDays: 7 };
const list = (...ids: string[]) => ids.map((id) => ({ id }));
const ids = (experiments: Array<{ id: string }>) => experiments.map((e) => e.id);

describe('checkOrder', () => {
  it('puts never-checked experiments first, in list order, then the least recently checked', () => {
    expect(ids(checkOrder(list('a', 'b', 'c', 'd', 'e'), { a: 300, b: 100, d: 200 }))).toEqual(['c', 'e', 'b', 'd', 'a']);
  });

  it('keeps list order among experiments checked at the same time', () => {
    expect(ids(checkOrder(list('a', 'b', 'c'), { a: 5, b: 5, c: 5 }))).toEqual(['a', 'b', 'c']);
  });

  it('keeps list order without a memory (z.cache unavailable)', () => {
    expect(ids(checkOrder(list('c', 'a', 'b'), null))).toEqual(['c', 'a', 'b']);
  });

  it('checks each of N experiments at least once every ⌈N / b⌉ polls, whatever the sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 35 }), (n, b) => {
        const experiments = list(...Array.from({ length: n }, (_, i) => `e${i}`));
        const window = Math.ceil(n / b);
        let memory = {};
        const lastPoll = new Map<string, number>();
        let longestGap = 0;
        for (let poll = 1; poll <= 3 * window; poll++) {
          const checked = ids(checkOrder(experiments, memory).slice(0, b));
          memory = rememberChecks(memory, Object.fromEntries(checked.map((id) => [id, poll * 1000])), ids(experiments)).checkedAt;
          for (const id of checked) lastPoll.set(id, poll);
          // Polls since each was last checked (never: since before the first poll), counted once a full window has run.
          if (poll >= window) for (const id of ids(experiments)) longestGap = Math.max(longestGap, poll - (lastPoll.get(id) ?? 0) + 1);
        }
        expect(longestGap).toBeLessThanOrEqual(window);
      }),
      { numRuns: 60 },
    );
  });
});

describe('rememberChecks', () => {
  it('stamps the checked ones, keeps the others’ times, and forgets experiments no longer running', () => {
    expect(rememberChecks({ a: 1, b: 2, gone: 3 }, { b: 50, c: 60, gone: 70 }, ['a', 'b', 'c', 'd'])).toEqual({ checkedAt: { a: 1, b: 50, c: 60 } });
  });
});

describe('readRotation', () => {
  it('reads what rememberChecks stored', () => {
    expect(readRotation(rememberChecks({}, { a: 7 }, ['a']))).toEqual({ a: 7 });
  });

  it.each([[null], [undefined], ['text'], [{ checkedAt: { a: 'yesterday' } }], [{ other: 1 }]])('starts afresh from %p', (stored) => {
    expect(readRotation(stored)).toEqual({});
  });
});

describe('rotationKey', () => {
  it('belongs to one kind of poll, one connection and one set of inputs, and never holds the API key in clear', () => {
    const inputs = Object.values(options);
    const key = rotationKey('significance', 'ig_live_secret_key', inputs);
    expect(key).toMatch(/^intelligems:significance-rotation:[0-9a-f]{64}$/);
    expect(key).not.toContain('ig_live_secret_key');
    expect(rotationKey('significance', 'ig_live_secret_key', [...inputs])).toBe(key);
    expect(rotationKey('significance', 'ig_other_key', inputs)).not.toBe(key);
    expect(rotationKey('results', 'ig_live_secret_key', inputs)).not.toBe(key);
    expect(rotationKey('significance', 'ig_live_secret_key', Object.values({ ...options, metric: 'conversion_rate' }))).not.toBe(key);
    expect(rotationKey('significance', 'ig_live_secret_key', Object.values({ ...options, minDays: 14 }))).not.toBe(key);
  });
});

describe('saveRotation', () => {
  const expected: Record<SetAnswer, { memory: RotationMemory; logged: RegExp | null }> = {
    true: { memory: 'remembered', logged: null },
    'false, key present': { memory: 'forgotten', logged: /cache refused the write\); the next poll may check the same ones first/ },
    'false, key absent': { memory: 'forgotten', logged: /cache refused the write\); the next poll may check the same ones first/ },
    null: { memory: 'remembered', logged: null },
    throws: { memory: 'forgotten', logged: /\(rpc is not available\); the next poll may check the same ones first/ },
  };

  it.each(SET_ANSWERS)('when set answers %s', async (answer) => {
    const { cache } = answeringCache(answer);
    const logs: string[] = [];
    const log = (line: string) => void logs.push(line);
    const describe = (error: unknown) => (error as Error).message;
    const rotation = await loadRotation(cache, 'rot', log, describe, 30);
    expect(await saveRotation(cache, rotation, { a: 5 }, ['a', 'b'], log, describe)).toBe(expected[answer].memory);
    const { logged } = expected[answer];
    if (logged === null) expect(logs).toEqual([]);
    else expect(logs.join('\n')).toMatch(logged);
  });

  it('is no_cache without a memory to save into, and remembered when there was nothing new to store', async () => {
    const { cache } = answeringCache('true');
    const quiet = () => undefined;
    expect(await saveRotation(cache, null, { a: 5 }, ['a'], quiet, String)).toBe('no_cache');
    expect(await saveRotation(cache, { key: 'rot', checkedAt: {} }, {}, ['a'], quiet, String)).toBe('remembered');
    expect(cache.sets).toBe(0);
  });
});

describe('a poll whose rotation the cache refuses to keep', () => {
  const experiments = Array.from({ length: 60 }, (_, i) => ({ id: `e${i}`, name: `E ${i}` }) as Experience);

  async function threePolls(answer: SetAnswer) {
    const { cache } = answeringCache(answer);
    const logs: string[] = [];
    const ports: PollPorts = {
      cache,
      log: (line) => void logs.push(line),
      describe: String,
      throttled: (message) => new Error(message),
      isThrottled: () => false,
      failsThePoll: () => false,
    };
    const checked: string[][] = [];
    let clock = 0;
    for (let poll = 0; poll < 3; poll++) {
      const read: string[] = [];
      await pollExperiments(
        {
          experiments,
          rotationKey: 'rot',
          deadline: 20_000,
          deadlineMs: 20_000,
          now: () => ++clock,
          rateLimit: () => undefined,
          read: async (e) => void read.push(e.id),
        },
        ports,
      );
      checked.push(read);
    }
    return { checked, logged: logs.join('\n') };
  }

  it('says honestly that the next poll may check the same ones first, never that the others come first', async () => {
    const { checked, logged } = await threePolls('false, key absent');
    // What the refusal costs: each poll reads the same first 30.
    expect(checked.map((ids) => ids.length)).toEqual([MAX_ANALYTICS_PER_POLL, MAX_ANALYTICS_PER_POLL, MAX_ANALYTICS_PER_POLL]);
    expect(checked[1]).toEqual(checked[0]);
    expect(logged).not.toContain('come first in the next polls');
    expect(logged).toContain(
      'Checked 30 of 60 running experiments this time; 30 remain: this poll could not be remembered, so the next poll may check the same ones first',
    );
  });

  it('with a cache that keeps it, checks all 60 within two polls and says the others come first', async () => {
    const { checked, logged } = await threePolls('true');
    expect(new Set([...checked[0], ...checked[1]]).size).toBe(60);
    expect(logged).toContain('30 remain: they come first in the next polls');
  });
});
