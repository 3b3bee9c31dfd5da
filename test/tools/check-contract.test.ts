/**
 * `npm run check-contract` over real loopback HTTP: against the sandbox every part holds, and it says which triggers
 * to use, with the webhook API and without it (published-only mode); against a server that deviates in one way it
 * names that deviation by the keys it saw; it cleans up what it created whatever fails; its exit status says holds
 * (0), differs (1) or could not check (2); and no secret is ever printed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';
import { checkContract, type ContractReport } from '../../tools/contract-check/check-contract';
import App from '../../src/index';
import { ANALYTICS_REQUEST_BODY } from '../../src/contract/published';
import { EXAMPLE_INSTANT, EXAMPLE_POLLING } from '../../tools/contract-check/event-route';
import { ASSUMPTIONS, type AssumptionName } from '../../tools/contract-check/assumptions';
import { renderJson, renderText } from '../../tools/contract-check/report';
import { CHECK_WEBHOOK_URL } from '../../tools/contract-check/webhook-checks';
import { asIs, startDeviatingApi, type Deviate, type DeviatingApi, type SeenRequest, type Upstream } from '../helpers/deviating-api';

const CLI = path.join(__dirname, '../../dist/tools/check-contract.js');
const NOT_CHECKABLE = ['experience-actions', 'delivery'];

let sandbox: RunningSandbox;
beforeAll(async () => {
  nock.restore(); // real HTTP on loopback: nothing in between
  // Rate-limited like the real API (its headers are one of the parts checked), with a budget no run here exhausts.
  sandbox = await startSandbox({ port: 0, rateLimit: { burst: 100_000, refill: 100_000, refillEveryMs: 1_000 } });
});
afterAll(() => sandbox.close());

const finding = (report: ContractReport, name: AssumptionName) => report.assumptions.find((f) => f.name === name)!;
const statuses = (report: ContractReport) => Object.fromEntries(report.assumptions.map((f) => [f.name, f.status]));
const ourWebhooks = () => sandbox.store.listWebhooks().filter((webhook) => webhook.url === CHECK_WEBHOOK_URL);

/** Every line a person or a script would see. */
const everything = (report: ContractReport, baseUrl: string) => `${renderText(report, baseUrl)}\n${renderJson(report)}`;

async function againstDeviation(
  deviate: Deviate,
  options: { apiKey?: string; timeoutMs?: number } = {},
): Promise<{ report: ContractReport; api: DeviatingApi }> {
  const api = await startDeviatingApi(sandbox.url, deviate);
  try {
    const report = await checkContract({ baseUrl: api.url, apiKey: options.apiKey ?? sandbox.apiKey, timeoutMs: options.timeoutMs });
    return { report, api };
  } finally {
    await api.close();
  }
}

