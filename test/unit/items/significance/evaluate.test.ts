import type { Analytics, Experience } from '../../../../src/contract/published';
import { crossedDirection, evaluateSignificance } from '../../../../src/items/significance/evaluate';
import type { SignificanceOptions } from '../../../../src/inputs/significance-options';

const DAY = 24 * 60 * 60 * 1000;
const STARTED = Date.UTC(2025, 10, 17, 9, 0, 0);
const NOW = STARTED + 12 * DAY + 5 * 60 * 60 * 1000;

const experience: Experience = {
  id: 'exp_spring',
  name: 'Spring pricing',
  type: 'pricing',
  category: 'experiment',
  status: 'started',
  startedAtTs: STARTED,
  variations: [],
};

const options = (overrides: Partial<SignificanceOptions> = {}): SignificanceOptions => ({
  metric: 'net_revenue_per_visitor',
  confidence: 95,
  direction: 'either',
  experienceId: null,
  // Guards off unless a test is about them, so the other rules are tested on their own.
  minOrders: 0,
  minDays: 0,
  ...overrides,
});

/** A non-control variation's metric; its probability to beat control (p2bc) is the given one unless `extra` says otherwise. */
function metric(p2bb: number | null, extra: Record<string, unknown> = {}) {
  return { value: 2.68, uplift: { value: 0.081, ci_low: 0.012, ci_high: 0.153 }, p2bb, p2bc: p2bb, ci_low: 2.49, ci_high: 2.87, ...extra };
}

/** Control plus one variation per p2bb given, each with the default metric set to that p2bb. */
function analytics(p2bbs: Array<number | null>, controlP2bb: number | null = null): Analytics {
  const variations = [
    { id: 'v_control', name: 'Control', percentage: 40, isControl: true, order: 0 },
    ...p2bbs.map((_, i) => ({
      id: `v_${i + 1}`,
      name: i === 0 ? '+10 % price' : `Variant ${i + 1}`,
      percentage: 60 / p2bbs.length,
      isControl: false,
      order: i + 1,
    })),
  ];
  return {
    experienceId: experience.id,
    experienceName: experience.name,
    variations,
    metrics: [
      { variation_id: 'v_control', n_visitors: { value: 10412 }, n_orders: { value: 287 }, net_revenue_per_visitor: { value: 2.48, p2bb: controlP2bb } },
      ...p2bbs.map((p2bb, i) => ({
        variation_id: `v_${i + 1}`,
        n_visitors: { value: 10377 },
        n_orders: { value: 281 },
        net_revenue_per_visitor: metric(p2bb),
      })),
    ],
  };
}

