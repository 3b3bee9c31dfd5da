/**
 * The API fault matrix: every call the app makes × every answer a real API gives. Each cell asserts the message a
 * user sees (which call, what went wrong, what to do), the z.errors type, and that no API key or secret leaks into
 * the error or a log line. Calls are collected from the app definition, so new operations must be added as rows.
 */
import { PassThrough } from 'node:stream';
import nock from 'nock';
import { authentication } from '../../src/authentication';
import { SAMPLE_EXPERIENCE } from '../../src/items/sample-data';
import { API, App, PREFIX, appTester } from '../helpers/app-tester';
import { ACCOUNT_SECRET, API_KEY, SUBSCRIPTION_SECRET } from '../helpers/signed-delivery';
import { failureOf } from '../helpers/zapier-failure';

type AnyRecord = Record<string, any>;
type Method = 'get' | 'post' | 'delete';

const authData = { apiKey: API_KEY, webhookSecret: ACCOUNT_SECRET };
const EXPERIENCE_ID = SAMPLE_EXPERIENCE.id;
const RETRY_AFTER_SECONDS = 17;
/**
 * The client timeout of the `timeout` column only, set just before the failing request is sent (see `armTimeout`): the
 * requests that answer run with the default 20 s timeout, and the failing one never answers, so no cell races the clock.
 */
const TIMEOUT_MS = 200;

// ---- the faults ----

type FaultKey = '400' | '401' | '403' | '404' | '409' | '429' | '500' | '502' | 'dropped' | 'timeout' | 'body_timeout' | 'not_json' | 'wrong_shape';

/** The API echoes the key and the account secret in its own messages: they must be redacted before a user sees them. */
const apiError = (error: string, what: string) => ({ error, message: `${what} (key ${API_KEY}, secret ${ACCOUNT_SECRET})` });

const FAULTS: Record<FaultKey, (interceptor: nock.Interceptor) => nock.Scope> = {
  '400': (i) => i.reply(400, apiError('ValidationError', 'limit must be at most 100')),
  '401': (i) => i.reply(401, apiError('Unauthorized', 'Invalid access token')),
  '403': (i) => i.reply(403, apiError('Forbidden', 'Missing scope experiences:write')),
  '404': (i) => i.reply(404, apiError('NotFound', 'Not found')),
  '409': (i) => i.reply(409, apiError('Conflict', 'Transition not allowed')),
  '429': (i) =>
    i.reply(429, { error: 'TooManyRequests', message: 'Rate limit exceeded', retryAfter: RETRY_AFTER_SECONDS }, { 'Retry-After': String(RETRY_AFTER_SECONDS) }),
  '500': (i) => i.reply(500, apiError('InternalServerError', 'Unexpected error')),
  '502': (i) => i.reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'Content-Type': 'text/html' }),
  // An Error object, not a plain one: nock 14 hangs on `replyWithError({code})` with node-fetch (nock/nock#2829).
  dropped: (i) => i.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
  // Never answers within the test (pending requests are aborted after each cell): only the client's timeout ends it.
  timeout: (i) => i.delay(10 * 60_000).reply(200, {}),
  // The status and headers arrive, then part of the body, and never the rest: core reads most bodies, the client
  // itself those of a whole-list reading (nock's delayBody would hold the headers back too).
  body_timeout: (i) => i.reply(200, () => stalledBody(), { 'Content-Type': 'application/json' }),
  not_json: (i) => i.reply(200, '<html>Maintenance</html>', { 'Content-Type': 'text/html' }),
  wrong_shape: (i) => i.reply(200, { data: [{ id: 42 }], experience: 'nope', webhook: null, experiencesList: 'nope', metrics: 7 }),
};
const FAULT_KEYS = Object.keys(FAULTS) as FaultKey[];

/** A body that begins and never ends. */
function stalledBody(): PassThrough {
  const body = new PassThrough();
  body.write('{"experiencesList": [');
  return body;
}

// ---- what each fault must tell the user, unless a call says otherwise ----

interface ErrorOutcome {
  type: 'AppError' | 'ExpiredAuthError' | 'ThrottledError';
  /** What went wrong. */
  what: RegExp;
  /** What to do. */
  todo: RegExp;
  delay?: number;
}
/** Some answers are not failures for some calls (e.g. unsubscribing from a webhook that is already gone). */
interface SuccessOutcome {
  success: (result: unknown, logs: string) => void;
}
type Outcome = ErrorOutcome | SuccessOutcome;

