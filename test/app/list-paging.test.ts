/** Reading the experiences list wherever the app reads it: by totalPages, each experience once, an unknown status kept. */
import { App, appTester, PREFIX } from '../helpers/app-tester';
import { LIST_EXPERIENCES } from '../helpers/experiences';
import { LIST_QUERY, analyticsFor, analyticsOnce, api, experiment } from '../helpers/significance-api';
import { capturingLog } from '../helpers/console-log';
import { API_KEY } from '../helpers/signed-delivery';

const authData = { apiKey: API_KEY };
const triggers = App.triggers as Record<string, any>;
const searches = App.searches as Record<string, any>;

function page(experiences: unknown[], query: Record<string, string>, paging: Record<string, number> = {}) {
  return api()
    .get(`${PREFIX}/experiences-list`)
    .query(query)
    .reply(200, { experiencesList: experiences, ...paging });
}

describe('reading every page of the experiences list', () => {
  it('follows totalPages when Intelligems sends fewer than the 100 asked for', async () => {
    const all = { limit: '100' };
    const scopes = [
      page([{ ...LIST_EXPERIENCES[0], name: 'Pricing A' }], { ...all, page: '1' }, { page: 1, limit: 1, total: 3, totalPages: 3 }),
      page([{ ...LIST_EXPERIENCES[1], name: 'Pricing B' }], { ...all, page: '2' }, { page: 2, limit: 1, total: 3, totalPages: 3 }),
      page([{ ...LIST_EXPERIENCES[2], name: 'Pricing C' }], { ...all, page: '3' }, { page: 3, limit: 1, total: 3, totalPages: 3 }),
    ];
    const found = await appTester(searches.find_experience.operation.perform, { authData, inputData: { name: 'pricing', name_match: 'contains' } });
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(found.map((e: { id: string }) => e.id).sort()).toEqual(['exp_offer', 'exp_price', 'exp_ship']);
  });

  it('stops at the last page totalPages names, even when it is full', async () => {
    const full = Array.from({ length: 100 }, (_, i) => ({ ...LIST_EXPERIENCES[2], id: `exp_${i}` }));
    const scope = page(full, { limit: '100', page: '1' }, { totalPages: 1 });
    const found = await appTester(searches.find_experience.operation.perform, { authData, inputData: { name: 'Bundle offer' } });
    expect(scope.isDone()).toBe(true);
    expect(found).toHaveLength(100);
  });

  it('reads an experiment that the newest-first list shifted onto two pages once: one result, one id', async () => {
    const shifted = experiment('exp_shifted');
    const scopes = [
      page([experiment('exp_new'), shifted], { ...LIST_QUERY, page: '1' }, { totalPages: 2 }),
      page([shifted], { ...LIST_QUERY, page: '2' }, { totalPages: 2 }),
      analyticsOnce('exp_new', 200, analyticsFor('exp_new', 0.5)),
      analyticsOnce('exp_shifted', 200, analyticsFor('exp_shifted', 0.99)),
    ];
    const items = await appTester(triggers.experiment_significant.operation.perform, { authData, inputData: {} });
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(items.map((i: { id: string }) => i.id)).toEqual(['exp_shifted:exp_shifted_b:net_revenue_per_visitor:winner']);
  });

  it('leaves out an experience it cannot identify (no id, a name that is no text) and keeps the rest', async () => {
    const { id: _id, ...withoutId } = LIST_EXPERIENCES[1];
    const scope = page([withoutId, { ...LIST_EXPERIENCES[2], name: 42 }, LIST_EXPERIENCES[0]], { limit: '100', page: '1' });
    const choices = await appTester(triggers.experience_list.operation.perform, { authData, inputData: {}, meta: { page: 0 } });
    expect(scope.isDone()).toBe(true);
    expect(choices.map((c: { id: string }) => c.id)).toEqual([LIST_EXPERIENCES[0].id]);
  });

  it('keeps an experience in a status or category Intelligems has not published, shown as it is', async () => {
    const odd = { ...LIST_EXPERIENCES[1], id: 'exp_odd', status: 'scheduled', category: 'campaign' };
    const scope = page([odd, LIST_EXPERIENCES[0]], { limit: '100', page: '1' });
    const choices = await appTester(triggers.experience_list.operation.perform, { authData, inputData: {}, meta: { page: 0 } });
    expect(scope.isDone()).toBe(true);
    expect(choices.map((c: { name: string }) => c.name)).toEqual(['Free shipping threshold (Shipping Test, scheduled)', 'Spring pricing (Price Test, ended)']);
  });

  it('a significance poll leaves an experiment in an unknown status alone', async () => {
    const scope = page([{ ...experiment('exp_odd'), status: 'scheduled' }], { ...LIST_QUERY, page: '1' });
    expect(await appTester(triggers.experiment_significant.operation.perform, { authData, inputData: {} })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });
});

describe("what a list read leaves in Zapier's logs", () => {
  /** Core's detailed HTTP log and the app's own lines, as the app tester prints them to stdout. */
  const logsOf = async (run: () => Promise<unknown>) => (await capturingLog(run, { httpLog: 'detailed' })).logs;

  it("keeps a list page's body out of the HTTP log, says what the pages held, and keeps other answers' bodies", async () => {
    const scope = page([{ ...LIST_EXPERIENCES[0], name: 'Listed pricing test' }], { limit: '100', page: '1' }, { totalPages: 1 });
    const listed = await logsOf(() => appTester(searches.find_experience.operation.perform, { authData, inputData: { name: 'Listed' } }));
    expect(scope.isDone()).toBe(true);
    expect(listed).toMatch(/GET https:\/\/api\.intelligems\.io\/v25-10-beta\/experiences-list\?limit=100&page=1/);
    expect(listed).not.toContain('Listed pricing test');
    expect(listed).toContain('Read 1 experience(s) on 1 page(s) of the experience list while searching experiences by name.');

    const one = api()
      .get(`${PREFIX}/experiences/${LIST_EXPERIENCES[0].id}`)
      .reply(200, { experience: { ...LIST_EXPERIENCES[0], name: 'Looked-up pricing test' } });
    const looked = await logsOf(() => appTester(triggers.variation_list.operation.perform, { authData, inputData: { experience_id: LIST_EXPERIENCES[0].id } }));
    expect(one.isDone()).toBe(true);
    expect(looked).toContain('Looked-up pricing test');
  });

  it('logs an excerpt of a list body it cannot use, with the key removed, since the HTTP log does not hold it', async () => {
    const page500 = `<html><body>Upstream error for key ${API_KEY}</body></html>${'x'.repeat(2000)}`;
    const scope = api().get(`${PREFIX}/experiences-list`).query({ limit: '100', page: '1' }).reply(502, page500, { 'Content-Type': 'text/html' });
    const logs = await logsOf(() =>
      appTester(searches.find_experience.operation.perform, { authData, inputData: { name: 'Listed' } }).catch((error: unknown) => error),
    );
    expect(scope.isDone()).toBe(true);
    expect(logs).toContain('Intelligems answered HTTP 502 while searching experiences by name, with: <html><body>Upstream error for key ');
    expect(logs).not.toContain(API_KEY);
    expect(logs).not.toContain('x'.repeat(600));
  });

  it('never logs part of a key that the excerpt would cut in two', async () => {
    // Six characters of the key before the cut: too few for the redactor to know as a piece of it once cut off.
    const keyAcrossTheCut = `${'x'.repeat(494)}${API_KEY}${'y'.repeat(100)}`;
    const scope = api().get(`${PREFIX}/experiences-list`).query({ limit: '100', page: '1' }).reply(500, keyAcrossTheCut, { 'Content-Type': 'text/plain' });
    const logs = await logsOf(() =>
      appTester(searches.find_experience.operation.perform, { authData, inputData: { name: 'Listed' } }).catch((error: unknown) => error),
    );
    expect(scope.isDone()).toBe(true);
    expect(logs).toContain('Intelligems answered HTTP 500 while searching experiences by name');
    expect(logs).not.toContain(API_KEY.slice(0, 6));
  });

  it('logs an excerpt of a list answer that is no JSON, although its status is 200', async () => {
    const scope = api()
      .get(`${PREFIX}/experiences-list`)
      .query({ limit: '100', page: '1' })
      .reply(200, '<html>Maintenance</html>', { 'Content-Type': 'text/html' });
    const logs = await logsOf(() =>
      appTester(searches.find_experience.operation.perform, { authData, inputData: { name: 'Listed' } }).catch((error: unknown) => error),
    );
    expect(scope.isDone()).toBe(true);
    expect(logs).toContain('Intelligems answered HTTP 200 while searching experiences by name, with: <html>Maintenance</html>');
  });
});