describe('evaluateSignificance', () => {
  it('emits a winner with every field, and the summary sentence for Slack', () => {
    const [item, ...rest] = evaluateSignificance(analytics([0.973]), experience, options(), NOW);
    expect(rest).toEqual([]);
    expect(item).toEqual({
      id: 'exp_spring:v_1:net_revenue_per_visitor:winner',
      experience_id: 'exp_spring',
      experience_name: 'Spring pricing',
      experience_type: 'Price Test',
      variation_id: 'v_1',
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
      started_at: '2025-11-17T09:00:00.000Z',
      days_running: 12,
      intelligems_verdict: '',
      action_to_take: '',
      summary: '“Spring pricing”: +10 % price beats control on revenue per visitor with 97.3 % probability (+8.1 %) after 12 days.',
    });
  });

  it('fires exactly at the threshold, and not just below it', () => {
    expect(evaluateSignificance(analytics([0.95]), experience, options(), NOW).map((i) => i.direction)).toEqual(['winner']);
    expect(evaluateSignificance(analytics([0.9499]), experience, options(), NOW)).toEqual([]);
    expect(evaluateSignificance(analytics([0.05]), experience, options(), NOW).map((i) => i.direction)).toEqual(['loser']);
    expect(evaluateSignificance(analytics([0.0501]), experience, options(), NOW)).toEqual([]);
  });

  it('fires exactly at thresholds that are not exact in binary (99.9 % and 0.1 %)', () => {
    expect(crossedDirection(0.999, { confidence: 99.9, direction: 'either' })).toBe('winner');
    expect(crossedDirection(0.001, { confidence: 99.9, direction: 'either' })).toBe('loser');
    expect(crossedDirection(0.9989, { confidence: 99.9, direction: 'either' })).toBeNull();
    expect(crossedDirection(0.57, { confidence: 57, direction: 'winner' })).toBe('winner');
    expect(crossedDirection(0.43, { confidence: 57, direction: 'loser' })).toBe('loser');
  });

  it('never fires on p2bb null (too little data)', () => {
    expect(evaluateSignificance(analytics([null]), experience, options(), NOW)).toEqual([]);
  });

  it('never fires for the control row, even when it carries a p2bb', () => {
    const items = evaluateSignificance(analytics([0.5], 0.99), experience, options(), NOW);
    expect(items).toEqual([]);
  });

  it('never fires for a variation that lacks the metric, while others still do', () => {
    const data = analytics([0.99, 0.99]);
    delete (data.metrics[2] as Record<string, unknown>).net_revenue_per_visitor;
    const items = evaluateSignificance(data, experience, options(), NOW);
    expect(items.map((i) => i.variation_id)).toEqual(['v_1']);
    // Asked about a metric no variation has: nothing.
    expect(evaluateSignificance(data, experience, options({ metric: 'add_to_cart_rate' }), NOW)).toEqual([]);
  });

  it('skips a variation whose metric has an unusable shape, and one with no metrics row', () => {
    const data = analytics([0.99, 0.99, 0.99]);
    (data.metrics[1] as Record<string, unknown>).net_revenue_per_visitor = { p2bb: 'high' };
    data.metrics.splice(2, 1);
    expect(evaluateSignificance(data, experience, options(), NOW).map((i) => i.variation_id)).toEqual(['v_3']);
  });

  it('ignores a metrics row for a variation the analytics does not name (it could be control)', () => {
    const data = analytics([0.5]);
    data.metrics.push({ variation_id: 'v_unknown', net_revenue_per_visitor: metric(0.999) });
    expect(evaluateSignificance(data, experience, options(), NOW)).toEqual([]);
  });

  it('picks sides by direction: winner only, loser only, or either', () => {
    const data = analytics([0.97, 0.02, 0.5]);
    const ids = (direction: SignificanceOptions['direction']) => evaluateSignificance(data, experience, options({ direction }), NOW).map((i) => i.id);
    expect(ids('winner')).toEqual(['exp_spring:v_1:net_revenue_per_visitor:winner']);
    expect(ids('loser')).toEqual(['exp_spring:v_2:net_revenue_per_visitor:loser']);
    expect(ids('either')).toEqual(['exp_spring:v_1:net_revenue_per_visitor:winner', 'exp_spring:v_2:net_revenue_per_visitor:loser']);
  });

  it('says a loser trails control and quotes the probability that control is better', () => {
    const data = analytics([0.027]);
    (data.metrics[1] as Record<string, any>).net_revenue_per_visitor.uplift = { value: -0.081, ci_low: -0.15, ci_high: -0.01 };
    const [item] = evaluateSignificance(data, experience, options(), NOW);
    expect(item.direction).toBe('loser');
    expect(item.probability_to_beat_baseline).toBe(2.7);
    expect(item.uplift_percent).toBe(-8.1);
    expect(item.summary).toBe(
      '“Spring pricing”: +10 % price trails control on revenue per visitor with 97.3 % probability that control is better (-8.1 %) after 12 days.',
    );
  });

  it('uses the chosen metric for values, label and id', () => {
    const data = analytics([0.5]);
    (data.metrics[0] as Record<string, unknown>).conversion_rate = { value: 0.0275, p2bb: null };
    (data.metrics[1] as Record<string, unknown>).conversion_rate = { value: 0.0301, uplift: { value: 0.0945 }, p2bb: 0.9612 };
    const [item] = evaluateSignificance(data, experience, options({ metric: 'conversion_rate', confidence: 96 }), NOW);
    expect(item).toMatchObject({
      id: 'exp_spring:v_1:conversion_rate:winner',
      metric: 'conversion_rate',
      metric_label: 'Conversion Rate',
      probability_to_beat_baseline: 96.1,
      uplift_percent: 9.5,
      uplift_ci_low_percent: null,
      uplift_ci_high_percent: null,
      variation_value: 0.0301,
      control_value: 0.0275,
    });
    expect(item.summary).toBe('“Spring pricing”: +10 % price beats control on conversion rate with 96.1 % probability (+9.5 %) after 12 days.');
  });

  it('leaves out what it does not know: no uplift, no start date, no visitor counts', () => {
    const data = analytics([0.99]);
    data.metrics[1] = { variation_id: 'v_1', net_revenue_per_visitor: { p2bb: 0.99 } };
    const [item] = evaluateSignificance(data, { ...experience, startedAtTs: null }, options(), NOW);
    expect(item).toMatchObject({
      uplift_percent: null,
      variation_value: null,
      visitors: null,
      orders: null,
      orders_variation: 0,
      started_at: '',
      days_running: null,
    });
    expect(item.summary).toBe('“Spring pricing”: +10 % price beats control on revenue per visitor with 99.0 % probability.');
  });

  it('reads the latest of 150,000 recorded starts without a RangeError', () => {
    const experienceActions = Array.from({ length: 150_000 }, (_, i) => ({
      id: `a${i}`,
      experienceId: 'exp_spring',
      action: 'start',
      actionTs: NOW - 30 * DAY + i,
    }));
    experienceActions[70_000].actionTs = NOW - 2 * DAY;
    const [item] = evaluateSignificance(analytics([0.99]), { ...experience, startedAtTs: undefined, experienceActions }, options(), NOW);
    expect(item.started_at).toBe(new Date(NOW - 2 * DAY).toISOString());
    expect(item.days_running).toBe(2);
  });

  it('counts days from the latest recorded start when startedAtTs is missing, and words short runs', () => {
    const restarted = {
      ...experience,
      startedAtTs: undefined,
      experienceActions: [
        { id: 'a1', experienceId: 'exp_spring', action: 'start', actionTs: NOW - 30 * DAY },
        { id: 'a2', experienceId: 'exp_spring', action: 'start', actionTs: NOW - DAY - 1000 },
      ],
    };
    const [item] = evaluateSignificance(analytics([0.99]), restarted, options(), NOW);
    expect(item.days_running).toBe(1);
    expect(item.summary.endsWith('after 1 day.')).toBe(true);
    const [fresh] = evaluateSignificance(analytics([0.99]), { ...experience, startedAtTs: NOW - 60_000 }, options(), NOW);
    expect(fresh.summary.endsWith('after less than a day.')).toBe(true);
  });
});

