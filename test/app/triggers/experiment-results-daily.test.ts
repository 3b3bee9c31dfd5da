/**
 * Daily Experiment Results through the app tester and nock, with an injected clock: each running experiment once per
 * UTC day, within the significance poll's per-poll cap, the rest by rotation; the filters; no guard holding a row back.
 */
import nock from 'nock';
import { MAX_ANALYTICS_PER_POLL } from '../../../src/polling/budget';
import { pollDailyResults } from '../../../src/triggers/experiment-results-daily';
import { App, PREFIX, appTester } from '../../helpers/app-tester';
import { API_KEY } from '../../helpers/signed-delivery';
import { DAY, LIST_QUERY, analyticsFor, api, experiment } from '../../helpers/significance-api';

const trigger = (App.triggers as Record<string, any>).experiment_results_daily;
const authData = { apiKey: API_KEY };
const tester = appTester as typeof appTester & { zcacheTestObj: unknown };
const ANALYTICS = new RegExp(`^${PREFIX}/analytics/resource/([\\w-]+)$`);
/**
 * 09:00 UTC on a day after today: every poll of a test is at a time the test chooses, never the wall clock's. It is
 * in the future so that the client's request timeouts (the poll's deadline minus the wall clock) stay generous.
 */
const MORNING = (Math.floor(Date.now() / DAY) + 2) * DAY + 9 * 60 * 60 * 1000;
const TODAY = new Date(MORNING).toISOString().slice(0, 10);
const TOMORROW = new Date(MORNING + DAY).toISOString().slice(0, 10);