const DEFAULT_OUTCOMES: Record<FaultKey, ErrorOutcome> = {
  '400': {
    type: 'AppError',
    what: /refused the request .*\(HTTP 400\)\. Intelligems said: “limit must be at most 100/,
    todo: /Check the values mapped into this step/,
  },
  '401': { type: 'ExpiredAuthError', what: /rejected the API key .*\(HTTP 401\)/, todo: /Create a new key .* reconnect Intelligems in Zapier/ },
  '403': { type: 'AppError', what: /not allowed to do this .*\(HTTP 403\)/, todo: /Give the key the needed permission/ },
  // Calls of a list or collection (a 404 for one item is overridden by its row).
  '404': {
    type: 'AppError',
    what: /answered “not found” .*\(HTTP 404\): the API address this app calls does not exist/,
    todo: /contact the integration's support/,
  },
  '409': {
    type: 'AppError',
    what: /refused the request .*\(HTTP 409\)\. Intelligems said: “Transition not allowed/,
    todo: /Check the values mapped into this step/,
  },
  '429': {
    type: 'ThrottledError',
    what: /rate-limiting requests .*\(HTTP 429\)/,
    todo: new RegExp(`try again in ${RETRY_AFTER_SECONDS} seconds`),
    delay: RETRY_AFTER_SECONDS,
  },
  '500': { type: 'AppError', what: /having trouble .*\(HTTP 500\)/, todo: /try again in a few minutes/ },
  '502': { type: 'AppError', what: /having trouble .*\(HTTP 502\)/, todo: /try again in a few minutes/ },
  dropped: { type: 'AppError', what: /Could not reach Intelligems .*the connection failed or was dropped/, todo: /try again in a few minutes/ },
  timeout: { type: 'AppError', what: /Could not reach Intelligems .*the request timed out/, todo: /try again in a few minutes/ },
  body_timeout: {
    type: 'AppError',
    what: /Could not reach Intelligems .*the answer stopped arriving before it was complete/,
    todo: /try again in a few minutes/,
  },
  not_json: { type: 'AppError', what: /answer this app does not understand .*the body is not JSON/, todo: /Try again; if it keeps happening, contact/ },
  wrong_shape: { type: 'AppError', what: /answer this app does not understand .*unexpected shape \(\S+: /, todo: /Try again; if it keeps happening, contact/ },
};

// ---- the calls ----

interface CallRow {
  name: string;
  /** How every message names this call. */
  call: RegExp;
  run: () => Promise<unknown>;
  /**
   * Answers that succeed before the failing request; the last one calls `armTimeout` as it answers, once its own
   * timeout is set, so only the failing request runs with the short one.
   */
  before?: (armTimeout: () => void) => void;
  /** The failing request. */
  target: { method: Method; path: string | RegExp };
  /** Answers after the failing one (e.g. the lookup that explains a refused action). */
  after?: (fault: FaultKey) => void;
  outcomes?: Partial<Record<FaultKey, Outcome>>;
}

const listPath = `${PREFIX}/experiences-list`;
const intercept = (method: Method, path: string | RegExp) => {
  const scope = nock(API, { reqheaders: { 'intelligems-access-token': API_KEY } });
  const interceptor = method === 'get' ? scope.get(path) : method === 'post' ? scope.post(path) : scope.delete(path);
  return path === listPath ? interceptor.query(true) : interceptor;
};
const ok = (method: Method, path: string | RegExp, body: unknown) => intercept(method, path).reply(200, body as nock.Body);

const triggers = App.triggers as AnyRecord;
const creates = App.creates ?? {};
const searches = (App.searches ?? {}) as AnyRecord;
const hookTriggers = Object.values(triggers).filter((t) => t.operation.type === 'hook');
// Every hook trigger comes from one factory (src/triggers/instant-trigger.ts): its calls fail alike, so one
// representative runs the matrix, and a case below checks that every hook trigger shares its functions.
const hookTrigger = hookTriggers[0];
// The polling event triggers likewise come from one factory (src/triggers/experience-events/polling-trigger.ts).
const eventPollingTriggers = Object.values(triggers).filter((t) => t.operation.type === 'polling' && t.key.endsWith('_poll'));
const eventPollingTrigger = eventPollingTriggers[0];

const run = (fn: unknown, bundle: AnyRecord) => appTester(fn, bundle, true);
const isEmptyList = (result: unknown) => expect(result).toEqual([]);

const ROWS: CallRow[] = [
  {
    name: 'auth test',
    call: /while testing the connection/,
    run: () => run(authentication.test, { authData, inputData: {} }),
    target: { method: 'get', path: listPath },
  },
  ...[hookTrigger].flatMap((trigger): CallRow[] => [
    {
      name: `${trigger.key}: subscribe`,
      call: /while turning on the Zap \(subscribing to Intelligems webhooks\)|“New Experience \(Webhook\)” cannot turn on/,
      run: () => run(trigger.operation.performSubscribe, { authData, inputData: {}, targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc/' }),
      target: { method: 'post', path: `${PREFIX}/webhooks` },
      outcomes: {
        // An account without the webhook API: the polling twin, by its label, works there.
        '404': {
          type: 'AppError',
          what: /This Intelligems account does not offer webhook subscriptions through its API/,
          todo: /Use “New Experience” instead; it checks for new events every few minutes\./,
        },
      },
    },
    {
      name: `${trigger.key}: unsubscribe`,
      call: /while turning off the Zap \(removing its Intelligems webhook\)/,
      run: () =>
        run(trigger.operation.performUnsubscribe, { authData, inputData: {}, subscribeData: { id: 'wh_123', secret: SUBSCRIPTION_SECRET, events: [] } }),
      target: { method: 'delete', path: `${PREFIX}/webhooks/wh_123` },
      outcomes: {
        // Already gone is what turning off wants; the body of a successful DELETE is not used, so it cannot be wrong.
        '404': { success: (result) => expect(result).toEqual({ id: 'wh_123', result: 'already_gone' }) },
        not_json: { success: (result) => expect(result).toEqual({ id: 'wh_123', result: 'deleted' }) },
        wrong_shape: { success: (result) => expect(result).toEqual({ id: 'wh_123', result: 'deleted' }) },
      },
    },
    {
      name: `${trigger.key}: performList`,
      call: /while loading recent experience events/,
      run: () => run(trigger.operation.performList, { authData, inputData: {} }),
      target: { method: 'get', path: listPath },
    },
  ]),
  ...Object.values(creates).map((create): CallRow => ({
    name: `${create.key}`,
    call: /(starting|pausing|ending) experience “|refused to (start|pause|end) |nothing was (started|paused|ended)/,
    run: () => run(create.operation.perform, { authData, inputData: { experience_id: EXPERIENCE_ID } }),
    target: { method: 'post', path: new RegExp(`^${PREFIX}/experiences/${EXPERIENCE_ID}/actions/(start|pause|end)$`) },
    // A refusal is explained with the experience's name and state, from a lookup after it; an action done (2xx) whose
    // answer does not hold the experience is looked up, never a failed step.
    after: (fault) => {
      if (['400', '409', 'not_json', 'wrong_shape'].includes(fault))
        ok('get', `${PREFIX}/experiences/${EXPERIENCE_ID}`, { experience: { ...SAMPLE_EXPERIENCE, status: 'ended' } });
    },
    outcomes: {
      not_json: { success: (result) => expect(result).toMatchObject({ experience_id: EXPERIENCE_ID, experience_status: 'ended' }) },
      wrong_shape: { success: (result) => expect(result).toMatchObject({ experience_id: EXPERIENCE_ID, experience_status: 'ended' }) },
      '400': {
        type: 'AppError',
        what: /refused to (start|pause|end) the Price Test “Spring pricing” \(ID [\w-]+\) while it is ended \(HTTP 400\)\. Intelligems said: “limit must be/,
        todo: /ended experience cannot be started, paused or ended again|nothing to do/,
      },
      '409': {
        type: 'AppError',
        what: /refused to (start|pause|end) the Price Test “Spring pricing” \(ID [\w-]+\) while it is ended \(HTTP 409\)/,
        todo: /ended experience cannot be started, paused or ended again|nothing to do/,
      },
      '404': {
        type: 'AppError',
        what: /has no experience with ID “[\w-]+” .*so nothing was (started|paused|ended)/,
        todo: /Pick the experience from the Experience dropdown/,
      },
    },
  })),
  ...[searches.find_experience].flatMap((search): CallRow[] => [
    {
      name: `${search.key}: by ID`,
      call: /while finding experience “/,
      run: () => run(search.operation.perform, { authData, inputData: { experience_id: EXPERIENCE_ID } }),
      target: { method: 'get', path: `${PREFIX}/experiences/${EXPERIENCE_ID}` },
      // A search that finds nothing returns nothing, so the Zap's "if not found" branch can act.
      outcomes: { '404': { success: isEmptyList } },
    },
    {
      name: `${search.key}: by name`,
      call: /while searching experiences by name/,
      run: () => run(search.operation.perform, { authData, inputData: { name: 'Spring pricing' } }),
      target: { method: 'get', path: listPath },
    },
  ]),
  {
    name: 'experience_list (dropdown)',
    call: /while loading experiences for the dropdown/,
    run: () => run(triggers.experience_list.operation.perform, { authData, inputData: {}, meta: { page: 0 } }),
    target: { method: 'get', path: listPath },
  },
  {
    name: `${eventPollingTrigger.key}: the first page of the list`,
    call: /while checking for new experience events/,
    run: () => run(eventPollingTrigger.operation.perform, { authData, inputData: {} }),
    target: { method: 'get', path: listPath },
  },
  {
    name: 'experiment_significant: list started experiments',
    call: /while checking running experiments for significance/,
    run: () => run(triggers.experiment_significant.operation.perform, { authData, inputData: {} }),
    target: { method: 'get', path: listPath },
  },
  (() => {
    // One experiment's results failing must not hide the others', so most faults skip it with a log line; faults that
    // concern the whole account (key, permission, rate limit) fail the poll.
    const skipped = (what: RegExp): SuccessOutcome => ({
      success: (result, logs) => {
        expect(result).toEqual([]);
        expect(logs).toMatch(
          new RegExp(`Skipped experiment “Spring pricing” \\(${EXPERIENCE_ID}\\) this time: .*while reading the results of experiment “Spring pricing”`),
        );
        expect(logs).toMatch(what);
      },
    });
    const outcomes: Partial<Record<FaultKey, Outcome>> = {};
    for (const fault of ['400', '409', '500', '502', 'dropped', 'timeout', 'body_timeout', 'not_json', 'wrong_shape'] as FaultKey[])
      outcomes[fault] = skipped(DEFAULT_OUTCOMES[fault].what);
    outcomes['404'] = skipped(/could not find results for experience “[\w-]+” .*\(HTTP 404\)/);
    return {
      name: 'experiment_significant: analytics of one experiment',
      call: /while reading the results of experiment “Spring pricing”/,
      run: () => run(triggers.experiment_significant.operation.perform, { authData, inputData: {} }),
      before: (armTimeout) =>
        intercept('get', listPath).reply(() => {
          armTimeout();
          return [200, { experiencesList: [SAMPLE_EXPERIENCE] }];
        }),
      target: { method: 'post', path: `${PREFIX}/analytics/resource/${EXPERIENCE_ID}` },
      outcomes,
    };
  })(),
  {
    name: 'experience_results: the experience',
    call: /while finding experience “/,
    run: () => run(searches.experience_results.operation.perform, { authData, inputData: { experience_id: EXPERIENCE_ID } }),
    target: { method: 'get', path: `${PREFIX}/experiences/${EXPERIENCE_ID}` },
    outcomes: { '404': { success: isEmptyList } },
  },
  {
    name: 'experience_results: its results',
    call: /while reading the results of experience “Spring pricing”/,
    run: () => run(searches.experience_results.operation.perform, { authData, inputData: { experience_id: EXPERIENCE_ID } }),
    before: (armTimeout) =>
      intercept('get', `${PREFIX}/experiences/${EXPERIENCE_ID}`).reply(() => {
        armTimeout();
        return [200, { experience: SAMPLE_EXPERIENCE }];
      }),
    target: { method: 'post', path: `${PREFIX}/analytics/resource/${EXPERIENCE_ID}` },
    // A known experience without results yet is an honest item with empty numbers.
    outcomes: { '404': { success: (result) => expect(result).toMatchObject([{ experience_id: EXPERIENCE_ID, visitors_total: null }]) } },
  },
  {
    name: 'experiment_results_daily: list running experiments',
    call: /while listing running experiments for their daily results/,
    run: () => run(triggers.experiment_results_daily.operation.perform, { authData, inputData: {} }),
    target: { method: 'get', path: listPath },
  },
  {
    name: 'variation_list (dropdown)',
    call: /while loading the experience’s variations for the dropdown/,
    run: () => run(triggers.variation_list.operation.perform, { authData, inputData: { experience_id: EXPERIENCE_ID } }),
    target: { method: 'get', path: `${PREFIX}/experiences/${EXPERIENCE_ID}` },
    outcomes: {
      '404': { type: 'AppError', what: /could not find experience “[\w-]+” .*\(HTTP 404\)/, todo: /./ },
    },
  },
];

// ---- running a cell ----

async function runCapturingLogs(row: CallRow): Promise<{ result?: unknown; error?: unknown; logs: string }> {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    }),
  );
  try {
    return { result: await row.run(), logs: lines.join('\n') };
  } catch (error) {
    return { error, logs: lines.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('API fault matrix', () => {
  // Before the shared cleanAll: a delayed reply still pending must not answer the next row's request.
  afterEach(() => {
    nock.abortPendingRequests();
    delete process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS;
  });

  it('has rows for every kind of operation the app defines', () => {
    const names = ROWS.map((row) => row.name);
    for (const part of ['subscribe', 'unsubscribe', 'performList']) expect(names).toContain(`${hookTrigger.key}: ${part}`);
    for (const key of Object.keys(creates)) expect(names).toContain(key);
    for (const key of Object.keys(searches)) expect(names.some((n) => n.startsWith(`${key}:`))).toBe(true);
    for (const [key, trigger] of Object.entries(triggers)) {
      if (trigger.operation.type !== 'hook' && !eventPollingTriggers.includes(trigger)) expect(names.some((n) => n.startsWith(key))).toBe(true);
    }
    expect(names.some((n) => n.startsWith(`${eventPollingTrigger.key}:`))).toBe(true);
  });

  /** An operation as the matrix compares it: each function by its source, anything else by its type. */
  const shape = (operation: AnyRecord) =>
    Object.fromEntries(Object.entries(operation).map(([key, value]) => [key, typeof value === 'function' ? value.toString() : typeof value]));

  it('every polling event trigger calls the API with the same functions as the one the matrix runs', () => {
    expect(eventPollingTriggers).toHaveLength(7);
    for (const trigger of eventPollingTriggers) expect(shape(trigger.operation)).toEqual(shape(eventPollingTrigger.operation));
  });

  it('every hook trigger calls the API with the same functions as the one the matrix runs', () => {
    expect(hookTriggers.length).toBeGreaterThan(1);
    for (const trigger of hookTriggers) {
      expect(shape(trigger.operation)).toEqual(shape(hookTrigger.operation));
      expect(trigger.operation.outputFields).toBe(hookTrigger.operation.outputFields);
    }
  });

  describe.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    it.each(FAULT_KEYS)('%s', async (fault) => {
      const armTimeout = () => {
        if (fault === 'timeout' || fault === 'body_timeout') process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS = String(TIMEOUT_MS);
      };
      if (row.before) row.before(armTimeout);
      else armTimeout();
      const scope = FAULTS[fault](intercept(row.target.method, row.target.path));
      row.after?.(fault);
      const { result, error, logs } = await runCapturingLogs(row);
      expect(scope.isDone()).toBe(true);

      for (const text of [logs, error ? JSON.stringify({ message: (error as Error).message }) : '', JSON.stringify(result ?? null)]) {
        expect(text).not.toContain(API_KEY);
        expect(text).not.toContain(ACCOUNT_SECRET);
        expect(text).not.toContain(SUBSCRIPTION_SECRET);
      }

      const outcome = row.outcomes?.[fault] ?? DEFAULT_OUTCOMES[fault];
      if ('success' in outcome) {
        expect(error).toBeUndefined();
        outcome.success(result, logs);
        return;
      }
      expect(error).toBeDefined();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rejecting with whatever was thrown is the case under test
      const failure = await failureOf(Promise.reject(error));
      expect(failure.name).toBe(outcome.type);
      expect(failure.message).toMatch(row.call);
      expect(failure.message).toMatch(outcome.what);
      expect(failure.message).toMatch(outcome.todo);
      expect(failure.message).not.toMatch(/\n\s+at |TypeError|undefined|\[object Object\]/);
      if (outcome.delay !== undefined) expect(failure.delay).toBe(outcome.delay);
    });
  });
});
