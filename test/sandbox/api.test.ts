/** The sandbox's own answers over real HTTP: auth, experiences, state rules, validation, errors, rate limit. */
import nock from 'nock';
import { createWebhookResponseSchema, listWebhooksResponseSchema } from '../../src/contract/assumed';
import { ACCESS_TOKEN_HEADER, analyticsSchema, experienceResponseSchema, experiencesListResponseSchema, errorBodySchema } from '../../src/contract/published';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';
import { NEW_EXPERIENCE, sandboxClient } from '../../sandbox/client';
import { startZapierHookReceiver } from '../../sandbox/zapier/zapier-hook-receiver';
import { rawRequest } from '../helpers/raw-http';

let sandbox: RunningSandbox;
let call: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  nock.restore(); // real HTTP on loopback: nothing in between
  sandbox = await startSandbox({ port: 0, rateLimit: false, retryDelaysMs: [10], deliveryTimeoutMs: 200 });
  call = sandboxClient(sandbox);
});
afterAll(() => sandbox.close());

describe('authentication', () => {
  it('answers 401 with {error, message} without the key', async () => {
    const answer = await call('GET', '/experiences-list', { key: null });
    expect(answer.status).toBe(401);
    expect(errorBodySchema.parse(answer.body).message).toMatch(/intelligems-access-token/);
  });

  it('answers 401 for a wrong key, and never echoes it', async () => {
    const answer = await call('GET', '/experiences-list', { key: 'ig_wrong_key_123' });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('unauthorized');
    expect(JSON.stringify(answer.body)).not.toContain('ig_wrong_key_123');
  });

  it('accepts a key chosen in the options', async () => {
    const other = await startSandbox({ port: 0, apiKey: 'ig_other', rateLimit: false });
    try {
      expect((await sandboxClient(other)('GET', '/experiences-list', { key: 'ig_other' })).status).toBe(200);
      expect((await sandboxClient(other)('GET', '/experiences-list', { key: 'ig_sandbox_key' })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('experiences', () => {
  it('lists seeded experiences of every status and both categories, in the published shape', async () => {
    const answer = await call('GET', '/experiences-list?limit=100');
    expect(answer.status).toBe(200);
    const list = experiencesListResponseSchema.parse(answer.body).experiencesList;
    expect(new Set(list.map((e) => e.status))).toEqual(new Set(['pending', 'started', 'paused', 'ended']));
    expect(new Set(list.map((e) => e.category))).toEqual(new Set(['experiment', 'personalization']));
    expect(new Set(list.map((e) => e.type)).size).toBe(11);
    for (const e of list) {
      expect(e.variations?.filter((v) => v.isControl)).toHaveLength(1);
      expect(e.organizationId).toBe(sandbox.organization.id);
    }
  });

  it('filters by status and category', async () => {
    const started = (await call('GET', '/experiences-list?status=started&category=experiment&limit=100')).body.experiencesList;
    expect(started.length).toBeGreaterThan(0);
    expect(started.every((e: any) => e.status === 'started' && e.category === 'experiment')).toBe(true);
  });

  it('pages with limit and page; a page shorter than the limit is the last', async () => {
    const all = (await call('GET', '/experiences-list?limit=100')).body.experiencesList.map((e: any) => e.id);
    const pages: string[] = [];
    for (let page = 1; ; page++) {
      const batch = (await call('GET', `/experiences-list?limit=4&page=${page}`)).body.experiencesList;
      pages.push(...batch.map((e: any) => e.id));
      if (batch.length < 4) break;
    }
    expect(pages).toEqual(all);
  });

  it.each([
    ['limit=101', 'limit: must be at most 100'],
    ['limit=0', 'limit: must be at least 1'],
    ['page=0', 'page: must be at least 1'],
    ['status=running', 'status:'],
  ])('answers 400 naming the parameter for %s', async (query, message) => {
    const answer = await call('GET', `/experiences-list?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('validation_failed');
    expect(answer.body.message).toContain(message);
  });

  it('answers 404 for an unknown experience', async () => {
    const answer = await call('GET', '/experiences/00000000-0000-4000-8000-000000000000');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: 'not_found', message: expect.stringContaining('00000000-0000-4000-8000-000000000000') });
  });

  it('answers 400 for a bad body with a message naming the field', async () => {
    const answer = await call('POST', '/experiences', { body: { ...NEW_EXPERIENCE, name: 42 } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('validation_failed');
    expect(answer.body.message).toMatch(/^Invalid experience: name: /);
  });

  it('refuses fields Intelligems sets itself, saying which endpoint changes them', async () => {
    const answer = await call('POST', '/experiences', { body: { ...NEW_EXPERIENCE, status: 'started' } });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('status: cannot be set: it changes only through POST /experiences/{id}/actions/');
  });

  it('checks that variations add up to 100 with exactly one control', async () => {
    const answer = await call('POST', '/experiences', {
      body: {
        ...NEW_EXPERIENCE,
        variations: [
          { name: 'A', percentage: 60, isControl: false },
          { name: 'B', percentage: 30, isControl: false },
        ],
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('percentages must add up to 100 (they add up to 90)');
    expect(answer.body.message).toContain('exactly one variation must have isControl: true (found 0)');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const answer = await call('POST', '/experiences', { rawBody: '{"name": ' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_json');
  });

  it('answers 404 {error, message} for an unknown route and 405 for a wrong method', async () => {
    const unknown = await call('GET', '/experiments');
    expect(unknown.status).toBe(404);
    expect(errorBodySchema.parse(unknown.body).error).toBe('route_not_found');
    const wrong = await call('PATCH', '/experiences-list');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it.each(['http://[', '//[', 'http://[::1'])('answers 400, not 500, for the request target %s, on the API and on the hook receiver', async (target) => {
    const api = await rawRequest(sandbox.url, `GET ${target} HTTP/1.1`, { [ACCESS_TOKEN_HEADER]: sandbox.apiKey });
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body)).toEqual({ error: 'bad_request', message: expect.stringMatching(/^The request target is not a valid path/) });
    const receiver = await startZapierHookReceiver();
    try {
      const hook = await rawRequest(receiver.url, `POST ${target} HTTP/1.1`, { 'Content-Length': '0' });
      expect(hook.status).toBe(400);
      expect(JSON.parse(hook.body)).toEqual({ status: 'error', message: expect.stringMatching(/^The request target is not a valid path/) });
    } finally {
      await receiver.close();
    }
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('keeps testTypes plain for an experience of type %s', async (type) => {
    const created = await call('POST', '/experiences', { body: { ...NEW_EXPERIENCE, type } });
    expect(created.status).toBe(201);
    expect(created.body.experience.type).toBe(type);
    expect(created.body.experience.testTypes).toEqual({});
  });

  it('drives create → update → start → pause → start → end → delete, recording each action', async () => {
    const created = await call('POST', '/experiences', { body: NEW_EXPERIENCE });
    expect(created.status).toBe(201);
    const experience = experienceResponseSchema.parse(created.body).experience;
    expect(experience).toMatchObject({ status: 'pending', category: 'experiment', startedAtTs: null, testTypes: { hasTestShipping: true } });
    expect(experience.variations?.map((v) => v.id).every((id) => id.length > 0)).toBe(true);

    const updated = await call('PUT', `/experiences/${experience.id}`, { body: { name: 'Free shipping over $55' } });
    expect(updated.body.experience.name).toBe('Free shipping over $55');

    for (const [action, status] of [
      ['start', 'started'],
      ['pause', 'paused'],
      ['start', 'started'],
      ['end', 'ended'],
    ]) {
      const answer = await call('POST', `/experiences/${experience.id}/actions/${action}`);
      expect(answer.status).toBe(200);
      expect(answer.body.experience.status).toBe(status);
    }
    const ended = (await call('GET', `/experiences/${experience.id}`)).body.experience;
    expect(ended.experienceActions.map((a: any) => a.action)).toEqual(['start', 'pause', 'start', 'end']);
    const times = ended.experienceActions.map((a: any) => a.actionTs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    expect(ended.endedAtTs).toBe(times[3]);
    expect(ended.startedAtTs).toBe(times[0]);

    const deleted = await call('DELETE', `/experiences/${experience.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.experience.archivedAtTs).toEqual(expect.any(Number));
    expect((await call('PUT', `/experiences/${experience.id}`, { body: { name: 'again' } })).body.error).toBe('experience_deleted');
    expect((await call('DELETE', `/experiences/${experience.id}`)).status).toBe(404);
  });

  it.each([
    ['ended', 'start', /has ended and cannot be started again/],
    ['ended', 'pause', /has ended and cannot be paused again/],
    ['ended', 'end', /is already ended/],
    ['pending', 'pause', /has not started yet, so it cannot be paused/],
    ['pending', 'end', /has not started yet, so it cannot be ended/],
    ['started', 'start', /is already started/],
    ['paused', 'pause', /is already paused/],
  ])('refuses a %s experience the %s action with a 400 and a clear message', async (status, action, message) => {
    const target = sandbox.store.listExperiences({ status: status as 'ended' }).find((e) => e.archivedAtTs == null)!;
    const answer = await call('POST', `/experiences/${target.id}/actions/${action}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_transition');
    expect(answer.body.message).toMatch(message);
    expect(sandbox.store.getExperience(target.id)?.status).toBe(status);
  });

  it('ends on a winning variation: records it and whether prices were updated, shown on the experience; an unknown one is a 400', async () => {
    const created = (await call('POST', '/experiences', { body: NEW_EXPERIENCE })).body.experience;
    await call('POST', `/experiences/${created.id}/actions/start`);
    const unknown = await call('POST', `/experiences/${created.id}/actions/end`, { body: { variationId: 'var_elsewhere', updatePricesToVariation: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('var_elsewhere');
    expect(sandbox.store.getExperience(created.id)?.status).toBe('started');
    const winner = created.variations[1].id;
    const ended = await call('POST', `/experiences/${created.id}/actions/end`, { body: { variationId: winner, updatePricesToVariation: true } });
    expect(ended.status).toBe(200);
    expect(ended.body.experience).toMatchObject({ status: 'ended', winningVariationId: winner, pricesUpdated: true });
    expect((await call('GET', `/experiences/${created.id}`)).body.experience).toMatchObject({ winningVariationId: winner, pricesUpdated: true });
  });

  it('answers 400 for an action that does not exist', async () => {
    const target = sandbox.store.listExperiences({ status: 'started' })[0];
    const answer = await call('POST', `/experiences/${target.id}/actions/archive`);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('Unknown action “archive”');
  });
});

describe('analytics', () => {
  const startedId = () => sandbox.store.listExperiences({ status: 'started', category: 'experiment' })[0].id;

  it('answers POST and GET alike with per-variation results, p2bb on all and p2bc beside it off control', async () => {
    const id = startedId();
    const viaPost = await call('POST', `/analytics/resource/${id}`, { body: { view: 'overview' } });
    const viaGet = await call('GET', `/analytics/resource/${id}?view=overview`);
    expect(viaPost.status).toBe(200);
    expect(viaGet.body).toEqual(viaPost.body);
    const analytics = analyticsSchema.parse(viaPost.body);
    expect(analytics.metrics).toHaveLength(analytics.variations.length);
    const control = analytics.variations.find((v) => v.isControl)!;
    for (const metrics of analytics.metrics) {
      const conversion = metrics.conversion_rate as { p2bb: number | null; p2bc?: number | null; value: number };
      expect(conversion.p2bb).toEqual(expect.any(Number));
      if (metrics.variation_id === control.id) expect(conversion.p2bc).toBeUndefined();
      else expect(conversion.p2bc).toEqual(expect.any(Number));
      expect((metrics.n_visitors as { value: number }).value).toBeGreaterThan(1000);
    }
  });

  it('seeds a running three-variation experiment with a clear winner and a clear loser against control on revenue per visitor', async () => {
    const shipping = sandbox.store.listExperiences({ status: 'started' }).find((e) => e.type === 'shipping')!;
    const analytics = analyticsSchema.parse((await call('POST', `/analytics/resource/${shipping.id}`, { body: { view: 'overview' } })).body);
    expect(analytics.variations).toHaveLength(3);
    const rpv = analytics.metrics.map((m) => m.net_revenue_per_visitor as { p2bb: number; p2bc?: number });
    const p2bcs = rpv.map((m) => m.p2bc).filter((p): p is number => p !== undefined);
    expect(Math.max(...p2bcs)).toBeGreaterThanOrEqual(0.95);
    expect(Math.min(...p2bcs)).toBeLessThanOrEqual(0.2);
    // Best of all is another question than beating control: the three p2bb add up to 1, and differ from p2bc.
    expect(rpv.reduce((sum, m) => sum + m.p2bb, 0)).toBeCloseTo(1, 2);
    expect(rpv.some((m) => m.p2bc !== undefined && Math.abs(m.p2bc - m.p2bb) > 0.02)).toBe(true);
    expect((analytics.impact as { est_monthly_revenue_increase: number }).est_monthly_revenue_increase).toBeGreaterThan(0);
  });

  it('adds Intelligems’ verdict only when the request asks for it', async () => {
    const shipping = sandbox.store.listExperiences({ status: 'started' }).find((e) => e.type === 'shipping')!;
    expect((await call('POST', `/analytics/resource/${shipping.id}`, { body: { view: 'overview' } })).body.testResult).toBeUndefined();
    const asked = (await call('POST', `/analytics/resource/${shipping.id}`, { body: { view: 'overview', testResult: true } })).body;
    expect(asked.testResult).toMatchObject({
      verdict: 'strong_win',
      primary_metric: { key: 'net_revenue_per_visitor', best_challenger: { variant: '$75 threshold' } },
    });
    const created = (await call('POST', '/experiences', { body: NEW_EXPERIENCE })).body.experience;
    await call('POST', `/experiences/${created.id}/actions/start`);
    expect((await call('POST', `/analytics/resource/${created.id}`, { body: { testResult: true } })).body.testResult).toMatchObject({ verdict: 'not_ready' });
  });

  it('has no p2bb for an experiment that started a moment ago: too little data', async () => {
    const created = (await call('POST', '/experiences', { body: NEW_EXPERIENCE })).body.experience;
    await call('POST', `/experiences/${created.id}/actions/start`);
    const analytics = analyticsSchema.parse((await call('GET', `/analytics/resource/${created.id}?view=overview`)).body);
    expect(analytics.metrics.every((m) => (m.conversion_rate as { p2bb: unknown }).p2bb === null)).toBe(true);
  });

  it('has no p2bb yet for an experience that has not run', async () => {
    const pending = sandbox.store.listExperiences({ status: 'pending' })[0];
    const analytics = analyticsSchema.parse((await call('POST', `/analytics/resource/${pending.id}`, { body: { view: 'overview' } })).body);
    for (const metrics of analytics.metrics) expect((metrics.conversion_rate as { p2bb: unknown }).p2bb).toBeNull();
  });

  it('returns what was set through PUT /sandbox/analytics/{id}, until it is cleared', async () => {
    const id = startedId();
    const experience = sandbox.store.getExperience(id)!;
    const [controlVariation, variant] = experience.variations!;
    const set = {
      experienceId: id,
      variations: experience.variations,
      metrics: [
        { variation_id: controlVariation.id, conversion_rate: { value: 0.02 } },
        { variation_id: variant.id, conversion_rate: { value: 0.03, p2bb: 0.97, uplift: { value: 0.5 } } },
      ],
    };
    const put = await call('PUT', `/sandbox/analytics/${id}`, { body: set });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ analytics: set });
    expect((await call('POST', `/analytics/resource/${id}`, { body: { view: 'overview' } })).body).toEqual(set);
    expect((await call('GET', `/analytics/resource/${id}`)).body).toEqual(set);
    expect((await call('DELETE', `/sandbox/analytics/${id}`)).status).toBe(204);
    expect((await call('GET', `/analytics/resource/${id}`)).body.metrics[1].conversion_rate.p2bb).not.toBe(0.97);
  });

  it('validates what is set with the app’s analytics schema, naming the field', async () => {
    const id = startedId();
    const answer = await call('PUT', `/sandbox/analytics/${id}`, { body: { experienceId: id, variations: [], metrics: [{ variation_id: '' }] } });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('metrics.0.variation_id');
    const mismatch = await call('PUT', `/sandbox/analytics/${id}`, { body: { experienceId: 'other', variations: [], metrics: [] } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toContain('experienceId: must be');
  });

  it('answers 404 for results of an unknown experience', async () => {
    expect((await call('POST', '/analytics/resource/nope', { body: { view: 'overview' } })).status).toBe(404);
    expect((await call('PUT', '/sandbox/analytics/nope', { body: {} })).status).toBe(404);
  });
});

describe('webhooks', () => {
  it('creates, lists (without secrets) and deletes a subscription; a second delete is 404', async () => {
    const created = await call('POST', '/webhooks', { body: { url: 'http://127.0.0.1:9/hook', events: ['startExperience'], secret: 's'.repeat(32) } });
    expect(created.status).toBe(201);
    expect(created.body.webhook).toEqual({
      id: expect.any(String),
      url: 'http://127.0.0.1:9/hook',
      events: ['startExperience'],
      createdAtTs: expect.any(Number),
    });
    expect(createWebhookResponseSchema.safeParse(created.body).success).toBe(true);
    const listed = await call('GET', '/webhooks');
    expect(listWebhooksResponseSchema.safeParse(listed.body).success).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain('s'.repeat(32));
    expect(listed.body.webhooks.map((w: any) => w.id)).toContain(created.body.webhook.id);
    expect((await call('DELETE', `/webhooks/${created.body.webhook.id}`)).status).toBe(204);
    expect((await call('DELETE', `/webhooks/${created.body.webhook.id}`)).status).toBe(404);
  });

  it('answers 400 naming the field for an unknown event or a short secret', async () => {
    const answer = await call('POST', '/webhooks', { body: { url: 'http://127.0.0.1:9/hook', events: ['launchExperience'], secret: 'short' } });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('events.0');
    expect(answer.body.message).toContain('secret');
  });
});

describe('rate limit', () => {
  it('counts down x-ratelimit-remaining, then answers 429 with Retry-After and retryAfter once the bucket is empty', async () => {
    let clock = 1_800_000_000_000;
    const limited = await startSandbox({ port: 0, rateLimit: { burst: 3, refill: 2, refillEveryMs: 10_000 }, now: () => clock });
    const limitedCall = sandboxClient(limited);
    try {
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = await limitedCall('GET', '/experiences-list?limit=1');
        expect(answer.status).toBe(200);
        expect(answer.headers.get('x-ratelimit-limit')).toBe('3');
        remaining.push(answer.headers.get('x-ratelimit-remaining')!);
      }
      expect(remaining).toEqual(['2', '1', '0']);

      clock += 4_000;
      const refused = await limitedCall('GET', '/experiences-list?limit=1');
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ error: 'rate_limited', retryAfter: 6 });
      expect(refused.headers.get('retry-after')).toBe('6');
      expect(refused.headers.get('x-ratelimit-reset')).toBe(String(1_800_000_000_000 + 10_000));

      clock += 6_000; // one refill step: two more requests
      expect((await limitedCall('GET', '/experiences-list?limit=1')).status).toBe(200);
      expect((await limitedCall('GET', '/experiences-list?limit=1')).status).toBe(200);
      expect((await limitedCall('GET', '/experiences-list?limit=1')).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('authenticates before counting: unknown or missing keys get 401 and no bucket, and leave the real budget alone', async () => {
    const limited = await startSandbox({ port: 0, rateLimit: { burst: 3, refill: 1, refillEveryMs: 60_000 } });
    const limitedCall = sandboxClient(limited);
    try {
      // Each distinct token used to get a bucket of its own, forever: ~280k such requests ran the sandbox out of memory.
      const guesses = Array.from({ length: 40 }, (_, i) => `ig_guess_${i}_${'x'.repeat(15_000)}`);
      for (const key of [...guesses, null, null, null, null]) {
        const answer = await limitedCall('GET', '/experiences-list?limit=1', { key });
        expect(answer.status).toBe(401);
        expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
      }
      const real = await limitedCall('GET', '/experiences-list?limit=1');
      expect(real.status).toBe(200);
      expect(real.headers.get('x-ratelimit-remaining')).toBe('2');
    } finally {
      await limited.close();
    }
  });

  it('applies the published default budget of 50', async () => {
    const limited = await startSandbox({ port: 0 });
    try {
      const first = await sandboxClient(limited)('GET', '/experiences-list?limit=1');
      expect(first.headers.get('x-ratelimit-limit')).toBe('50');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('49');
    } finally {
      await limited.close();
    }
  });
});
