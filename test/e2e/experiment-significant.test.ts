/**
 * The significance trigger against the real sandbox over loopback (no nock): results are set through the
 * sandbox-only `PUT /sandbox/analytics/{id}`, then the trigger's real perform polls the sandbox's API.
 */
import nock from 'nock';
import type { Analytics, Experience } from '../../src/contract/published';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';
import { pointAppAt } from '../../sandbox/zapier/point-app-at';
import { App, appTester } from '../helpers/app-tester';
import { failureOf } from '../helpers/zapier-failure';
import { sandboxClient } from '../../sandbox/client';

const perform = (App.triggers as Record<string, any>).experiment_significant.operation.perform;
const DAY = 24 * 60 * 60 * 1000;
let restoreApiUrl: () => void;
let sandbox: RunningSandbox;
let call: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  nock.restore();
  sandbox = await startSandbox({ port: 0, rateLimit: false });
  call = sandboxClient(sandbox);
  restoreApiUrl = pointAppAt(sandbox.url);
});
afterAll(async () => {
  await sandbox.close();
  restoreApiUrl();
});

/**
 * Results for `experience`: control without a probability, each other variation with the next probability to beat
 * control given, as `p2bc` (and `p2bb`, which means the same in a two-variation test) (undefined = no metric).
 */
function resultsFor(experience: Experience, p2bbs: Array<number | null | undefined>): Analytics {
  const variations = [...(experience.variations ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  let next = 0;
  return {
    experienceId: experience.id,
    experienceName: experience.name,
    datasetId: 'variation_overview',
    latestRunTs: Date.now(),
    variations,
    metrics: variations.map((variation) => {
      const counts = { n_visitors: { value: 5200 }, n_orders: { value: 130 } };
      if (variation.isControl) return { variation_id: variation.id, ...counts, net_revenue_per_visitor: { value: 2.5, p2bb: null } };
      const p2bb = p2bbs[next++];
      if (p2bb === undefined) return { variation_id: variation.id, ...counts, conversion_rate: { value: 0.025, p2bb: 0.99 } };
      const uplift = p2bb === null ? 0 : p2bb - 0.5;
      return {
        variation_id: variation.id,
        ...counts,
        net_revenue_per_visitor: { value: 2.5 * (1 + uplift / 5), uplift: { value: uplift / 5, ci_low: -0.02, ci_high: 0.2 }, p2bb, p2bc: p2bb },
      };
    }),
  };
}

async function setResults(experience: Experience, p2bbs: Array<number | null | undefined>): Promise<void> {
  const answer = await call('PUT', `/sandbox/analytics/${experience.id}`, { body: resultsFor(experience, p2bbs) });
  expect(answer.status).toBe(200);
}

const nonControl = (experience: Experience) => (experience.variations ?? []).filter((v) => !v.isControl).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));

