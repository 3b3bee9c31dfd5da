/** Running experiments and their analytics as Intelligems answers them, for the significance trigger's nock tests. */
import nock from 'nock';
import { MAX_PAGE_SIZE } from '../../src/api/client';
import { API, PREFIX } from './app-tester';
import { API_KEY } from './signed-delivery';

export const DAY = 24 * 60 * 60 * 1000;
export const LIST_QUERY = { status: 'started', category: 'experiment', limit: String(MAX_PAGE_SIZE), page: '1' };

/** A price test started 12 days ago: past the default guard of 7 days. */
export function experiment(id: string, name = `Test ${id}`) {
  return {
    id,
    name,
    type: 'pricing',
    category: 'experiment',
    status: 'started',
    startedAtTs: Date.now() - 12 * DAY - 60_000,
    variations: [
      { id: `${id}_control`, name: 'Control', percentage: 50, isControl: true },
      { id: `${id}_b`, name: '+10 % price', percentage: 50, isControl: false },
    ],
  };
}

/** Control and one variation with this p2bb on revenue per visitor; 287 and 281 orders pass the default guard of 100. */
export function analyticsFor(id: string, p2bb: number | null, orders: { variation?: number; control?: number } = {}) {
  return {
    experienceId: id,
    experienceName: `Test ${id}`,
    datasetId: 'variation_overview',
    variations: [
      { id: `${id}_control`, name: 'Control', percentage: 50, isControl: true, order: 0 },
      { id: `${id}_b`, name: '+10 % price', percentage: 50, isControl: false, order: 1 },
    ],
    metrics: [
      {
        variation_id: `${id}_control`,
        n_visitors: { value: 10412 },
        n_orders: { value: orders.control ?? 287 },
        net_revenue_per_visitor: { value: 2.48, p2bb: null },
      },
      {
        variation_id: `${id}_b`,
        n_visitors: { value: 10377 },
        n_orders: { value: orders.variation ?? 281 },
        net_revenue_per_visitor: { value: 2.68, uplift: { value: 0.081, ci_low: 0.012, ci_high: 0.153 }, p2bb },
      },
    ],
  };
}

export const api = () => nock(API, { reqheaders: { 'intelligems-access-token': API_KEY } });

export function listOnce(experiences: unknown[], query: Record<string, string> = LIST_QUERY, headers: Record<string, string> = {}) {
  return api().get(`${PREFIX}/experiences-list`).query(query).reply(200, { experiencesList: experiences }, headers);
}

export function analyticsOnce(id: string, status: number, body: unknown, headers: Record<string, string> = {}) {
  return api()
    .post(`${PREFIX}/analytics/resource/${id}`, { view: 'overview', testResult: true })
    .reply(status, body as nock.Body, headers);
}

/** The result id a winner on the default metric gets. */
export const winnerId = (id: string) => `${id}:${id}_b:net_revenue_per_visitor:winner`;