describe('the guards against early noise', () => {
  /** One variation at p2bb 0.99 with these order counts (undefined leaves `n_orders` out). */
  function withOrders(variation: number | undefined, control: number | undefined): Analytics {
    const data = analytics([0.99]);
    const counts = [control, variation];
    data.metrics.forEach((row, i) => {
      if (counts[i] === undefined) delete row.n_orders;
      else row.n_orders = { value: counts[i] };
    });
    return data;
  }
  const fires = (data: Analytics, guard: Partial<SignificanceOptions>, now = NOW, started: Experience = experience) =>
    evaluateSignificance(data, started, options(guard), now).length === 1;

  it.each([
    ['both at the minimum', 100, 100, true],
    ['both above', 281, 287, true],
    ['the variation one below', 99, 287, false],
    ['the control one below', 281, 99, false],
    ['both below', 12, 12, false],
    ['the variation count missing (0)', undefined, 287, false],
    ['the control count missing (0)', 281, undefined, false],
  ])('Minimum Orders 100 with %s (%p in the variation, %p in control): fires %p', (_, variation, control, expected) => {
    expect(fires(withOrders(variation, control), { minOrders: 100 })).toBe(expected);
  });

  it('Minimum Orders 0 turns the guard off, even with no orders recorded', () => {
    expect(fires(withOrders(undefined, undefined), { minOrders: 0 })).toBe(true);
  });

  it('counts missing control as 0 orders: no control variation at all holds every crossing back', () => {
    const data = analytics([0.99]);
    data.variations = data.variations.map((v) => ({ ...v, isControl: false }));
    expect(evaluateSignificance(data, experience, options({ minOrders: 1 }), NOW)).toEqual([]);
    expect(evaluateSignificance(data, experience, options({ minOrders: 0 }), NOW)).toHaveLength(1);
  });

  it.each([
    ['exactly 7 days', 7 * DAY, true],
    ['7 days and a second', 7 * DAY + 1000, true],
    ['a second short of 7 days', 7 * DAY - 1000, false],
    ['one day', DAY, false],
  ])('Minimum Days 7 after %s (%p ms): fires %p', (_, running, expected) => {
    expect(fires(analytics([0.99]), { minDays: 7 }, STARTED + running)).toBe(expected);
  });

  it('takes fractions of a day: 3.5 days is 84 hours', () => {
    expect(fires(analytics([0.99]), { minDays: 3.5 }, STARTED + 84 * 60 * 60 * 1000)).toBe(true);
    expect(fires(analytics([0.99]), { minDays: 3.5 }, STARTED + 83 * 60 * 60 * 1000)).toBe(false);
  });

  it('Minimum Days 0 turns the guard off, even without a start date; any other minimum needs one', () => {
    const unknownStart = { ...experience, startedAtTs: null };
    expect(fires(analytics([0.99]), { minDays: 0 }, NOW, unknownStart)).toBe(true);
    expect(fires(analytics([0.99]), { minDays: 1 }, NOW, unknownStart)).toBe(false);
  });

  it('reports the counts it compared and keeps the summary’s days true', () => {
    const [item] = evaluateSignificance(withOrders(150, 140), experience, options({ minOrders: 100, minDays: 7 }), NOW);
    expect(item).toMatchObject({ orders_variation: 150, orders_control: 140, days_running: 12 });
    expect(item.summary.endsWith('after 12 days.')).toBe(true);
  });
});

