/**
 * The significance trigger against a sandbox with a large account, over loopback: the published rate limit with 50
 * running experiments (every poll used to fail with ThrottledError), and analytics that hang.
 */
import nock from 'nock';
import { MAX_ANALYTICS_PER_POLL, RATE_LIMIT_RESERVE } from '../../src/polling/budget';
import { sandboxClient } from '../../sandbox/client';
import { bulkExperimentId } from '../../sandbox/state/bulk-seeds';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';
import { pointAppAt } from '../../sandbox/zapier/point-app-at';
import { App, appTester } from '../helpers/app-tester';

const perform = (App.triggers as Record<string, any>).experiment_significant.operation.perform;
const tester = appTester as typeof appTester & { zcacheTestObj: unknown };
let restoreApiUrl: (() => void) | undefined;
const ANALYTICS_LINE = /^POST \/v25-10-beta\/analytics\/resource\/([\w-]+) → (\d+)/;

let sandbox: RunningSandbox | undefined;
let requests: string[];
let logs: string[];

beforeAll(() => nock.restore());
beforeEach(() => {
  tester.zcacheTestObj = {};
  requests = [];
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.join(' ')));
});
afterEach(async () => {
  jest.restoreAllMocks();
  delete process.env.INTELLIGEMS_POLL_DEADLINE_MS;
  await sandbox?.close();
  sandbox = undefined;
  restoreApiUrl?.();
  restoreApiUrl = undefined;
});

async function start(options: Parameters<typeof startSandbox>[0]): Promise<RunningSandbox> {
  sandbox = await startSandbox({ port: 0, log: (line) => requests.push(line), ...options });
  restoreApiUrl = pointAppAt(sandbox.url);
  return sandbox;
}

const poll = (inputData: Record<string, string> = {}) => tester(perform, { authData: { apiKey: sandbox!.apiKey }, inputData });
/** Experience ids whose analytics the sandbox answered with this status, in the order it answered. */
const answered = (status = 200) => requests.flatMap((line) => (ANALYTICS_LINE.exec(line)?.[2] === String(status) ? [ANALYTICS_LINE.exec(line)![1]] : []));

it('with 50 running experiments and the published budget, no poll fails: each spends at most 30 calls and leaves the reserve', async () => {
  let limiterClock = Date.now();
  await start({ runningExperiments: 46, rateLimitNow: () => limiterClock }); // + the 4 seeded running experiments
  const running = sandbox!.store.listExperiences({ status: 'started', category: 'experiment' }).map((e) => e.id);
  expect(running).toHaveLength(50);
  const remainingNow = async () => Number((await sandboxClient(sandbox!)('GET', '/experiences-list?limit=1')).headers.get('x-ratelimit-remaining')) + 1;

  await poll();
  const first = answered();
  expect(first).toHaveLength(MAX_ANALYTICS_PER_POLL);
  expect(answered(429)).toEqual([]);
  expect(await remainingNow()).toBe(50 - 1 - MAX_ANALYTICS_PER_POLL); // 19: the list, 30 analytics calls

  // A second Zap on the same key within 30 s (its own inputs, so its own rotation) reads what the budget allows.
  requests = [];
  await poll({ metric: 'conversion_rate' });
  const second = answered();
  expect(second.length).toBeGreaterThan(0);
  expect(await remainingNow()).toBeGreaterThanOrEqual(RATE_LIMIT_RESERVE);

  // Five minutes later the first Zap polls again and checks the 20 it has not checked yet first.
  limiterClock += 5 * 60_000;
  requests = [];
  await poll();
  const third = answered();
  expect(third).toHaveLength(MAX_ANALYTICS_PER_POLL);
  expect(answered(429)).toEqual([]);
  expect(logs.join('\n')).not.toContain('rate-limited');
  expect(third.filter((id) => !first.includes(id)).sort()).toEqual(running.filter((id) => !first.includes(id)).sort());
  expect(new Set([...first, ...third])).toEqual(new Set(running)); // ⌈50 / 30⌉ = 2 polls of this Zap
});

it('returns the fast experiments’ alerts at the deadline while chosen experiments’ analytics hang', async () => {
  // Generous: the 13 fast experiments always answer within it on a busy machine; the hung ones never answer, so only
  // the deadline ends their calls.
  process.env.INTELLIGEMS_POLL_DEADLINE_MS = '4000';
  await start({ runningExperiments: 16, rateLimit: false });
  const hung = [0, 5, 9].map(bulkExperimentId);
  for (const id of hung) sandbox!.store.setAnalyticsHanging(id, true);
  const running = sandbox!.store.listExperiences({ status: 'started', category: 'experiment' }).map((e) => e.id);

  // At 50.1 % nearly every variation is a winner or a loser, so there are many alerts to lose.
  const inputs = { min_days: '0', min_orders: '0', confidence: '50.1' };
  const items = await poll(inputs);
  expect(answered().sort()).toEqual(running.filter((id) => !hung.includes(id)).sort());
  expect(logs.join('\n')).toMatch(/Stopped waiting at the poll's 4 s time limit for the results of 3 experiment\(s\)/);

  // Nothing the fast experiments had to say was lost: the same poll with nothing hanging finds the same alerts, and more.
  for (const id of hung) sandbox!.store.setAnalyticsHanging(id, false);
  const everything = await poll(inputs);
  const alertIds = (list: Array<{ id: string }>) => list.map((i) => i.id);
  expect(alertIds(items).length).toBeGreaterThan(5);
  expect(alertIds(items)).toEqual(alertIds(everything).filter((id) => !hung.some((h) => id.startsWith(`${h}:`))));
}, 30_000);
