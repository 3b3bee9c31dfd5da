import nock from 'nock';
import { MAX_PAGE_SIZE } from '../../../src/api/client';
import { significanceOutputFields } from '../../../src/items/significance/output-fields';
import { MAX_ANALYTICS_IN_FLIGHT } from '../../../src/polling/budget';
import { App, PREFIX, appTester } from '../../helpers/app-tester';
import { API_KEY } from '../../helpers/signed-delivery';
import { failureOf } from '../../helpers/zapier-failure';
import { LIST_QUERY, analyticsFor, analyticsOnce, api, experiment, listOnce } from '../../helpers/significance-api';

const authData = { apiKey: API_KEY };
const trigger = (App.triggers as Record<string, any>).experiment_significant;
const perform = trigger.operation.perform;

afterEach(() => {
  // A reply that never came (the timeout case) must not answer a later test's request.
  nock.abortPendingRequests();
  jest.restoreAllMocks();
});

describe('experiment_significant', () => {
  it('is a polling trigger with the agreed key, label and noun', () => {
    expect(trigger.key).toBe('experiment_significant');
    expect(trigger.noun).toBe('Result');
    expect(trigger.display.label).toBe('Experiment Reached Significance');
    expect(trigger.operation.type).toBe('polling');
    expect(trigger.operation.inputFields.map((f: { key: string }) => f.key)).toEqual([
      'metric',
      'confidence',
      'direction',
      'min_orders',
      'min_days',
      'experience_id',
      'fire_when',
    ]);
    expect(trigger.operation.inputFields[5].dynamic).toBe('experience_list.id.name');
  });

  it('lists started experiments, reads each one’s analytics, and returns every output field', async () => {
    const scopes = [listOnce([experiment('exp_a', 'Spring pricing')]), analyticsOnce('exp_a', 200, analyticsFor('exp_a', 0.973))];
    const items = await appTester(perform, { authData, inputData: {} });
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(items).toHaveLength(1);
    const item = items[0];
    expect(Object.keys(item).sort()).toEqual(significanceOutputFields.map((f) => f.key).sort());
    expect(Object.keys(item).sort()).toEqual(Object.keys(trigger.operation.sample).sort());
    expect(item).toEqual({
      id: 'exp_a:exp_a_b:net_revenue_per_visitor:winner',
      experience_id: 'exp_a',
      experience_name: 'Spring pricing',
      experience_type: 'Price Test',
      variation_id: 'exp_a_b',
      variation_name: '+10 % price',
      metric: 'net_revenue_per_visitor',
      metric_label: 'Revenue per Visitor',
      direction: 'winner',
      probability_to_beat_baseline: 97.3,
      uplift_percent: 8.1,
      uplift_ci_low_percent: 1.2,
      uplift_ci_high_percent: 15.3,
      variation_value: 2.68,
      control_value: 2.48,
      visitors: 10377,
      orders: 281,
      orders_variation: 281,
      orders_control: 287,
      started_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      days_running: 12,
      intelligems_verdict: '',
      action_to_take: '',
      summary: '“Spring pricing”: +10 % price beats control on revenue per visitor with 97.3 % probability (+8.1 %) after 12 days.',
    });
  });

  it('reads every page of experiences-list (a full page means there may be more)', async () => {
    const fullPage = Array.from({ length: MAX_PAGE_SIZE }, (_, i) => experiment(`p1_${i}`));
    const scopes = [
      listOnce(fullPage),
      listOnce([experiment('exp_last')], { ...LIST_QUERY, page: '2' }),
      analyticsOnce('exp_last', 200, analyticsFor('exp_last', 0.99)),
    ];
    // Only the experiment on page 2 is chosen, so finding it proves the second page was read and used.
    const items = await appTester(perform, { authData, inputData: { experience_id: 'exp_last' } });
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(items.map((i: { id: string }) => i.id)).toEqual(['exp_last:exp_last_b:net_revenue_per_visitor:winner']);
  });

  it('skips (and logs) one experiment whose analytics fail with 404, 500, a bad shape or a timeout; the others still fire', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    // exp_net never answers within the test, so only its timeout ends it; the others answer long before 2 s.
    process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS = '2000';
    const scopes = [
      listOnce(['exp_ok1', 'exp_404', 'exp_500', 'exp_shape', 'exp_net', 'exp_ok2'].map((id) => experiment(id))),
      analyticsOnce('exp_ok1', 200, analyticsFor('exp_ok1', 0.99)),
      analyticsOnce('exp_404', 404, { error: 'NotFound', message: 'no results yet' }),
      analyticsOnce('exp_500', 500, { error: 'Internal', message: 'boom' }),
      analyticsOnce('exp_shape', 200, { experienceId: 'exp_shape', variations: 'nope', metrics: [] }),
      api()
        .post(`${PREFIX}/analytics/resource/exp_net`, { view: 'overview', testResult: true })
        .delay(10 * 60_000)
        .reply(200, analyticsFor('exp_net', 0.99)),
      analyticsOnce('exp_ok2', 200, analyticsFor('exp_ok2', 0.01)),
    ];
    const items = await appTester(perform, { authData, inputData: {} }).finally(() => delete process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS);
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(items.map((i: { id: string }) => i.id)).toEqual([
      'exp_ok1:exp_ok1_b:net_revenue_per_visitor:winner',
      'exp_ok2:exp_ok2_b:net_revenue_per_visitor:loser',
    ]);
    const logged = log.mock.calls.map((args) => args.join(' ')).join('\n');
    for (const id of ['exp_404', 'exp_500', 'exp_shape', 'exp_net']) expect(logged).toContain(`Skipped experiment “Test ${id}” (${id}) this time:`);
    expect(logged).toContain('HTTP 404');
    expect(logged).toContain('HTTP 500');
    expect(logged).toMatch(/variations/);
    expect(logged).toContain('Could not reach Intelligems while reading the results of experiment “Test exp_net”: the request timed out.');
    expect(logged).not.toContain(API_KEY);
  }, 20_000);

  it('skips (and logs) a listed experiment whose ID would change the address, without a request for it', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    let stray = 0;
    const trap = api()
      .persist()
      .post(/^\/v25-10-beta\/(?!analytics\/resource\/exp_ok$)/)
      .reply(() => [500, String(++stray)]);
    const scopes = [listOnce([experiment('..', 'Dotted'), experiment('exp_ok')]), analyticsOnce('exp_ok', 200, analyticsFor('exp_ok', 0.99))];
    const items = await appTester(perform, { authData, inputData: {} });
    trap.persist(false);
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(stray).toBe(0);
    expect(items.map((i: { id: string }) => i.id)).toEqual(['exp_ok:exp_ok_b:net_revenue_per_visitor:winner']);
    const logged = log.mock.calls.map((args) => args.join(' ')).join('\n');
    expect(logged).toContain(
      'Skipped experiment “Dotted” (..) this time: Intelligems sent an answer this app does not understand while reading the results of experiment “Dotted”: the ID “..” cannot be put in an address (“.” and “..” are never IDs).',
    );
  });

  it('turns a 429 into ThrottledError with the server’s Retry-After', async () => {
    const scopes = [
      listOnce([experiment('exp_a')]),
      analyticsOnce('exp_a', 429, { error: 'TooManyRequests', message: 'slow down', retryAfter: 9 }, { 'Retry-After': '17' }),
    ];
    const failure = await failureOf(appTester(perform, { authData, inputData: {} }));
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(failure.name).toBe('ThrottledError');
    expect(failure.delay).toBe(17);
    expect(failure.message).toContain('reading the results of experiment “Test exp_a”');
  });

  it('fails the whole poll as an auth problem on a 401, from the list or from analytics', async () => {
    let scope = api().get(`${PREFIX}/experiences-list`).query(true).reply(401, { error: 'Unauthorized', message: 'bad key' });
    let failure = await failureOf(appTester(perform, { authData, inputData: {} }));
    expect(scope.isDone()).toBe(true);
    expect(failure.name).toBe('ExpiredAuthError');
    expect(failure.message).toContain('Intelligems rejected the API key while checking running experiments for significance (HTTP 401)');

    scope = listOnce([experiment('exp_a'), experiment('exp_b')]);
    const analytics = [analyticsOnce('exp_a', 401, { error: 'Unauthorized', message: 'bad key' }), analyticsOnce('exp_b', 200, analyticsFor('exp_b', 0.99))];
    failure = await failureOf(appTester(perform, { authData, inputData: {} }));
    expect(scope.isDone()).toBe(true);
    expect(analytics[0].isDone()).toBe(true);
    expect(failure.name).toBe('ExpiredAuthError');
  });

  it('fails the poll when the key lacks the analytics permission (403), since every experiment would be skipped', async () => {
    const scopes = [listOnce([experiment('exp_a')]), analyticsOnce('exp_a', 403, { error: 'Forbidden', message: 'missing scope analytics:read' })];
    const failure = await failureOf(appTester(perform, { authData, inputData: {} }));
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(failure.code).toBe('Forbidden');
    expect(failure.message).toContain('missing scope analytics:read');
  });

  it('refuses an unusable input before calling Intelligems, naming the field', async () => {
    const failure = await failureOf(appTester(perform, { authData, inputData: { confidence: '100' } }));
    expect(failure.code).toBe('InvalidInput');
    expect(failure.message).toBe('The Confidence (%) field must be a number above 50 and at most 99.9, such as 95; got 100.');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('applies the chosen metric, confidence and direction, and only reads the chosen experience', async () => {
    const data = analyticsFor('exp_b', null);
    (data.metrics[1] as Record<string, unknown>).conversion_rate = { value: 0.02, uplift: { value: -0.1 }, p2bb: 0.1 };
    const scopes = [listOnce([experiment('exp_a'), experiment('exp_b')]), analyticsOnce('exp_b', 200, data)];
    const items = await appTester(perform, {
      authData,
      inputData: { metric: 'conversion_rate', confidence: '90', direction: 'loser', experience_id: 'exp_b' },
    });
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(items.map((i: { id: string }) => i.id)).toEqual(['exp_b:exp_b_b:conversion_rate:loser']);
    expect(items[0].summary).toBe(
      '“Test exp_b”: +10 % price trails control on conversion rate with 90.0 % probability that control is better (-10.0 %) after 12 days.',
    );
  });

  it('in a three-variation test, never calls a variation that beats control a loser because it trails its sibling', async () => {
    const data = analyticsFor('exp_3', 0.03);
    data.variations.push({ id: 'exp_3_c', name: '+15 % price', percentage: 0, isControl: false, order: 2 });
    (data.metrics[1].net_revenue_per_visitor as Record<string, unknown>).p2bc = 0.96;
    (data.metrics as unknown[]).push({ ...data.metrics[1], variation_id: 'exp_3_c', net_revenue_per_visitor: { value: 2.9, p2bb: 0.97, p2bc: 0.999 } });
    const scopes = [listOnce([experiment('exp_3')]), analyticsOnce('exp_3', 200, data)];
    const items = await appTester(perform, { authData, inputData: { direction: 'either' } });
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(items.map((i: { id: string }) => i.id)).toEqual(['exp_3:exp_3_b:net_revenue_per_visitor:winner', 'exp_3:exp_3_c:net_revenue_per_visitor:winner']);
  });

  it('on Fire When “verdict”, fires once for the best challenger of a strong win, whatever the threshold', async () => {
    const data = {
      ...analyticsFor('exp_v', 0.9),
      testResult: {
        verdict: 'strong_win',
        action_to_take: 'Roll out +10 % price',
        primary_metric: { key: 'net_revenue_per_visitor', best_challenger: { variant: '+10 % price' } },
      },
    };
    const scopes = [listOnce([experiment('exp_v')]), analyticsOnce('exp_v', 200, data)];
    const items = await appTester(perform, { authData, inputData: { fire_when: 'verdict', confidence: '99' } });
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: 'exp_v:exp_v_b:verdict:strong_win',
      direction: 'winner',
      intelligems_verdict: 'strong_win',
      action_to_take: 'Roll out +10 % price',
    });
  });

  it(`has at most ${MAX_ANALYTICS_IN_FLIGHT} analytics calls in flight`, async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `exp_${i}`);
    let inFlight = 0;
    let maxInFlight = 0;
    const list = listOnce(ids.map((id) => experiment(id)));
    const analytics = api()
      .post(/\/v25-10-beta\/analytics\/resource\/exp_\d+$/, { view: 'overview', testResult: true })
      .times(ids.length)
      .reply(async (uri) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        const id = uri.split('/').pop() as string;
        return [200, analyticsFor(id, 0.99)];
      });
    const items = await appTester(perform, { authData, inputData: {} });
    expect(list.isDone()).toBe(true);
    expect(analytics.isDone()).toBe(true);
    expect(items).toHaveLength(ids.length);
    expect(maxInFlight).toBe(MAX_ANALYTICS_IN_FLIGHT);
  });
});
