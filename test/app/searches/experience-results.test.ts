import nock from 'nock';
import { SAMPLE_ANALYTICS, SAMPLE_EXPERIENCE } from '../../../src/items/sample-data';
import { App, PREFIX, appTester } from '../../helpers/app-tester';
import { api } from '../../helpers/significance-api';
import { API_KEY } from '../../helpers/signed-delivery';
import { failureOf } from '../../helpers/zapier-failure';

const authData = { apiKey: API_KEY };
const search = (App.searches as Record<string, any>).experience_results;
const ID = SAMPLE_EXPERIENCE.id;
const lookUp = () => api().get(`${PREFIX}/experiences/${ID}`);
const analytics = () => api().post(`${PREFIX}/analytics/resource/${ID}`, { view: 'overview', testResult: true });

describe('experience_results (Find Experience Results)', () => {
  it('has a required Experience dropdown and the significance trigger’s Metric choices and default', () => {
    const [experience, metric] = search.operation.inputFields;
    expect(experience).toMatchObject({ key: 'experience_id', required: true, dynamic: 'experience_list.id.name' });
    const significanceMetric = (App.triggers as Record<string, any>).experiment_significant.operation.inputFields.find(
      (f: { key: string }) => f.key === 'metric',
    );
    expect({ ...metric, helpText: '' }).toEqual({ ...significanceMetric, helpText: '' });
  });

  it('returns the item with its line items, numbers exactly as the analytics gives them', async () => {
    const scopes = [lookUp().reply(200, { experience: SAMPLE_EXPERIENCE }), analytics().reply(200, SAMPLE_ANALYTICS)];
    const results = await appTester(search.operation.perform, { authData, inputData: { experience_id: ID, metric: 'conversion_rate' } });
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(results).toHaveLength(1);
    const [item] = results;
    expect(Object.keys(item).sort()).toEqual(Object.keys(search.operation.sample).sort());
    expect(item).toMatchObject({ experience_id: ID, metric: 'conversion_rate', visitors_total: 20789, orders_total: 568, est_monthly_revenue_increase: 10395 });
    expect(
      item.variations.map((v: Record<string, unknown>) => [
        v.variation_name,
        v.visitors,
        v.orders,
        v.metric_value,
        v.conversion_rate_percent,
        v.revenue_per_visitor,
      ]),
    ).toEqual([
      ['Control', 10412, 287, 0.02756, 2.756, 2.48],
      ['+10% price', 10377, 281, 0.02708, 2.708, 2.68],
    ]);
    expect(item.variations[1]).toMatchObject({ uplift_percent: -1.7, probability_to_beat_baseline: 39, probability_to_be_best: 39 });
  });

  it('returns an honest item for an experience with no results yet', async () => {
    const pending = { ...SAMPLE_EXPERIENCE, status: 'pending', startedAtTs: null, experienceActions: [] };
    const scopes = [lookUp().reply(200, { experience: pending }), analytics().reply(404, { error: 'NotFound', message: 'No results yet' })];
    const [item] = await appTester(search.operation.perform, { authData, inputData: { experience_id: ID } });
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(item).toMatchObject({ days_running: null, visitors_total: null, leader_variation_id: '', summary: expect.stringMatching(/not enough data yet/) });
    expect(item.variations).toHaveLength(2);
  });

  it('returns [] for an unknown experience, without reading results', async () => {
    const scope = lookUp().reply(404, { error: 'NotFound', message: 'Experience not found' });
    expect(await appTester(search.operation.perform, { authData, inputData: { experience_id: ID } })).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses an empty Experience, naming the field', async () => {
    const failure = await failureOf(appTester(search.operation.perform, { authData, inputData: { experience_id: ' ' } }));
    expect(failure.code).toBe('InvalidInput');
    expect(failure.message).toMatch(/^The Experience field is empty/);
  });
});
