/**
 * The sandbox as a large, slow account: many running experiments on top of the seeds, analytics that hang on request,
 * and a rate limiter whose clock runs apart from the store's (so a benchmark can space polls by minutes).
 */
import nock from 'nock';
import { analyticsSchema } from '../../src/contract/published';
import { settingsFromEnv, SandboxConfigError } from '../../sandbox/config';
import { sandboxClient } from '../../sandbox/client';
import { bulkExperimentId } from '../../sandbox/state/bulk-seeds';
import { startSandbox } from '../../sandbox/start-sandbox';

beforeAll(() => nock.restore()); // real HTTP on loopback

describe('many running experiments', () => {
  it('adds them after the regular seeds, which stay as they are', async () => {
    const plain = await startSandbox({ port: 0, rateLimit: false });
    const large = await startSandbox({ port: 0, rateLimit: false, runningExperiments: 200 });
    try {
      const seeded = plain.store.listExperiences();
      const all = large.store.listExperiences();
      expect(all).toHaveLength(seeded.length + 200);
      for (const seed of seeded) expect(all.map((e) => e.id)).toContain(seed.id);
      const running = await sandboxClient(large).ok('GET', '/experiences-list?status=started&category=experiment&limit=100&page=3');
      expect(running.experiencesList.length).toBeGreaterThan(0); // 200 + the seeds' running ones: a third page
      const bulk = large.store.getExperience(bulkExperimentId(199))!;
      expect(bulk).toMatchObject({ status: 'started', category: 'experiment', name: 'Bulk test 200: Shipping Test on water filters' });
      // Started at least a week ago, so the seeded results have data and pass the default Minimum Days Running.
      expect(Date.now() - (bulk.startedAtTs as number)).toBeGreaterThanOrEqual(7 * 24 * 60 * 60 * 1000);
      const analytics = analyticsSchema.parse(await sandboxClient(large).ok('POST', `/analytics/resource/${bulk.id}`, { view: 'overview' }));
      expect(analytics.metrics).toHaveLength(2);
    } finally {
      await Promise.all([plain.close(), large.close()]);
    }
  });

  it('reads SANDBOX_RUNNING_EXPERIMENTS, and names it when it is not a whole number', () => {
    expect(settingsFromEnv({ SANDBOX_RUNNING_EXPERIMENTS: '50' }).runningExperiments).toBe(50);
    expect(settingsFromEnv({}).runningExperiments).toBe(0);
    expect(() => settingsFromEnv({ SANDBOX_RUNNING_EXPERIMENTS: 'lots' })).toThrow(SandboxConfigError);
    expect(() => settingsFromEnv({ SANDBOX_RUNNING_EXPERIMENTS: 'lots' })).toThrow(
      'SANDBOX_RUNNING_EXPERIMENTS must be a whole number from 0 to 10000 (got “lots”).',
    );
  });
});

describe('analytics that hang', () => {
  it('never answers for a chosen experiment until told otherwise, while the others answer; closing ends the wait', async () => {
    const sandbox = await startSandbox({ port: 0, rateLimit: false, runningExperiments: 2 });
    const call = sandboxClient(sandbox);
    const [stuck, fine] = [bulkExperimentId(0), bulkExperimentId(1)];
    try {
      expect((await call('PUT', `/sandbox/analytics/${stuck}/hang`)).body).toEqual({ experienceId: stuck, hanging: true });
      const hung = call('POST', `/analytics/resource/${stuck}`, { body: { view: 'overview' } });
      const outcome = await Promise.race([hung.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 400))]);
      expect(outcome).toBe('still waiting');
      expect((await call('POST', `/analytics/resource/${fine}`, { body: { view: 'overview' } })).status).toBe(200);

      expect((await call('DELETE', `/sandbox/analytics/${stuck}/hang`)).status).toBe(204);
      expect((await call('POST', `/analytics/resource/${stuck}`, { body: { view: 'overview' } })).status).toBe(200);
      hung.catch(() => undefined); // the connection is cut when the sandbox closes
    } finally {
      await sandbox.close();
    }
  });

  it('answers 404 for hanging an unknown experience', async () => {
    const sandbox = await startSandbox({ port: 0, rateLimit: false });
    try {
      expect((await sandboxClient(sandbox)('PUT', '/sandbox/analytics/nope/hang')).status).toBe(404);
    } finally {
      await sandbox.close();
    }
  });
});

describe('the rate limiter’s own clock', () => {
  it('refills by its clock alone, while timestamps follow the store’s', async () => {
    let limiterClock = 1_800_000_000_000;
    const sandbox = await startSandbox({ port: 0, rateLimit: { burst: 2, refill: 2, refillEveryMs: 30_000 }, rateLimitNow: () => limiterClock });
    const call = sandboxClient(sandbox);
    try {
      expect((await call('GET', '/experiences-list?limit=1')).status).toBe(200);
      expect((await call('GET', '/experiences-list?limit=1')).status).toBe(200);
      const refused = await call('GET', '/experiences-list?limit=1');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('x-ratelimit-reset')).toBe(String(limiterClock + 30_000));

      limiterClock += 5 * 60_000; // five minutes pass for the limiter only
      const answer = await call('GET', '/experiences-list?limit=1');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ratelimit-remaining')).toBe('1');
      // The store's clock is still the real one: a new experience is stamped now, not five minutes on.
      const created = (
        await call.ok('POST', '/experiences', {
          name: 'Clock check',
          type: 'pricing',
          variations: [
            { name: 'A', percentage: 50, isControl: true },
            { name: 'B', percentage: 50, isControl: false },
          ],
        })
      ).experience;
      expect(Math.abs(created.createdAtTs - Date.now())).toBeLessThan(60_000);
    } finally {
      await sandbox.close();
    }
  });
});
