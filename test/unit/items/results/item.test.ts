import type { Analytics, Experience } from '../../../../src/contract/published';
import { noResults, toResultsItem } from '../../../../src/items/results/item';
import { resultsOutputFields } from '../../../../src/items/results/output-fields';
import { resultsSample } from '../../../../src/items/results/sample';
import { SAMPLE_ANALYTICS, SAMPLE_EXPERIENCE } from '../../../../src/items/sample-data';

const DAY = 24 * 60 * 60 * 1000;
const NOW = SAMPLE_EXPERIENCE.startedAtTs + 12 * DAY + 3 * 60 * 60 * 1000;
const experience = SAMPLE_EXPERIENCE as Experience;

describe('toResultsItem', () => {
  it('takes every number from the analytics as it is, and turns fractions into percentages', () => {
    const item = toResultsItem(SAMPLE_ANALYTICS, experience, 'net_revenue_per_visitor', NOW);
    expect(item).toMatchObject({
      id: `${SAMPLE_EXPERIENCE.id}:2025-12-11`,
      experience_id: SAMPLE_EXPERIENCE.id,
      experience_type: 'Price Test',
      experience_status: 'started',
      metric: 'net_revenue_per_visitor',
      metric_label: 'Revenue per Visitor',
      days_running: 12,
      started_at: '2025-11-29T10:30:00.000Z',
      results_as_of: '2025-12-11T10:30:00.000Z',
      visitors_total: 20789,
      orders_total: 568,
      leader_variation_id: 'var_plus10',
      leader_variation_name: '+10% price',
      leader_uplift_percent: 8.1,
      leader_probability_to_beat_baseline: 97.3,
      est_monthly_revenue_increase: 10395,
      intelligems_verdict: 'strong_win',
      action_to_take: 'Roll out +10% price',
      summary:
        '“Spring pricing” (Price Test, day 12): +10% price leads on revenue per visitor, +8.1 % with 97.3 % probability to beat control; 20,789 visitors, 568 orders.',
    });
    expect(item.variations).toEqual([
      {
        variation_id: 'var_control',
        variation_name: 'Control',
        is_control: true,
        percentage: 50,
        visitors: 10412,
        orders: 287,
        metric_value: 2.48,
        uplift_percent: null,
        probability_to_beat_baseline: null,
        probability_to_be_best: 2.7,
        conversion_rate_percent: 2.756,
        revenue_per_visitor: 2.48,
        revenue_per_order: 89.97,
      },
      {
        variation_id: 'var_plus10',
        variation_name: '+10% price',
        is_control: false,
        percentage: 50,
        visitors: 10377,
        orders: 281,
        metric_value: 2.68,
        uplift_percent: 8.1,
        probability_to_beat_baseline: 97.3,
        probability_to_be_best: 97.3,
        conversion_rate_percent: 2.708,
        revenue_per_visitor: 2.68,
        revenue_per_order: 98.97,
      },
    ]);
  });

  it('keeps every percentage exact, rounding only in the summary', () => {
    const analytics: Analytics = {
      ...SAMPLE_ANALYTICS,
      metrics: SAMPLE_ANALYTICS.metrics.map((row) =>
        row.variation_id === 'var_control'
          ? { ...row, net_revenue_per_visitor: { value: 2.4, p2bb: 0.0005 } }
          : { ...row, conversion_rate: { value: 0.9995 }, net_revenue_per_visitor: { value: 2.6, p2bb: 0.9995, uplift: { value: 0.08123 } } },
      ),
    };
    const item = toResultsItem(analytics, experience, 'net_revenue_per_visitor', NOW);
    expect(item.variations[1]).toMatchObject({
      uplift_percent: 8.123,
      probability_to_beat_baseline: 99.95,
      probability_to_be_best: 99.95,
      conversion_rate_percent: 99.95,
    });
    expect(item).toMatchObject({ leader_uplift_percent: 8.123, leader_probability_to_beat_baseline: 99.95 });
    expect(item.variations[0].probability_to_be_best).toBe(0.05);
    expect(item.summary).toMatch(/, \+8\.1 % with 100\.0 % probability to beat control;/);
  });

  it('names the variation most likely to be best as leader, with its probability to beat control from p2bc', () => {
    const analytics: Analytics = {
      experienceId: 'exp_3',
      variations: [
        { id: 'c', name: 'Control', percentage: 34, isControl: true, order: 0 },
        { id: 'a', name: 'A', percentage: 33, isControl: false, order: 1 },
        { id: 'b', name: 'B', percentage: 33, isControl: false, order: 2 },
      ],
      metrics: [
        { variation_id: 'c', net_revenue_per_visitor: { value: 2, p2bb: 0.01 } },
        { variation_id: 'a', net_revenue_per_visitor: { value: 2.2, p2bb: 0.03, p2bc: 0.96, uplift: { value: 0.1 } } },
        { variation_id: 'b', net_revenue_per_visitor: { value: 2.6, p2bb: 0.96, p2bc: 0.999, uplift: { value: 0.3 } } },
      ],
    };
    const item = toResultsItem(analytics, { ...experience, id: 'exp_3' }, 'net_revenue_per_visitor', NOW);
    expect(item).toMatchObject({ leader_variation_id: 'b', leader_probability_to_beat_baseline: 99.9, leader_uplift_percent: 30 });
    expect(item.variations.map((v) => [v.variation_id, v.probability_to_beat_baseline, v.probability_to_be_best])).toEqual([
      ['c', null, 1],
      ['a', 96, 3],
      ['b', 99.9, 96],
    ]);
  });

  it('without p2bc, reads p2bb as beating control only in a two-variation test', () => {
    const analytics: Analytics = {
      ...SAMPLE_ANALYTICS,
      metrics: SAMPLE_ANALYTICS.metrics.map((row) => ({
        ...row,
        net_revenue_per_visitor: { value: 1, p2bb: row.variation_id === 'var_control' ? null : 0.2 },
      })),
    };
    const item = toResultsItem(analytics, experience, 'net_revenue_per_visitor', NOW);
    expect(item.variations[1].probability_to_beat_baseline).toBe(20);
    // The control then has the rest (80 %) of being best, so it leads; control has no probability to beat itself.
    expect(item).toMatchObject({ leader_variation_id: 'var_control', leader_probability_to_beat_baseline: null, leader_uplift_percent: null });
    expect(item.summary).toMatch(/: Control leads on revenue per visitor; 20,789 visitors, 568 orders\.$/);
  });

  it('comes back honest, with empty numbers and a summary that says so, when there is no data yet', () => {
    const fresh = { ...experience, startedAtTs: NOW - 60_000 };
    const empty = toResultsItem(noResults(fresh), fresh, 'conversion_rate', NOW);
    expect(empty).toMatchObject({
      days_running: 0,
      results_as_of: '',
      visitors_total: null,
      orders_total: null,
      leader_variation_id: '',
      leader_variation_name: '',
      leader_uplift_percent: null,
      leader_probability_to_beat_baseline: null,
      est_monthly_revenue_increase: null,
      intelligems_verdict: '',
      action_to_take: '',
      summary: '“Spring pricing” (Price Test, first day): not enough data yet to name a leader on conversion rate; 0 visitors, 0 orders.',
    });
    expect(empty.variations.map((v) => [v.variation_name, v.visitors, v.metric_value, v.probability_to_be_best])).toEqual([
      ['Control', null, null, null],
      ['+10% price', null, null, null],
    ]);
    const nullP2bb = {
      ...SAMPLE_ANALYTICS,
      impact: { est_monthly_revenue_increase: null },
      metrics: [{ variation_id: 'var_control', n_visitors: { value: 40 }, n_orders: 0 }],
    };
    expect(toResultsItem(nullP2bb, experience, 'net_revenue_per_visitor', NOW)).toMatchObject({
      visitors_total: 40,
      orders_total: 0,
      est_monthly_revenue_increase: null,
      summary: expect.stringMatching(/not enough data yet .* 40 visitors, 0 orders\.$/),
    });
  });

  it('has the same id all day (UTC) and another the next day', () => {
    const id = (at: number) => toResultsItem(SAMPLE_ANALYTICS, experience, 'net_revenue_per_visitor', at).id;
    const midnight = Date.UTC(2025, 11, 11);
    expect(id(midnight)).toBe(id(midnight + DAY - 1));
    expect(id(midnight + DAY)).not.toBe(id(midnight));
  });

  it('has a label for every field, with the variations as line items, and a sample built by the same shaper', () => {
    const keys = resultsOutputFields.map((f) => f.key);
    expect(keys.sort()).toEqual(Object.keys(resultsSample).sort());
    const lineItems = resultsOutputFields.find((f) => f.key === 'variations') as { children: Array<{ key: string }> };
    expect(lineItems.children.map((c) => c.key)).toEqual(Object.keys(resultsSample.variations[0]));
    expect(resultsSample).toEqual(toResultsItem(SAMPLE_ANALYTICS, experience, 'net_revenue_per_visitor', NOW));
  });
});
