/**
 * The sandbox as a real account shows it through the published API: who did what in each list item's `history`,
 * soft deletion, the list's paging fields, and the published-only mode where no /webhooks path exists.
 */
import nock from 'nock';
import { settingsFromEnv } from '../../sandbox/config';
import { NEW_EXPERIENCE, sandboxClient, type SandboxClient } from '../../sandbox/client';
import { startSandbox, type RunningSandbox } from '../../sandbox/start-sandbox';

let sandbox: RunningSandbox;
let call: SandboxClient;

beforeAll(async () => {
  nock.restore(); // real HTTP on loopback
  sandbox = await startSandbox({ port: 0, rateLimit: false });
  call = sandboxClient(sandbox);
});
afterAll(() => sandbox.close());

async function listed(id: string): Promise<any> {
  for (let page = 1; ; page++) {
    const answer = await call.ok('GET', `/experiences-list?limit=100&page=${page}`);
    const found = answer.experiencesList.find((e: any) => e.id === id);
    if (found || page >= answer.totalPages) return found;
  }
}

describe('history: who did what', () => {
  it('records each change made with the key as its person (a name and an email), one record per change, and none for the creation', async () => {
    const { experience } = await call.ok('POST', '/experiences', NEW_EXPERIENCE);
    expect((await listed(experience.id)).history).toEqual([]);

    await call.ok('PUT', `/experiences/${experience.id}`, { name: 'Free shipping over $55' });
    for (const action of ['start', 'pause', 'end']) await call.ok('POST', `/experiences/${experience.id}/actions/${action}`);

    const item = await listed(experience.id);
    expect(item.history.map((h: any) => h.action)).toEqual(['saveExperience', 'startExperience', 'pauseExperience', 'endExperience']);
    for (const record of item.history) {
      expect(record).toEqual({
        id: expect.any(String),
        userId: record.user.id,
        experienceId: experience.id,
        user: { id: expect.any(String), email: sandbox.store.actor.email, firstName: 'Jane', lastName: 'Doe' },
        action: expect.any(String),
        source: 'external',
        createdAtTs: expect.any(Number),
        lastUpdateTs: record.createdAtTs,
      });
    }
    expect(`${item.history[0].user.firstName} ${item.history[0].user.lastName}`).toBe(sandbox.store.actor.name);
    expect(new Set(item.history.map((h: any) => h.id)).size).toBe(4);
    // Each action's record is at the time of its experienceActions entry.
    const actionTimes = item.experienceActions.map((a: any) => a.actionTs);
    expect(item.history.slice(1).map((h: any) => h.createdAtTs)).toEqual(actionTimes);
    expect(item.history[0].createdAtTs).toBeLessThan(actionTimes[0]);
  });

  it('shows history on the list only, and performedBy on the detail only, as published', async () => {
    const { experience } = await call.ok('POST', '/experiences', NEW_EXPERIENCE);
    const started = (await call.ok('POST', `/experiences/${experience.id}/actions/start`)).experience;
    expect(started).not.toHaveProperty('history');
    expect(started.experienceActions).toEqual([expect.objectContaining({ action: 'start', performedBy: sandbox.store.actor.email })]);

    const detail = (await call.ok('GET', `/experiences/${experience.id}`)).experience;
    expect(detail).not.toHaveProperty('history');
    expect(detail.experienceActions[0].performedBy).toBe(sandbox.store.actor.email);

    const item = await listed(experience.id);
    expect(item.history).toHaveLength(1);
    expect(Object.keys(item.experienceActions[0]).sort()).toEqual(['action', 'actionTs', 'experienceId', 'id']);
  });

  it('is preview until started, and again once paused or ended', async () => {
    const { experience } = await call.ok('POST', '/experiences', NEW_EXPERIENCE);
    const preview = async () => (await listed(experience.id)).isPreview;
    expect(await preview()).toBe(true);
    await call.ok('POST', `/experiences/${experience.id}/actions/start`);
    expect(await preview()).toBe(false);
    await call.ok('POST', `/experiences/${experience.id}/actions/pause`);
    expect(await preview()).toBe(true);
    expect((await listed(experience.id)).hasSchedule).toBe(false);
  });

  it('seeds history by more than one person, a preferred name, and a system action with no user', async () => {
    const items = (await call.ok('GET', '/experiences-list?limit=100')).experiencesList as any[];
    const records = items.flatMap((e) => e.history);
    expect(items.every((e) => Array.isArray(e.history) && e.isDeleted === false)).toBe(true);
    const emails = new Set(records.filter((r) => r.user !== null).map((r) => r.user.email));
    expect(emails.size).toBeGreaterThanOrEqual(2);
    expect(records.some((r) => typeof r.user?.preferredName === 'string')).toBe(true);
    expect(records.some((r) => r.user === null && r.userId === null)).toBe(true);
    expect(new Set(records.map((r) => r.action))).toEqual(new Set(['startExperience', 'pauseExperience', 'endExperience', 'saveExperience']));
    // Every started, paused or ended experience has a history record for each of its actions.
    for (const item of items) expect(item.history.filter((h: any) => h.action !== 'saveExperience')).toHaveLength(item.experienceActions.length);
  });
});

