/**
 * The significance poll's budgets through the app tester and nock: the rate budget (reserve, per-poll cap, 429s), the
 * rotation through z.cache across polls, and the time budget.
 */
import nock from 'nock';
import { MAX_ANALYTICS_PER_POLL, RATE_LIMIT_RESERVE } from '../../../src/polling/budget';
import { App, PREFIX, appTester } from '../../helpers/app-tester';
import { API_KEY } from '../../helpers/signed-delivery';
import { analyticsFor, api, experiment, listOnce, winnerId } from '../../helpers/significance-api';
import { failureOf } from '../../helpers/zapier-failure';

const perform = (App.triggers as Record<string, any>).experiment_significant.operation.perform;
const authData = { apiKey: API_KEY };
const ANALYTICS = new RegExp(`^${PREFIX}/analytics/resource/([\\w-]+)$`);
const tester = appTester as typeof appTester & { zcacheTestObj: unknown };

let logs: string[];
beforeEach(() => {
  // A fresh z.cache for every test: the rotation must start from nothing unless a test carries it across polls.
  tester.zcacheTestObj = {};
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.join(' ')));
});
afterEach(() => {
  nock.abortPendingRequests();
  jest.restoreAllMocks();
  delete process.env.INTELLIGEMS_POLL_DEADLINE_MS;
  delete process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS;
});

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const poll = () => tester(perform, { authData, inputData: {} });
const resultIds = (items: Array<{ id: string }>) => items.map((i) => i.id);

/** Between two polls of one test: the first poll's analytics server must not answer the second's calls. */
const nextPoll = () => nock.cleanAll();

/**
 * No test here bets on the clock: a hung call never answers within the test (only a deadline or a timeout can end
 * it), and the deadline and timeouts are generous, so the calls that do answer always answer in time, however busy
 * the machine. A poll's deadline (ms) for the time-budget tests:
 */
const DEADLINE_MS = 2_500;
/** Longer than any test here runs: the hung calls' replies are aborted after each test. */
const NEVER_MS = 10 * 60_000;

/**
 * Every analytics call answered by `answer(id, callNumber)`, numbered as they arrive; `calls` records them in that
 * order. Without a `headers` answer the replies carry no rate-limit headers.
 */
function analyticsServer(
  answer: (id: string, call: number) => { status?: number; body?: unknown; headers?: Record<string, string>; delayMs?: number } = () => ({}),
) {
  const calls: string[] = [];
  const scope = api()
    .post(ANALYTICS, { view: 'overview', testResult: true })
    .times(1000)
    .reply(async (uri) => {
      const id = decodeURIComponent(ANALYTICS.exec(uri)![1]);
      calls.push(id);
      const { status = 200, body = analyticsFor(id, 0.99), headers = {}, delayMs = 0 } = answer(id, calls.length);
      // Unref'd: a reply the poll gave up on must not keep jest waiting after the file is done.
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
      return [status, body as nock.Body, headers];
    });
  return { calls, scope };
}

/** The one rotation this file's polls stored (same key and inputs). */
function storedCheckedAt(): Record<string, number> {
  const stored = Object.values(tester.zcacheTestObj as Record<string, string>);
  expect(stored).toHaveLength(1);
  return JSON.parse(stored[0]).checkedAt;
}

const rateHeaders = (remaining: number, resetAt = Date.now() + 17_000) => ({
  'x-ratelimit-remaining': String(remaining),
  'x-ratelimit-reset': String(resetAt),
});

