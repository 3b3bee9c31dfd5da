/**
 * A list page whose connection drops after its headers, over real loopback HTTP: the app reads list pages' bodies
 * itself (raw), so the drop reaches the app's own reading, not core's. The sandbox holds 150 experiences (two pages of
 * 100); a deviating API in front of it cuts one page in the middle of its body.
 */
import nock from 'nock';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';
import { App, appTester } from '../helpers/app-tester';
import { asIs, startDeviatingApi, type DeviatingApi } from '../helpers/deviating-api';
import { failureOf } from '../helpers/zapier-failure';

const poll = (App.triggers as Record<string, any>).experience_event_poll.operation.perform;
let sandbox: RunningSandbox;
let api: DeviatingApi | undefined;
const previousApiUrl = process.env.INTELLIGEMS_API_URL;

beforeAll(async () => {
  nock.restore();
  sandbox = await startSandbox({ port: 0, rateLimit: false, runningExperiments: 150 });
});
afterEach(async () => {
  delete process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS;
  await api?.close();
  api = undefined;
});
afterAll(async () => {
  await sandbox.close();
  if (previousApiUrl === undefined) delete process.env.INTELLIGEMS_API_URL;
  else process.env.INTELLIGEMS_API_URL = previousApiUrl;
});

/**
 * node-fetch leaves a body's timeout timer running after the body fails: with the default 20 s it would hold this
 * worker open that long after the suite. 5 s is still far beyond a loopback answer, so nothing races it.
 */
const REQUEST_TIMEOUT_MS = '5000';

/** The sandbox behind an API that cuts page `cutPage` of the list after its first 1,000 bytes. */
async function cuttingPage(cutPage: number, lengthAnnounced = false): Promise<void> {
  api = await startDeviatingApi(sandbox.url, async (request, forward) => {
    const upstream = await forward();
    const cut = request.path.includes('/experiences-list') && new URL(request.path, 'http://x').searchParams.get('page') === String(cutPage);
    return cut ? { ...asIs(upstream), cutAfterBytes: 1000, lengthAnnounced } : asIs(upstream);
  });
  process.env.INTELLIGEMS_API_URL = api.url;
  process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS = REQUEST_TIMEOUT_MS;
}

async function logged(run: () => Promise<unknown>): Promise<{ result: unknown; logs: string }> {
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  process.env.LOG_TO_STDOUT = '1';
  try {
    return { result: await run(), logs: lines.join('\n') };
  } finally {
    delete process.env.LOG_TO_STDOUT;
    spy.mockRestore();
  }
}

const DROPPED =
  /Could not reach Intelligems at http:\/\/127\.0\.0\.1:\d+ \(set by INTELLIGEMS_API_URL\) while checking for new experience events: the connection failed or was dropped/;

it('a poll whose later page is cut mid-body returns the events of the pages before it, and says so', async () => {
  await cuttingPage(2);
  const { result, logs } = await logged(() => appTester(poll, { authData: { apiKey: sandbox.apiKey }, inputData: {} }));
  expect((result as unknown[]).length).toBeGreaterThan(0);
  expect(logs).toMatch(
    /Read 1 page\(s\) of the experience list this time, not all of them \(Could not reach Intelligems .*the connection failed or was dropped/,
  );
  expect(logs).toContain('Read 100 experience(s) on 1 page(s) of the experience list');
});

it('a poll whose first page is cut mid-body fails with a message naming the step, not a bare error', async () => {
  await cuttingPage(1);
  const failure = await failureOf(appTester(poll, { authData: { apiKey: sandbox.apiKey }, inputData: {} }));
  expect(failure.name).toBe('AppError');
  expect(failure.message).toMatch(DROPPED);
  expect(failure.message).not.toMatch(/FetchError|[Pp]remature|\n\s+at /);
});

it('a page cut mid-body whose whole length was announced ends at the request timeout, with the same kind of message', async () => {
  // node-fetch does not notice a connection closed before an announced length is reached: only the timeout ends the
  // reading, which is why every call has one. The body never completes, so the short timeout races nothing.
  await cuttingPage(1, true);
  process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS = '500';
  const failure = await failureOf(appTester(poll, { authData: { apiKey: sandbox.apiKey }, inputData: {} }));
  expect(failure.name).toBe('AppError');
  expect(failure.message).toMatch(/while checking for new experience events: the request timed out/);
  expect(failure.message).not.toMatch(/FetchError|\n\s+at /);
});
