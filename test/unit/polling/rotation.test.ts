import fc from 'fast-check';
import { checkOrder, readRotation, rememberChecks, rotationKey } from '../../../src/polling/rotation';
import type { SignificanceOptions } from '../../../src/inputs/significance-options';

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