describe('the rate budget', () => {
  it(`starts no analytics call that would take the key below the reserve of ${RATE_LIMIT_RESERVE}`, async () => {
    const experiments = ids('exp_', 10).map((id) => experiment(id));
    listOnce(experiments, undefined, rateHeaders(15));
    // The server counts down from the 15 the list answer left, as the published token bucket does.
    const server = analyticsServer((_, call) => ({ headers: rateHeaders(15 - call) }));
    const items = await poll();
    // 15 − 5 = 10: five calls, and the key still has its reserve for other Zaps and actions.
    expect(new Set(server.calls)).toEqual(new Set(ids('exp_', 5)));
    expect(resultIds(items)).toEqual(ids('exp_', 5).map(winnerId));
    expect(logs.join('\n')).toContain(
      `Checked 5 of 10 running experiments this time; 5 remain: they come first in the next polls (the key's rate budget reached the ${RATE_LIMIT_RESERVE} calls left for other Zaps and actions).`,
    );
  });

  it('fails as throttled, with the wait until the refill, when the reserve leaves no call for any experiment', async () => {
    listOnce([experiment('exp_a')], undefined, rateHeaders(RATE_LIMIT_RESERVE, Date.now() + 17_000));
    const server = analyticsServer();
    const failure = await failureOf(poll());
    expect(server.calls).toEqual([]);
    expect(failure.name).toBe('ThrottledError');
    expect(failure.delay).toBeGreaterThanOrEqual(16);
    expect(failure.delay).toBeLessThanOrEqual(17);
    expect(failure.message).toContain("Intelligems' rate limit for this API key is down to 10 calls, and this trigger leaves 10 for other Zaps and actions");
  });

  it('asks Zapier to wait at most 900 s, however far ahead the reset is stamped', async () => {
    listOnce([experiment('exp_a')], undefined, rateHeaders(RATE_LIMIT_RESERVE, Date.now() + 400 * 24 * 60 * 60 * 1000));
    analyticsServer();
    const failure = await failureOf(poll());
    expect(failure.name).toBe('ThrottledError');
    expect(failure.delay).toBe(900);
  });

  it(`makes at most ${MAX_ANALYTICS_PER_POLL} analytics calls per poll, and says how many wait for the next`, async () => {
    listOnce(ids('exp_', 45).map((id) => experiment(id)));
    const server = analyticsServer();
    const items = await poll();
    expect(new Set(server.calls)).toEqual(new Set(ids('exp_', MAX_ANALYTICS_PER_POLL)));
    expect(items).toHaveLength(MAX_ANALYTICS_PER_POLL);
    expect(logs.join('\n')).toContain(
      `Checked 30 of 45 running experiments this time; 15 remain: they come first in the next polls (a poll reads at most ${MAX_ANALYTICS_PER_POLL}).`,
    );
  });

  it('after a 429 on the (k+1)th call, starts no more calls and returns the k experiments’ alerts', async () => {
    const k = 3;
    listOnce(ids('exp_', 10).map((id) => experiment(id)));
    const server = analyticsServer((_, call) =>
      call <= k ? { delayMs: 150 } : { status: 429, body: { error: 'TooManyRequests', message: 'slow down', retryAfter: 9 }, headers: { 'Retry-After': '9' } },
    );
    const items = await poll();
    expect(resultIds(items)).toEqual(ids('exp_', k).map(winnerId));
    // Six start at once; the three that were answered 429 are all the poll spent after the first one.
    expect(server.calls).toHaveLength(6);
    expect(logs.join('\n')).toContain(
      'Checked 3 of 10 running experiments this time; 7 remain: they come first in the next polls (Intelligems rate-limited this key (HTTP 429), so the poll stopped early and returns the alerts found so far).',
    );
  });

  it('throws ThrottledError with Retry-After when the first calls are all answered 429', async () => {
    listOnce(ids('exp_', 4).map((id) => experiment(id)));
    analyticsServer(() => ({ status: 429, body: { error: 'TooManyRequests', message: 'slow down', retryAfter: 9 }, headers: { 'Retry-After': '23' } }));
    const failure = await failureOf(poll());
    expect(failure.name).toBe('ThrottledError');
    expect(failure.delay).toBe(23);
  });
});