describe('beating control in a test with three or more variations', () => {
  /** Control, a variation that beats control with 96 % but trails a far better sibling (p2bb 3 %), and that sibling. */
  function trailingSibling(withP2bc = true): Analytics {
    const data = analytics([0.03, 0.97]);
    const [, second, third] = data.metrics;
    (second as Record<string, unknown>).net_revenue_per_visitor = metric(0.03, { p2bc: withP2bc ? 0.96 : undefined });
    (third as Record<string, unknown>).net_revenue_per_visitor = metric(0.97, { p2bc: withP2bc ? 0.999 : undefined });
    return data;
  }

  it('never calls a variation that beats control a loser because a sibling is better', () => {
    const items = evaluateSignificance(trailingSibling(), experience, options({ confidence: 95 }), NOW);
    expect(items.map((i) => [i.variation_id, i.direction, i.probability_to_beat_baseline])).toEqual([
      ['v_1', 'winner', 96],
      ['v_2', 'winner', 99.9],
    ]);
    expect(evaluateSignificance(trailingSibling(), experience, options({ direction: 'loser' }), NOW)).toEqual([]);
  });

  it('without p2bc fires nothing for the experiment, and says why in the log', () => {
    const lines: string[] = [];
    expect(evaluateSignificance(trailingSibling(false), experience, options(), NOW, (line) => lines.push(line))).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/“Spring pricing” has 3 variations.*no probability to beat control \(p2bc\)/);
  });

  it('falls back to p2bb in a two-variation test without p2bc', () => {
    const data = analytics([0.97]);
    (data.metrics[1] as Record<string, unknown>).net_revenue_per_visitor = metric(0.97, { p2bc: undefined });
    expect(evaluateSignificance(data, experience, options(), NOW).map((i) => i.probability_to_beat_baseline)).toEqual([97]);
  });
});

describe('firing on Intelligems’ verdict', () => {
  const withVerdict = (verdict: string, variant: unknown, p2bbs: Array<number | null> = [0.5]): Analytics => ({
    ...analytics(p2bbs),
    testResult: { verdict, action_to_take: 'Roll out the winner', primary_metric: { key: 'net_revenue_per_visitor', best_challenger: { variant } } },
  });
  const verdictMode = (overrides: Partial<SignificanceOptions> = {}) => options({ fireWhen: 'verdict', ...overrides });

  it('fires one item for the best challenger of a strong win, whatever Confidence and Direction say', () => {
    const items = evaluateSignificance(withVerdict('strong_win', 'v_2', [0.99, 0.5]), experience, verdictMode({ direction: 'loser', confidence: 99.9 }), NOW);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: 'exp_spring:v_2:verdict:strong_win',
      variation_id: 'v_2',
      direction: 'winner',
      intelligems_verdict: 'strong_win',
      action_to_take: 'Roll out the winner',
    });
    expect(items[0].summary).toMatch(/^“Spring pricing”: Intelligems calls Variant 2 a strong win: it beats control/);
  });

  it('matches the best challenger by name when it is not an id, and a strong loss is a loser', () => {
    const [item] = evaluateSignificance(withVerdict('strong_loss', '+10 % price'), experience, verdictMode(), NOW);
    expect(item).toMatchObject({ id: 'exp_spring:v_1:verdict:strong_loss', direction: 'loser' });
  });

  it.each(['directional_win', 'mixed_signals', 'not_ready', 'something_new'])('does not fire on %s', (verdict) => {
    expect(evaluateSignificance(withVerdict(verdict, 'v_1'), experience, verdictMode(), NOW)).toEqual([]);
  });

  it('keeps the guards, and logs a best challenger it cannot match', () => {
    const young = { ...experience, startedAtTs: NOW - DAY };
    expect(evaluateSignificance(withVerdict('strong_win', 'v_1'), young, verdictMode({ minDays: 7 }), NOW)).toEqual([]);
    const lines: string[] = [];
    expect(evaluateSignificance(withVerdict('strong_win', 'nobody'), experience, verdictMode(), NOW, (l) => lines.push(l))).toEqual([]);
    expect(lines[0]).toMatch(/strong_win.*names no variation/);
  });

  it('carries the verdict on threshold items too, and an empty one when Intelligems gave none', () => {
    const [item] = evaluateSignificance(withVerdict('directional_win', 'v_1', [0.99]), experience, options(), NOW);
    expect(item).toMatchObject({ intelligems_verdict: 'directional_win', action_to_take: 'Roll out the winner' });
    const [plain] = evaluateSignificance({ ...analytics([0.99]), testResult: { unexpected: true } }, experience, options(), NOW);
    expect(plain).toMatchObject({ intelligems_verdict: '', action_to_take: '' });
  });
});