describe('against the sandbox', () => {
  it('finds every checkable part holding, says which parts it cannot check, exits 0 and leaves no webhook behind', async () => {
    const report = await checkContract({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    expect(report.exitCode).toBe(0);
    expect(report.error).toBeUndefined();
    expect(report.notes).toEqual([]);
    expect(report.assumptions.map((f) => f.name)).toEqual(ASSUMPTIONS.map((a) => a.name));
    for (const f of report.assumptions) expect([f.name, f.status]).toEqual([f.name, NOT_CHECKABLE.includes(f.name) ? 'not_checked' : 'holds']);
    expect(renderText(report, sandbox.url)).toMatch(/Every part that could be checked holds: the app’s contract matches this account\.$/m);
    expect(finding(report, 'experiences-list').detail).toBe('13 experiences on the first page, each in the published shape.');
    expect(finding(report, 'webhook-create').detail).toMatch(/^HTTP 201: .*all six events sent, without a secret of its own/);
    expect(finding(report, 'webhooks-list').detail).toMatch(/the new one among them, none showing a secret/);
    expect(finding(report, 'delivery').detail).toMatch(/run npm run inspect-delivery/);
    expect(finding(report, 'list-paging').detail).toBe('Page 1 of 1, 13 experiences in all, 100 a page.');
    expect(finding(report, 'analytics').detail).toMatch(/; testResult present, impact present, p2bc on [1-9]\d* metric entries\.$/);
    expect(finding(report, 'list-history').detail).toMatch(/^All 13 items on the first page carry history \(\d+ records, \d+ naming who acted, 1 with no user/);
    expect(report.events).toMatchObject({ webhookSubscriptions: 'available', history: 'present', triggers: 'instant' });
    expect(report.events.advice).toContain('GET /v25-10-beta/webhooks answered HTTP 200');
    // Named by the labels a user picks in Zapier, the keys after them.
    expect(report.events.advice).toContain(`use the instant triggers (“${EXAMPLE_INSTANT.label}”`);
    expect(report.events.advice).toContain(`The polling triggers (“${EXAMPLE_POLLING.label}”`);
    expect(ourWebhooks()).toEqual([]);
  });

  it('on an account without the webhook API (published-only mode): says to use the polling triggers, creates nothing, and exits 0', async () => {
    const account = await startSandbox({ port: 0, webhookApi: false });
    const api = await startDeviatingApi(account.url, async (_request, forward) => asIs(await forward()));
    try {
      const report = await checkContract({ baseUrl: api.url, apiKey: account.apiKey });
      expect(report.exitCode).toBe(0);
      expect(report.events).toEqual({ webhookSubscriptions: 'absent', history: 'present', triggers: 'polling', advice: expect.stringContaining('_poll') });
      expect(report.events.advice).toContain('GET /v25-10-beta/webhooks answered HTTP 404');
      expect(report.events.advice).toMatch(new RegExp(`use the polling triggers \\(“${EXAMPLE_POLLING.label}” .*; keys ${EXAMPLE_POLLING.key} `));
      for (const name of ['webhook-create', 'webhooks-list', 'webhook-delete', 'webhook-delete-gone'] as const) {
        expect(finding(report, name)).toMatchObject({
          status: 'not_checked',
          detail: expect.stringMatching(/^Not tried: this account offers no webhook subscriptions/),
        });
      }
      expect(statuses(report)).toMatchObject({ 'experiences-list': 'holds', 'list-paging': 'holds', 'list-history': 'holds', analytics: 'holds' });
      // One look at GET /webhooks, and nothing sent to any other webhook path.
      expect(api.requests.filter((r) => r.path.includes('/webhooks')).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v25-10-beta/webhooks']);
      const text = renderText(report, api.url);
      expect(text).toMatch(/^ {2}webhook subscriptions +not offered$/m);
      expect(text).toMatch(/^ {2}triggers to use +polling: /m);
      expect(text).not.toMatch(/could not be checked/);
      expect(JSON.parse(renderJson(report)).events.triggers).toBe('polling');
    } finally {
      await api.close();
      await account.close();
    }
  });
});

it('the triggers its advice names are the app’s own, by label and key', () => {
  const triggers = App.triggers as Record<string, { display: { label: string } } | undefined>;
  for (const { label, key } of [EXAMPLE_INSTANT, EXAMPLE_POLLING]) expect(triggers[key]?.display.label).toBe(label);
});

// ---- one deviation at a time ----

type Rewrite = (request: SeenRequest, upstream: Upstream) => Upstream | { status: number; headers?: Record<string, string>; body?: unknown };
const when =
  (method: string, pathPattern: RegExp, rewrite: Rewrite): Deviate =>
  async (request, forward) => {
    const upstream = await forward();
    return request.method === method && pathPattern.test(request.path.split('?')[0]) ? rewrite(request, upstream) : asIs(upstream);
  };
const WEBHOOK_SECRET_SHOWN = 'whsec_listed_value_that_must_never_print';
let deletes = 0;

const DEVIATIONS: Array<[string, Deviate, AssumptionName, RegExp]> = [
  [
    'the list under another key',
    when('GET', /\/experiences-list$/, (_r, up) => ({ ...up, body: { experiences: up.body.experiencesList } })),
    'experiences-list',
    /^GET \/v25-10-beta\/experiences-list: experiencesList: .*\. Saw at the top level: keys experiences\.$/,
  ],
  [
    'an experience without its category',
    when('GET', /\/experiences-list$/, (_r, up) => ({
      ...up,
      body: { experiencesList: up.body.experiencesList.map(({ category: _c, ...rest }: any) => rest) },
    })),
    'experiences-list',
    /experiencesList\.0\.category: .*Saw at experiencesList\.0 \(and 2 more alike\): keys id, name, type, status, organizationId/,
  ],
  [
    'one experience not wrapped',
    when('GET', /\/experiences\/[^/]+$/, (_r, up) => (up.status === 200 ? { ...up, body: up.body.experience } : up)),
    'experience',
    /^GET \/v25-10-beta\/experiences\/[\w-]+: experience: .*Saw at the top level: keys id, name, type, category, status/,
  ],
  [
    'list items without history',
    when('GET', /\/experiences-list$/, (_r, up) => ({
      ...up,
      body: { ...up.body, experiencesList: up.body.experiencesList.map(({ history: _h, ...rest }: any) => rest) },
    })),
    'list-history',
    /^No item on the first page carries history \(13 items\)\. Without it the polling event triggers .* cannot say who acted\.$/,
  ],
  [
    'some list items without history',
    when('GET', /\/experiences-list$/, (_r, up) => ({
      ...up,
      body: { ...up.body, experiencesList: up.body.experiencesList.map(({ history, ...rest }: any, i: number) => (i < 2 ? rest : { ...rest, history })) },
    })),
    'list-history',
    /^2 of 13 items on the first page carry no history\./,
  ],
  [
    'a list without paging fields',
    when('GET', /\/experiences-list$/, (_r, up) => ({ ...up, body: { experiencesList: up.body.experiencesList } })),
    'list-paging',
    /has no whole-number page, limit, total, totalPages\. The app then takes a page shorter than it asked for as the last one\.$/,
  ],
  [
    'no rate-limit headers',
    async (_r, forward) => ({ ...asIs(await forward()), headers: {} }),
    'rate-limit-headers',
    /has no numeric x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset\.$/,
  ],
  [
    'a 400 for an unknown experience',
    when('GET', /\/experiences\/00000000-0000-4000-8000-000000000000$/, () => ({ status: 400, body: { error: 'invalid_id', message: 'not a known id' } })),
    'unknown-experience',
    /answered HTTP 400\. Intelligems said: “not a known id”\. Find Experience would then fail instead of finding nothing\.$/,
  ],
  [
    'analytics without metrics',
    when('POST', /\/analytics\/resource\//, (_r, up) => ({ ...up, body: { ...up.body, metrics: undefined, results: up.body.metrics } })),
    'analytics',
    /metrics: .*Saw at the top level: keys experienceId, experienceName, datasetId, latestRunTs, variations, impact, testResult, results/,
  ],
  [
    'a verdict that is a bare string',
    when('POST', /\/analytics\/resource\//, (_r, up) => ({ ...up, body: { ...up.body, testResult: 'strong_win' } })),
    'analytics',
    /: testResult is not in the shape the app reads \(.*\), so Intelligems Verdict would stay empty/,
  ],
  [
    'impact as a bare number',
    when('POST', /\/analytics\/resource\//, (_r, up) => ({ ...up, body: { ...up.body, impact: 10395 } })),
    'analytics',
    /: impact is not in the shape the app reads \(.*\), so Est\. Monthly Revenue Increase would stay empty/,
  ],
  [
    'p2bc in percent',
    when('POST', /\/analytics\/resource\//, (_r, up) => ({
      ...up,
      body: {
        ...up.body,
        metrics: up.body.metrics.map((row: Record<string, any>) => ({
          ...row,
          conversion_rate: { ...row.conversion_rate, p2bc: 97.3 },
        })),
      },
    })),
    'analytics',
    /: p2bc is not a probability from 0 to 1 on conversion_rate, so no winner or loser is judged on that metric\.$/,
  ],
  [
    'a new webhook answered bare, with created_at',
    when('POST', /\/webhooks$/, (_r, up) => {
      const { createdAtTs, ...webhook } = up.body.webhook;
      return { ...up, body: { ...webhook, created_at: createdAtTs } };
    }),
    'webhook-create',
    /^POST \/v25-10-beta\/webhooks: webhook: .*Saw at the top level: keys id, url, events, description, created_at\.$/,
  ],
  [
    'a webhook list that shows secrets',
    when('GET', /\/webhooks$/, (_r, up) => ({ ...up, body: { webhooks: up.body.webhooks.map((w: object) => ({ ...w, secret: WEBHOOK_SECRET_SHOWN })) } })),
    'webhooks-list',
    /shows a "secret" key on 1 of 1 webhooks; the list was assumed never to show one\.$/,
  ],
  [
    'a second delete that answers 204',
    when('DELETE', /\/webhooks\//, (_r, up) => (++deletes > 1 ? { status: 204, headers: up.headers } : up)),
    'webhook-delete-gone',
    /again answered HTTP 204, not 404\. Turning a Zap off still works/,
  ],
];

describe('against a server that deviates', () => {
  beforeEach(() => {
    deletes = 0;
  });

  it('asks for results with the app’s own body, and takes testResult, impact and p2bc being absent as holding', async () => {
    const { report, api } = await againstDeviation(
      when('POST', /\/analytics\/resource\//, (_r, up) => {
        const { testResult: _t, impact: _i, ...rest } = up.body;
        const metrics = rest.metrics.map((row: Record<string, unknown>) =>
          Object.fromEntries(
            Object.entries(row).map(([key, value]) => {
              if (typeof value !== 'object' || value === null) return [key, value];
              const { p2bc: _p, ...metric } = value as Record<string, unknown>;
              return [key, metric];
            }),
          ),
        );
        return { ...up, body: { ...rest, metrics } };
      }),
    );
    const analyticsBodies = api.requests.filter((r) => r.method === 'POST' && r.path.includes('/analytics/resource/')).map((r) => JSON.parse(r.body));
    expect(analyticsBodies.length).toBeGreaterThan(0);
    for (const body of analyticsBodies) expect(body).toEqual(ANALYTICS_REQUEST_BODY);
    expect(report.exitCode).toBe(0);
    expect(finding(report, 'analytics')).toMatchObject({
      status: 'holds',
      detail: expect.stringMatching(/testResult absent, impact absent, p2bc on 0 metric entries\.$/),
    });
  });

  it.each(DEVIATIONS)('names %s, exits 1, and still cleans up', async (_what, deviate, name, detail) => {
    const { report } = await againstDeviation(deviate);
    expect(report.exitCode).toBe(1);
    expect(finding(report, name)).toEqual({ name, status: 'differs', detail: expect.stringMatching(detail) });
    // Only the deviation differs: every other part still holds (or cannot be checked).
    expect(Object.entries(statuses(report)).filter(([, status]) => status === 'differs')).toEqual([[name, 'differs']]);
    expect(everything(report, 'x')).not.toContain(WEBHOOK_SECRET_SHOWN);
    expect(ourWebhooks()).toEqual([]);
  });

  it('deletes the webhook it created even when the connection drops in the middle, and exits 2', async () => {
    // The first GET /webhooks asks whether the API exists; the second, after creating one, is dropped.
    let listings = 0;
    const { report, api } = await againstDeviation(async (request, forward) =>
      request.method === 'GET' && request.path.endsWith('/webhooks') && ++listings === 2 ? 'drop' : asIs(await forward()),
    );
    expect(report.exitCode).toBe(2);
    expect(report.error).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:\d+ \(GET \/v25-10-beta\/webhooks\): the connection (was dropped|failed)/);
    expect(statuses(report)).toMatchObject({ 'webhook-create': 'holds', 'webhooks-list': 'not_checked', 'webhook-delete': 'not_checked' });
    expect(finding(report, 'webhook-delete').detail).toBe('Not checked: the check stopped before this part.');
    expect(api.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(ourWebhooks()).toEqual([]);
    expect(renderText(report, api.url)).toMatch(/The check stopped before it could finish: Could not reach/);
  });

  it('a part it could not check (webhooks refused with 403): exit 0 as every checked part holds, but never claims the whole contract matches', async () => {
    const { report } = await againstDeviation(when('POST', /\/webhooks$/, () => ({ status: 403, body: { error: 'forbidden', message: 'no webhook scope' } })));
    expect(report.exitCode).toBe(0);
    expect(finding(report, 'webhook-create')).toMatchObject({
      status: 'not_checked',
      detail: expect.stringContaining('HTTP 403 to POST /v25-10-beta/webhooks'),
    });
    const text = renderText(report, 'x');
    expect(text).not.toMatch(/matches this account/);
    expect(text).toMatch(/Every part it checked holds, but 3 others could not be checked \(see why above\)\.$/m);
  });

  it('GET /webhooks refused (403): cannot tell from it, so whether a subscription can be made decides the triggers', async () => {
    const { report } = await againstDeviation(when('GET', /\/webhooks$/, () => ({ status: 403, body: { error: 'forbidden', message: 'no scope' } })));
    expect(statuses(report)).toMatchObject({ 'webhook-create': 'holds', 'webhooks-list': 'not_checked', 'webhook-delete': 'holds' });
    expect(report.events).toMatchObject({ webhookSubscriptions: 'available', triggers: 'instant' });

    const refusedToo = await againstDeviation(when('POST', /\/webhooks$/, () => ({ status: 403, body: { error: 'forbidden', message: 'no scope' } })));
    const both = await againstDeviation(async (request, forward) =>
      request.path.split('?')[0].endsWith('/webhooks') ? { status: 403, body: { error: 'forbidden', message: 'no scope' } } : asIs(await forward()),
    );
    expect(refusedToo.report.events.triggers).toBe('instant'); // GET /webhooks answered: the API is there
    expect(both.report.events).toMatchObject({ webhookSubscriptions: 'unknown', triggers: 'polling' });
    expect(both.report.events.advice).toMatch(/could not be told \(GET \/v25-10-beta\/webhooks answered HTTP 403\): use the polling triggers/);
  });

  it('says what it left behind when it cannot delete the webhook it created', async () => {
    const { report } = await againstDeviation(when('DELETE', /\/webhooks\//, () => ({ status: 500, body: { error: 'internal', message: 'try later' } })));
    expect(statuses(report)).toMatchObject({ 'webhook-create': 'holds', 'webhook-delete': 'not_checked', 'webhook-delete-gone': 'not_checked' });
    expect(report.notes).toEqual([
      expect.stringMatching(
        /^The webhook this check created \(id wh_\w+, url https:\/\/example\.invalid\/intelligems-contract-check\) could not be deleted: delete it in the Intelligems app\.$/,
      ),
    ]);
    expect(renderText(report, 'x')).toContain('Left behind: The webhook this check created');
    // The sandbox itself still has it: remove it so the next test starts clean.
    for (const webhook of ourWebhooks()) sandbox.store.deleteWebhook(webhook.id);
  });
});

describe('secrets', () => {
  it('never prints the API key or the webhook secret it sent, even when every answer echoes them', async () => {
    let sentSecret = '';
    const { report } = await againstDeviation(async (request, forward) => {
      if (request.method === 'POST' && request.path.endsWith('/webhooks')) {
        sentSecret = JSON.parse(request.body).secret;
        // The second echo straddles where a long message is cut short: no piece of the secret may survive the cut.
        const message = `secret ${sentSecret} for key ${sandbox.apiKey}; ${'x'.repeat(90)} ${sentSecret}; ${request.body}`;
        return { status: 400, body: { error: 'validation_failed', message } };
      }
      const upstream = await forward();
      return { ...asIs(upstream), headers: { ...upstream.headers, 'x-echo': sandbox.apiKey } };
    });
    expect(sentSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(finding(report, 'webhook-create')).toMatchObject({
      status: 'differs',
      detail: expect.stringContaining('Intelligems said: “secret [redacted] for key [redacted];'),
    });
    const printed = everything(report, 'x');
    expect(printed).not.toContain(sentSecret.slice(0, 8));
    expect(printed).not.toContain(sandbox.apiKey);
  });
});

describe('secrets in other spellings', () => {
  const unicodeEscaped = (text: string) => [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

  it('removes a \\u-escaped key before the message is parsed and cut, and the piece a cut leaves', async () => {
    const { report } = await againstDeviation(async (request, forward) => {
      if (request.method === 'POST' && request.path.endsWith('/webhooks')) {
        const sentSecret = (JSON.parse(request.body) as { secret: string }).secret;
        // Raw JSON text: the parsed message holds the key in clear, straddling the 200-character cut.
        const message = `${'y'.repeat(190)} ${unicodeEscaped(sandbox.apiKey)} ${unicodeEscaped(sentSecret)}`;
        return { status: 400, body: `{"error": "validation_failed", "message": "${message}"}` };
      }
      return asIs(await forward());
    });
    expect(finding(report, 'webhook-create').status).toBe('differs');
    const printed = everything(report, 'x');
    expect(printed).toContain('y'.repeat(190));
    expect(printed).not.toContain(sandbox.apiKey.slice(0, 8));
  });
});

describe('could not check (exit 2)', () => {
  it('cannot connect: names the address and why', async () => {
    const closed = await startDeviatingApi(sandbox.url, async () => 'drop');
    const url = closed.url;
    await closed.close();
    const report = await checkContract({ baseUrl: url, apiKey: sandbox.apiKey });
    expect(report.exitCode).toBe(2);
    expect(report.error).toMatch(
      /^Could not reach http:\/\/127\.0\.0\.1:\d+ \(GET \/v25-10-beta\/experiences-list\): the connection was refused \(ECONNREFUSED\)\.$/,
    );
    expect(report.assumptions.every((f) => f.status === 'not_checked')).toBe(true);
  });

  it('no answer in time', async () => {
    const { report } = await againstDeviation(() => new Promise(() => undefined), { timeoutMs: 200 });
    expect(report.exitCode).toBe(2);
    expect(report.error).toMatch(/: no answer within 0\.2 s\.$/);
  });

  it.each([500, 403, 429])(
    'every call answered HTTP %i (with rate-limit headers): the list could not be read, so it says it could not check and never that the contract holds',
    async (status) => {
      const { report, api } = await againstDeviation(async () => ({
        status,
        headers: { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-reset': '60' },
        body: { error: 'trouble', message: 'try later' },
      }));
      expect(report.exitCode).toBe(2);
      expect(report.error).toMatch(
        new RegExp(`^Could not check the experience list, which the other parts build on: .*HTTP ${status} to GET /v25-10-beta/experiences-list\\)`),
      );
      expect(report.assumptions.filter((f) => f.status !== 'not_checked')).toEqual([]);
      // It stops there: nothing is created on a server that cannot even list.
      expect(api.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual(['GET /v25-10-beta/experiences-list']);
      const text = renderText(report, api.url);
      expect(text).not.toContain('holds:');
      expect(text).not.toMatch(/matches this account/);
      expect(text).toMatch(new RegExp(`The check stopped before it could finish: Could not check the experience list.*HTTP ${status}`));
    },
  );

  it('the key is refused, and never shown', async () => {
    const report = await checkContract({ baseUrl: sandbox.url, apiKey: 'ig_wrong_key_7c1d' });
    expect(report.exitCode).toBe(2);
    expect(report.error).toBe(
      'Intelligems refused the API key (HTTP 401 to GET /v25-10-beta/experiences-list). Intelligems said: “Invalid API key in the intelligems-access-token header”. Check authData_apiKey (environment or .env).',
    );
    expect(everything(report, sandbox.url)).not.toContain('ig_wrong_key_7c1d');
  });
});

describe('the command (node dist/tools/check-contract.js)', () => {
  const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'check-contract-'));
  afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

  it('reads authData_apiKey and INTELLIGEMS_API_URL from .env in the current directory, as zapier-platform invoke does', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'check-contract-env-'));
    try {
      writeFileSync(path.join(dir, '.env'), `# as .env.example has it\nauthData_apiKey=${sandbox.apiKey}\nINTELLIGEMS_API_URL=${sandbox.url}\n`);
      const { code, stdout } = await run({}, ['--json'], { cwd: dir });
      expect(code).toBe(0);
      expect(JSON.parse(stdout).assumptions.some((f: { status: string }) => f.status === 'holds')).toBe(true);
      // A variable set in the environment wins over the file: this key is refused by the sandbox the file points at.
      const overridden = await run({ authData_apiKey: 'ig_wrong_key_7c1d' }, [], { cwd: dir });
      expect(overridden.code).toBe(2);
      expect(overridden.stdout).toContain('refused the API key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function run(
    env: Record<string, string | undefined>,
    args: string[] = [],
    options: { cwd?: string } = {},
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
    const childEnv = { ...process.env, INTELLIGEMS_API_KEY: undefined, authData_apiKey: undefined, INTELLIGEMS_API_URL: undefined, ...env };
    // From a folder without .env unless the test writes one: a developer's own .env must not change these runs.
    const child = spawn(process.execPath, [CLI, ...args], { env: childEnv, cwd: options.cwd ?? emptyDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  }

  it('--json against the sandbox: one JSON object, every checkable part holds, exit 0', async () => {
    const { code, stdout } = await run({ INTELLIGEMS_API_KEY: sandbox.apiKey, INTELLIGEMS_API_URL: sandbox.url }, ['--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(Object.keys(parsed)).toEqual(['assumptions', 'events']);
    expect(parsed.events).toMatchObject({ webhookSubscriptions: 'available', triggers: 'instant' });
    for (const f of parsed.assumptions) {
      expect(Object.keys(f)).toEqual(['name', 'status', 'detail']);
      expect(f.status).toBe(NOT_CHECKABLE.includes(f.name) ? 'not_checked' : 'holds');
    }
  });

  it('--json against a sandbox in published-only mode: exit 0, the polling triggers to use', async () => {
    const account = await startSandbox({ port: 0, webhookApi: false });
    try {
      const { code, stdout } = await run({ INTELLIGEMS_API_KEY: account.apiKey, INTELLIGEMS_API_URL: account.url }, ['--json']);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).events).toMatchObject({ webhookSubscriptions: 'absent', history: 'present', triggers: 'polling' });
    } finally {
      await account.close();
    }
  });

  it('a server answering 500 to everything: exit 2, saying it could not check and naming the status', async () => {
    const api = await startDeviatingApi(sandbox.url, async () => ({
      status: 500,
      headers: { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-reset': '60' },
    }));
    try {
      const { code, stdout } = await run({ INTELLIGEMS_API_KEY: sandbox.apiKey, INTELLIGEMS_API_URL: api.url });
      expect(code).toBe(2);
      expect(stdout).toMatch(
        /^The check stopped before it could finish: Could not check the experience list, which the other parts build on: Intelligems had trouble \(HTTP 500 to GET \/v25-10-beta\/experiences-list\)\./m,
      );
      expect(stdout).not.toMatch(/holds:|matches this account/);
    } finally {
      await api.close();
    }
  });

  it('a refused key: exit 2, the reason in words, the key nowhere', async () => {
    const { code, stdout, stderr } = await run({ INTELLIGEMS_API_KEY: 'ig_wrong_key_7c1d', INTELLIGEMS_API_URL: sandbox.url });
    expect(code).toBe(2);
    expect(stdout).toContain('The check stopped before it could finish: Intelligems refused the API key (HTTP 401');
    // A wrong key says nothing about the contract: no part may be reported as differing because of it.
    expect(stdout).not.toMatch(/^\s+differs\s/m);
    expect(stdout).toContain('0 hold, 0 differ,');
    expect(stdout + stderr).not.toContain('ig_wrong_key_7c1d');
  });

  it.each([
    [{}, [], /^Set authData_apiKey \(in the environment or \.env\) to an Intelligems External API key/],
    [{ INTELLIGEMS_API_KEY: 'ig_inner\nbreak' }, [], /^authData_apiKey holds a character that cannot be sent in an HTTP header/],
    [{ INTELLIGEMS_API_KEY: 'ig_ok', INTELLIGEMS_API_URL: 'ftp://example.com' }, [], /^INTELLIGEMS_API_URL must start with https:\/\//],
    [{ INTELLIGEMS_API_KEY: 'ig_ok', INTELLIGEMS_API_URL: 'http://api.example.com' }, [], /plain http:\/\/ is allowed only for this machine/],
    [{ INTELLIGEMS_API_KEY: 'ig_ok' }, ['--verbose'], /^Unknown option --verbose\./],
    // A key typed on the command line instead of into the variable is never repeated.
    [
      { INTELLIGEMS_API_KEY: 'ig_ok' },
      ['ig_live_key_0123456789'],
      /^An argument this tool does not know \(not repeated here, in case it is a secret\)\..*authData_apiKey/s,
    ],
    [{}, ['--key=ig_live_key_0123456789'], /^Unknown option --key\./],
  ])('unusable settings %j %j: exit 2 with a message saying what to set', async (env, args, message) => {
    const { code, stdout, stderr } = await run(env, args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain('ig_inner');
    expect(stderr).not.toContain('ig_live_key');
  });
});