describe('the rotation through z.cache', () => {
  it('checks the others first in the next poll, so 45 experiments are all checked within ⌈45 / 30⌉ = 2 polls', async () => {
    const all = ids('exp_', 45);
    const experiments = all.map((id) => experiment(id));
    listOnce(experiments);
    const first = analyticsServer();
    await poll();
    expect(new Set(first.calls)).toEqual(new Set(all.slice(0, 30)));
    const checkedAt = storedCheckedAt();
    const leastRecent = all
      .slice(0, 30)
      .sort((a, b) => checkedAt[a] - checkedAt[b] || all.indexOf(a) - all.indexOf(b))
      .slice(0, 15);

    nextPoll();
    listOnce(experiments);
    const second = analyticsServer();
    await poll();
    // The 15 never checked, then the 15 checked longest ago (each stamped when its check ended).
    expect(new Set(second.calls)).toEqual(new Set([...all.slice(30), ...leastRecent]));
    expect(new Set(second.calls.slice(0, 6))).toEqual(new Set(all.slice(30, 36)));
    expect(new Set([...first.calls, ...second.calls])).toEqual(new Set(all));
  });

  it('counts a failed experiment as checked, but not one answered 429 or never started: those come first next time', async () => {
    const experiments = ids('exp_', 8).map((id) => experiment(id));
    listOnce(experiments);
    // The 429 comes back first, before any slot frees up for exp_6.
    analyticsServer((id) =>
      id === 'exp_0'
        ? { status: 500, body: { error: 'Internal', message: 'boom' }, delayMs: 150 }
        : id === 'exp_5'
          ? { status: 429, body: {}, headers: { 'Retry-After': '5' } }
          : { delayMs: 150 },
    );
    await poll();
    // Six started at once (exp_0 … exp_5); the 429 stopped exp_6 and exp_7 from starting.
    expect(Object.keys(storedCheckedAt()).sort()).toEqual(ids('exp_', 5));

    nextPoll();
    listOnce(experiments);
    const next = analyticsServer();
    await poll();
    // The first six calls are the first wave (a seventh starts only once one of them is answered).
    expect(new Set(next.calls.slice(0, 6))).toEqual(new Set(['exp_5', 'exp_6', 'exp_7', 'exp_0', 'exp_1', 'exp_2']));
  });

  it('remembers the rotation under a key that holds no API key in clear, one per set of inputs', async () => {
    listOnce([experiment('exp_a')]);
    analyticsServer();
    await poll();
    nextPoll();
    listOnce([experiment('exp_a')]);
    analyticsServer();
    await tester(perform, { authData, inputData: { metric: 'conversion_rate' } });
    const stored = tester.zcacheTestObj as Record<string, string>;
    expect(Object.keys(stored)).toHaveLength(2);
    for (const [key, value] of Object.entries(stored)) {
      expect(key).toMatch(/^intelligems:significance-rotation:[0-9a-f]{64}$/);
      expect(`${key} ${value}`).not.toContain(API_KEY);
      expect(Object.keys(JSON.parse(value).checkedAt)).toEqual(['exp_a']);
    }
  });

  it('falls back to list order under the same cap where z.cache is unavailable, and says so', async () => {
    tester.zcacheTestObj = undefined; // core then calls Zapier's real cache service, which nock refuses
    const experiments = ids('exp_', 35).map((id) => experiment(id));
    for (let run = 0; run < 2; run++) {
      nextPoll();
      listOnce(experiments);
      const server = analyticsServer();
      await poll();
      expect(new Set(server.calls)).toEqual(new Set(ids('exp_', MAX_ANALYTICS_PER_POLL)));
    }
    const logged = logs.join('\n');
    expect(logged).toContain('Remembering which experiments were checked needs z.cache, which is not available here');
    expect(logged).toContain('checking running experiments in list order, at most 30 per poll.');
    expect(logged).toContain('Checked 30 of 35 running experiments this time; 5 remain: without z.cache the next polls start again from the top of the list');
  });
});

describe('the time budget', () => {
  it('at the deadline stops waiting for the hung calls and returns the fast experiments’ alerts', async () => {
    process.env.INTELLIGEMS_POLL_DEADLINE_MS = String(DEADLINE_MS);
    const experiments = ids('exp_', 8).map((id) => experiment(id));
    listOnce(experiments);
    const hung = new Set(['exp_0', 'exp_3']);
    analyticsServer((id) => (hung.has(id) ? { delayMs: NEVER_MS } : {}));
    // No clock bounds (a busy machine is slow): the hung calls never answer within the test, so only the deadline
    // can have ended this poll, and the log line below says it did.
    const items = await poll();
    expect(resultIds(items)).toEqual(
      ids('exp_', 8)
        .filter((id) => !hung.has(id))
        .map(winnerId),
    );
    const logged = logs.join('\n');
    expect(logged).toContain(`Stopped waiting at the poll's ${DEADLINE_MS / 1000} s time limit for the results of 2 experiment(s)`);
    expect(logged).toContain('“Test exp_0” (exp_0), “Test exp_3” (exp_3)');
  }, 20_000);

  it('counts the experiments it gave up on as checked, so later polls move on to the others first', async () => {
    process.env.INTELLIGEMS_POLL_DEADLINE_MS = String(DEADLINE_MS);
    const before = Date.now();
    listOnce(ids('exp_', 3).map((id) => experiment(id)));
    analyticsServer((id) => (id === 'exp_0' ? { delayMs: NEVER_MS } : {}));
    await poll();
    const checkedAt = storedCheckedAt();
    expect(Object.keys(checkedAt).sort()).toEqual(ids('exp_', 3));
    expect(checkedAt.exp_0).toBeGreaterThanOrEqual(before);
    // Stamped when the poll gave up on it, after the others answered: it comes back after them, not before.
    expect(checkedAt.exp_0).toBeGreaterThan(Math.max(checkedAt.exp_1, checkedAt.exp_2));
  }, 20_000);

  it('gives each analytics call its own timeout inside the poll’s time, so one hung call does not hold the rest', async () => {
    // Within the poll's 20 s: only exp_1's own timeout can end its call, and the others answer long before it.
    process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS = '2000';
    listOnce(ids('exp_', 3).map((id) => experiment(id)));
    analyticsServer((id) => (id === 'exp_1' ? { delayMs: NEVER_MS } : {}));
    const items = await poll();
    expect(resultIds(items)).toEqual(['exp_0', 'exp_2'].map(winnerId));
    expect(logs.join('\n')).toContain('Skipped experiment “Test exp_1” (exp_1) this time: Could not reach Intelligems');
    expect(logs.join('\n')).toContain('the request timed out');
  }, 20_000);
});
