/**
 * A list page whose body breaks off, over real loopback HTTP: the client reads the pages of a whole-list reading
 * itself (raw), so the break reaches its own reader, not core's. The sandbox holds 150 experiences (two pages of 100);
 * a deviating API in front of it cuts one page in the middle of its body, or sends part of it and then nothing.
 */
import nock from 'nock';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';
import { pointAppAt } from '../../sandbox/zapier/point-app-at';
import { App, appTester } from '../helpers/app-tester';
import { capturingLog } from '../helpers/console-log';
import { asIs, startDeviatingApi, type DeviatingApi, type Reply, type Upstream } from '../helpers/deviating-api';
import { failureOf } from '../helpers/zapier-failure';

const poll = (App.triggers as Record<string, any>).experience_event_poll.operation.perform;
let sandbox: RunningSandbox;
let api: DeviatingApi | undefined;
let restoreApiUrl: (() => void) | undefined;

beforeAll(async () => {
  nock.restore();
  sandbox = await startSandbox({ port: 0, rateLimit: false, runningExperiments: 150 });
});
afterEach(async () => {
  delete process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS;
  restoreApiUrl?.();
  restoreApiUrl = undefined;
  await api?.close();
  api = undefined;
});
afterAll(async () => {
  await sandbox.close();
});

/** The sandbox behind an API that answers page `page` of the list with `reply` instead. */
async function deviatingOnPage(page: number, reply: (forward: () => Promise<Upstream>) => Promise<Reply>) {
  api = await startDeviatingApi(sandbox.url, async (request, forward) => {
    const onPage = request.path.includes('/experiences-list') && new URL(request.path, 'http://x').searchParams.get('page') === String(page);
    return onPage ? reply(forward) : asIs(await forward());
  });
  restoreApiUrl = pointAppAt(api.url);
}
/** The page as the sandbox has it, its connection dropped after the first 1,000 bytes (sent in chunks). */
const droppedMidBody = async (forward: () => Promise<Upstream>): Promise<Reply> => ({
  ...asIs(await forward()),
  cut: { afterBytes: 1000, then: 'drop' },
});

const runPoll = () => appTester(poll, { authData: { apiKey: sandbox.apiKey }, inputData: {} });
const OVERRIDDEN = 'Could not reach Intelligems at http://127.0.0.1:\\d+ \\(set by INTELLIGEMS_API_URL\\) while checking for new experience events';

it('a poll whose later page is cut mid-body returns the events of the pages before it, and says so', async () => {
  await deviatingOnPage(2, droppedMidBody);
  const { result, logs } = await capturingLog(runPoll, { httpLog: 'summary' });
  expect((result as unknown[]).length).toBeGreaterThan(0);
  expect(logs).toMatch(
    new RegExp(`Read 1 page\\(s\\) of the experience list this time, not all of them \\(${OVERRIDDEN}: the connection failed or was dropped`),
  );
  expect(logs).toContain('Read 100 experience(s) on 1 page(s) of the experience list');
});

it('a poll whose first page is cut mid-body fails with a message naming the step, not a bare error', async () => {
  await deviatingOnPage(1, droppedMidBody);
  const failure = await failureOf(runPoll());
  expect(failure.name).toBe('AppError');
  expect(failure.message).toMatch(new RegExp(`${OVERRIDDEN}: the connection failed or was dropped`));
  expect(failure.message).not.toMatch(/FetchError|[Pp]remature|\n\s+at /);
});

it('a first page that stops arriving fails as stalled once its time is up, and the app closes the connection', async () => {
  // Headers and the start of a body at once, then silence with the connection left open: only the app's time limit
  // ends the reading. Nothing else is waited for, so the 2 s limit races nothing.
  await deviatingOnPage(1, async () => ({ status: 200, body: { experiencesList: [], totalPages: 1 }, cut: { afterBytes: 10, then: 'stall' } }));
  process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS = '2000';
  const failure = await failureOf(runPoll());
  expect(failure.name).toBe('AppError');
  expect(failure.message).toMatch(new RegExp(`${OVERRIDDEN}: the answer stopped arriving before it was complete`));
  // Were the connection left open, this would never resolve and the test would fail by jest's timeout.
  await api!.stalledConnectionsClosed();
});