let calls: string[];
beforeEach(() => {
  tester.zcacheTestObj = {};
  calls = [];
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

function account(experiences: unknown[]) {
  api()
    .get(`${PREFIX}/experiences-list`)
    .query((query) => query.status === LIST_QUERY.status && query.limit === LIST_QUERY.limit)
    .times(100)
    .reply((uri) => {
      const page = Number(new URL(uri, 'http://x').searchParams.get('page'));
      return [200, { experiencesList: experiences.slice((page - 1) * 100, page * 100) }];
    });
  api()
    .post(ANALYTICS, { view: 'overview', testResult: true })
    .times(10_000)
    .reply((uri) => {
      const id = decodeURIComponent(ANALYTICS.exec(uri)![1]);
      calls.push(id);
      // A young test: no orders yet, no probability. It is logged all the same.
      return [200, id.startsWith('young') ? analyticsFor(id, null, { variation: 0, control: 0 }) : analyticsFor(id, 0.6)];
    });
}

const pollAt = (at: number, inputData: Record<string, string> = {}, meta: Record<string, unknown> = {}) =>
  tester((z: any, bundle: any) => pollDailyResults(z, bundle, () => at), { authData, inputData, meta }) as Promise<Array<{ id: string; summary: string }>>;

describe('experiment_results_daily', () => {
  it('is a polling trigger with the experience filters, and the results item’s fields', () => {
    expect(trigger.operation.type).toBe('polling');
    expect(trigger.operation.inputFields.map((f: { key: string }) => f.key)).toEqual(['experience_type', 'experience_id']);
    expect(trigger.operation.outputFields).toBe((App.searches as Record<string, any>).experience_results.operation.outputFields);
  });

  // 200 experiments over seven polls are in test/unit/polling/day-memory.test.ts, without HTTP: here each read costs
  // zapier-platform-core's whole request pipeline.
  it('fires each running experiment once a day, never over the per-poll cap, with ids stable within the day', async () => {
    const ids = Array.from({ length: 2 * MAX_ANALYTICS_PER_POLL + 10 }, (_, i) => `exp_${i}`);
    account(ids.map((id) => experiment(id)));
    const seen = new Set<string>();
    let at = MORNING;
    for (let poll = 0; poll < 3; poll++, at += 15 * 60_000) {
      calls = [];
      const items = await pollAt(at);
      expect(calls.length).toBeLessThanOrEqual(MAX_ANALYTICS_PER_POLL);
      // Every poll returns all of today's rows so far: the ones read before and the ones it read.
      expect(items).toHaveLength(seen.size + calls.length);
      items.forEach((item) => seen.add(item.id));
    }
    expect(seen.size).toBe(ids.length);
    expect([...seen].every((id) => id.endsWith(`:${TODAY}`))).toBe(true);
    expect(new Set([...seen].map((id) => id.split(':')[0]))).toEqual(new Set(ids));

    // Later that day: every experiment was read today, so nothing is read again; the day's rows are all still there.
    calls = [];
    expect(new Set((await pollAt(MORNING + 12 * 60 * 60 * 1000)).map((item) => item.id))).toEqual(seen);
    expect(calls).toEqual([]);

    // The next day the rotation starts over, with the next day's ids.
    const tomorrow = await pollAt(MORNING + DAY);
    expect(tomorrow).toHaveLength(MAX_ANALYTICS_PER_POLL);
    expect(tomorrow.every((item) => item.id.endsWith(`:${TOMORROW}`))).toBe(true);
  });

  it('gives every row of the day to each of two Zaps on one connection, reading each experiment once', async () => {
    const ids = Array.from({ length: MAX_ANALYTICS_PER_POLL + 10 }, (_, i) => `exp_${i}`);
    account(ids.map((id) => experiment(id)));
    // Two Zaps share the connection and Zapier's cache; each has its own memory of the ids it has seen.
    const zaps = [new Set<string>(), new Set<string>()];
    for (let poll = 0; poll < 4; poll++)
      for (const [zap, seen] of zaps.entries()) (await pollAt(MORNING + poll * 15 * 60_000 + zap * 60_000)).forEach((item) => seen.add(item.id));
    for (const seen of zaps) expect(seen).toEqual(new Set(ids.map((id) => `${id}:${TODAY}`)));
    expect(calls.slice().sort()).toEqual(ids.slice().sort());
  });

  it('leaves the live Zap its rows when the editor loads a sample ("Test trigger")', async () => {
    account([experiment('exp_a'), experiment('exp_b')]);
    const sample = await pollAt(MORNING, {}, { isLoadingSample: true });
    expect(sample.map((item) => item.id)).toEqual([`exp_a:${TODAY}`, `exp_b:${TODAY}`]);
    calls = [];
    expect((await pollAt(MORNING + 15 * 60_000)).map((item) => item.id)).toEqual([`exp_a:${TODAY}`, `exp_b:${TODAY}`]);
    expect(calls).toEqual([]);
  });

  it('logs a young test with no orders too: no guard holds a row back', async () => {
    account([experiment('young_1')]);
    const [item] = await pollAt(MORNING);
    expect(item.id).toBe(`young_1:${TODAY}`);
    expect(item.summary).toMatch(/not enough data yet/);
  });

  it('logs a test without results yet (404) honestly, and reads the others after it', async () => {
    const young = Array.from({ length: MAX_ANALYTICS_PER_POLL }, (_, i) => `new_${i}`);
    api()
      .get(`${PREFIX}/experiences-list`)
      .query(LIST_QUERY)
      .times(2)
      .reply(200, { experiencesList: [...young, 'exp_last'].map((id) => experiment(id)) });
    api()
      .post(ANALYTICS)
      .times(MAX_ANALYTICS_PER_POLL + 1)
      .reply((uri) => {
        const id = decodeURIComponent(ANALYTICS.exec(uri)![1]);
        return id === 'exp_last' ? [200, analyticsFor(id, 0.6)] : [404, { error: 'NotFound', message: 'No results yet' }];
      });
    const first = await pollAt(MORNING);
    expect(first.map((i) => i.id)).toEqual(young.map((id) => `${id}:${TODAY}`));
    expect(first[0].summary).toMatch(/not enough data yet/);
    const second = await pollAt(MORNING + 60_000);
    expect(second.map((i) => i.id)).toContain(`exp_last:${TODAY}`);
  });

  it('reads a failed experiment again in the next poll the same day', async () => {
    api()
      .get(`${PREFIX}/experiences-list`)
      .query(LIST_QUERY)
      .times(2)
      .reply(200, { experiencesList: [experiment('exp_a'), experiment('exp_b')] });
    api().post(`${PREFIX}/analytics/resource/exp_a`).reply(500, { error: 'InternalServerError', message: 'oops' });
    api().post(`${PREFIX}/analytics/resource/exp_b`).reply(200, analyticsFor('exp_b', 0.5));
    expect((await pollAt(MORNING)).map((i) => i.id)).toEqual([`exp_b:${TODAY}`]);
    api().post(`${PREFIX}/analytics/resource/exp_a`).reply(200, analyticsFor('exp_a', 0.5));
    expect((await pollAt(MORNING + 60_000)).map((i) => i.id)).toEqual([`exp_a:${TODAY}`, `exp_b:${TODAY}`]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('keeps only the chosen Experience Type, and the chosen Experience', async () => {
    const shipping = { ...experiment('ship_1'), type: 'shipping' };
    account([experiment('price_1'), shipping, experiment('price_2')]);
    expect((await pollAt(MORNING, { experience_type: 'shipping' })).map((i) => i.id)).toEqual([`ship_1:${TODAY}`]);
    expect((await pollAt(MORNING, { experience_id: 'price_2' })).map((i) => i.id)).toEqual([`price_2:${TODAY}`]);
  });
});