describe('deleting', () => {
  it('records deleteExperience, sets isDeleted, and takes the experience out of the default list; it stays readable by id', async () => {
    const { experience } = await call.ok('POST', '/experiences', NEW_EXPERIENCE);
    const totalBefore = (await call.ok('GET', '/experiences-list')).total;
    expect(await listed(experience.id)).toBeDefined();

    const deleted = (await call.ok('DELETE', `/experiences/${experience.id}`)).experience;
    expect(deleted).toMatchObject({ isDeleted: true, archivedAtTs: expect.any(Number) });
    expect(deleted.experienceActions.at(-1)).toMatchObject({ action: 'delete', performedBy: sandbox.store.actor.email });

    expect(await listed(experience.id)).toBeUndefined();
    expect((await call.ok('GET', '/experiences-list')).total).toBe(totalBefore - 1);
    const stored = sandbox.store.getExperience(experience.id)!;
    expect(stored.history.map((h) => [h.action, h.user?.email])).toEqual([['deleteExperience', sandbox.store.actor.email]]);
    expect((await call.ok('GET', `/experiences/${experience.id}`)).experience.isDeleted).toBe(true);
  });

  it('leaves the seeded deleted experience out of the list', async () => {
    const deletedSeeds = sandbox.store.listExperiences({ includeDeleted: true }).filter((e) => e.isDeleted);
    expect(deletedSeeds.length).toBeGreaterThan(0);
    const ids = ((await call.ok('GET', '/experiences-list?limit=100')).experiencesList as any[]).map((e) => e.id);
    for (const seed of deletedSeeds) expect(ids).not.toContain(seed.id);
  });
});

describe('paging', () => {
  it('answers page, limit, total and totalPages, with 20 a page unless asked', async () => {
    const total = sandbox.store.listExperiences().length;
    const first = await call.ok('GET', '/experiences-list');
    expect(first).toMatchObject({ page: 1, limit: 20, total, totalPages: Math.ceil(total / 20) });
    expect(first.experiencesList).toHaveLength(Math.min(20, total));

    const byFour = await call.ok('GET', '/experiences-list?limit=4&page=2');
    expect(byFour).toMatchObject({ page: 2, limit: 4, total, totalPages: Math.ceil(total / 4) });
    const ids: string[] = [];
    for (let page = 1; page <= byFour.totalPages; page++)
      ids.push(...(await call.ok('GET', `/experiences-list?limit=4&page=${page}`)).experiencesList.map((e: any) => e.id));
    expect(ids).toEqual(sandbox.store.listExperiences().map((e) => e.id));
  });

  it('counts what the filters keep, and answers an empty page past the last', async () => {
    const pending = sandbox.store.listExperiences({ status: 'pending' }).length;
    const answer = await call.ok('GET', '/experiences-list?status=pending&limit=100&page=2');
    expect(answer).toEqual({ experiencesList: [], page: 2, limit: 100, total: pending, totalPages: 1 });
  });

  it('pages a thousand experiences by 100 in ten pages', async () => {
    const large = await startSandbox({ port: 0, rateLimit: false, seed: false, runningExperiments: 1000 });
    try {
      const api = sandboxClient(large);
      expect(await api.ok('GET', '/experiences-list?limit=100')).toMatchObject({ total: 1000, totalPages: 10 });
      expect((await api.ok('GET', '/experiences-list?limit=100&page=10')).experiencesList).toHaveLength(100);
      expect((await api.ok('GET', '/experiences-list?limit=100&page=11')).experiencesList).toEqual([]);
    } finally {
      await large.close();
    }
  });
});

describe('published-only mode', () => {
  it('answers 404 on every /webhooks path, as an account without webhook subscriptions does, and serves the rest', async () => {
    const account = await startSandbox({ port: 0, rateLimit: false, webhookApi: false });
    const api = sandboxClient(account);
    try {
      expect(account.webhookApi).toBe(false);
      const answers = await Promise.all([
        api('POST', '/webhooks', { body: { url: 'https://example.com/hook', events: ['startExperience'], secret: 'x'.repeat(32) } }),
        api('GET', '/webhooks'),
        api('GET', '/webhooks/wh_123'),
        api('DELETE', '/webhooks/wh_123'),
        api('GET', '/webhooks/wh_123/deliveries'),
        api('POST', '/webhooks/wh_123/test'),
      ]);
      for (const answer of answers) expect(answer).toMatchObject({ status: 404, body: { error: 'route_not_found', message: expect.any(String) } });

      const { experience } = await api.ok('POST', '/experiences', NEW_EXPERIENCE);
      await api.ok('POST', `/experiences/${experience.id}/actions/start`);
      expect((await api.ok('GET', '/experiences-list?limit=1')).experiencesList[0].history[0].action).toBe('startExperience');
    } finally {
      await account.close();
    }
  });

  it('is on by default and reads SANDBOX_WEBHOOK_API (on or off), naming it when it is neither', async () => {
    expect(sandbox.webhookApi).toBe(true);
    expect((await call('GET', '/webhooks')).status).toBe(200);
    expect(settingsFromEnv({}).webhookApi).toBe(true);
    expect(settingsFromEnv({ SANDBOX_WEBHOOK_API: 'off' }).webhookApi).toBe(false);
    expect(settingsFromEnv({ SANDBOX_WEBHOOK_API: ' On ' }).webhookApi).toBe(true);
    expect(() => settingsFromEnv({ SANDBOX_WEBHOOK_API: 'no' })).toThrow('SANDBOX_WEBHOOK_API must be on or off (got “no”).');
  });
});