it('fires once per crossing on running experiments only, with the results set through the sandbox', async () => {
  const running = sandbox.store.listExperiences({ status: 'started' }).filter((e) => e.category === 'experiment');
  expect(running.length).toBeGreaterThanOrEqual(4);
  const twoWay = running.find((e) => nonControl(e).length >= 2) as Experience;
  const [winner, undecided, noMetric] = running.filter((e) => e !== twoWay);
  const personalization = sandbox.store.listExperiences({ status: 'started' }).find((e) => e.category === 'personalization') as Experience;
  const paused = sandbox.store.listExperiences({ status: 'paused' })[0];

  await setResults(winner, [0.973]);
  await setResults(twoWay, [0.95, 0.05]); // exactly at both thresholds
  await setResults(undecided, [null]);
  await setResults(noMetric, [undefined]);
  for (const other of running.slice(4))
    await setResults(
      other,
      nonControl(other).map(() => 0.5),
    );
  // Would fire if the trigger read them: a running personalization and a paused experiment.
  await setResults(personalization, [0.999]);
  await setResults(paused, [0.999]);

  // The youngest seeded test started 5 days ago: Minimum Days Running is off here, the guards have their own test.
  const items = await appTester(perform, { authData: { apiKey: sandbox.apiKey }, inputData: { min_days: '0' } });

  const [up, down] = nonControl(twoWay);
  const winnerVariation = nonControl(winner)[0];
  expect(items.map((i: { id: string }) => i.id).sort()).toEqual(
    [
      `${winner.id}:${winnerVariation.id}:net_revenue_per_visitor:winner`,
      `${twoWay.id}:${up.id}:net_revenue_per_visitor:winner`,
      `${twoWay.id}:${down.id}:net_revenue_per_visitor:loser`,
    ].sort(),
  );
  const first = items.find((i: { experience_id: string }) => i.experience_id === winner.id);
  const days = Math.floor((Date.now() - (winner.startedAtTs as number)) / DAY);
  expect(first).toMatchObject({
    experience_name: winner.name,
    variation_name: winnerVariation.name,
    direction: 'winner',
    probability_to_beat_baseline: 97.3,
    uplift_percent: 9.5,
    control_value: 2.5,
    visitors: 5200,
    orders: 130,
    orders_variation: 130,
    orders_control: 130,
    started_at: new Date(winner.startedAtTs as number).toISOString(),
    days_running: days,
  });
  expect(first.summary).toBe(
    `“${winner.name}”: ${winnerVariation.name} beats control on revenue per visitor with 97.3 % probability (+9.5 %) after ${days} days.`,
  );

  // Only winners at 97 %: the crossing at exactly 95 % no longer counts.
  const strict = await appTester(perform, { authData: { apiKey: sandbox.apiKey }, inputData: { confidence: '97', direction: 'winner', min_days: '0' } });
  expect(strict.map((i: { id: string }) => i.id)).toEqual([`${winner.id}:${winnerVariation.id}:net_revenue_per_visitor:winner`]);
});

it('holds a crossing back until the test has run long enough and each arm has enough orders', async () => {
  const running = sandbox.store.listExperiences({ status: 'started' }).filter((e) => e.category === 'experiment');
  const young = running.find((e) => Date.now() - (e.startedAtTs as number) < 7 * DAY && nonControl(e).length === 1) as Experience;
  expect(young).toBeDefined();
  await setResults(young, [0.99]); // 130 orders in each arm
  const others = running.filter((e) => e !== young);
  for (const other of others)
    await setResults(
      other,
      nonControl(other).map(() => 0.5),
    );
  const alertsFor = async (inputData: Record<string, string>) =>
    (await appTester(perform, { authData: { apiKey: sandbox.apiKey }, inputData })).map((i: { experience_id: string }) => i.experience_id);

  expect(await alertsFor({})).toEqual([]); // the defaults: 7 days, 100 orders
  expect(await alertsFor({ min_days: '0' })).toEqual([young.id]);
  expect(await alertsFor({ min_days: '0', min_orders: '131' })).toEqual([]);
  expect(await alertsFor({ min_days: '0', min_orders: '130' })).toEqual([young.id]);
});

it('fails the poll as an auth problem when the sandbox rejects the key', async () => {
  const failure = await failureOf(appTester(perform, { authData: { apiKey: 'ig_wrong_key' }, inputData: {} }));
  expect(failure.name).toBe('ExpiredAuthError');
  expect(failure.message).not.toContain('ig_wrong_key');
});

it('fails as throttled, with the wait until the sandbox’s next refill, when the key’s budget is down to the reserve', async () => {
  const limited = await startSandbox({ port: 0, rateLimit: { burst: 3, refill: 1, refillEveryMs: 45_000 } });
  const restore = pointAppAt(limited.url);
  try {
    // The list call leaves 2 of the 3 calls: below the reserve kept for other Zaps, so no analytics call starts.
    const failure = await failureOf(appTester(perform, { authData: { apiKey: limited.apiKey }, inputData: {} }));
    expect(failure.name).toBe('ThrottledError');
    expect(failure.delay).toBeGreaterThan(0);
    expect(failure.delay).toBeLessThanOrEqual(45);
  } finally {
    restore();
    await limited.close();
  }
});
