import nock from 'nock';
import { API, App, PREFIX, appTester } from '../../helpers/app-tester';
import { API_KEY } from '../../helpers/signed-delivery';
import { failureOf } from '../../helpers/zapier-failure';
import { UNSAFE_EXPERIENCE_IDS } from '../../helpers/unsafe-ids';

const authData = { apiKey: API_KEY };
const search = (App.searches as Record<string, any>).find_experience;
const perform = search.operation.perform;

function experience(id: string, name: string, status: string, createdAtTs: number | null) {
  return {
    id,
    name,
    type: 'content/theme',
    category: 'experiment',
    status,
    createdAtTs,
    variations: [{ id: `${id}_c`, name: 'Control', percentage: 100, isControl: true }],
  };
}

const ALL = [
  experience('exp_old', 'Spring Pricing', 'ended', 1_700_000_000_000),
  experience('exp_new', 'spring pricing', 'started', 1_760_000_000_000),
  experience('exp_undated', 'SPRING PRICING ', 'paused', null),
  experience('exp_other', 'Spring pricing v2', 'started', 1_765_000_000_000),
  experience('exp_ship', 'Free shipping', 'started', 1_750_000_000_000),
];

const api = () => nock(API, { reqheaders: { 'intelligems-access-token': API_KEY } });
const listing = (query: Record<string, string> = {}, experiences = ALL) =>
  api()
    .get(`${PREFIX}/experiences-list`)
    .query({ limit: '100', page: '1', ...query })
    .reply(200, { experiencesList: experiences });

describe('find_experience', () => {
  it('has the agreed key, label and inputs', () => {
    expect(search.key).toBe('find_experience');
    expect(search.display.label).toBe('Find Experience');
    expect(search.operation.inputFields.map((f: { key: string }) => f.key)).toEqual(['experience_id', 'name', 'name_match', 'status']);
  });

  it('finds by ID, returning every output field', async () => {
    const scope = api().get(`${PREFIX}/experiences/exp_new`).reply(200, { experience: ALL[1] });
    const results = await appTester(perform, { authData, inputData: { experience_id: 'exp_new' } });
    expect(scope.isDone()).toBe(true);
    expect(results).toEqual([
      {
        id: 'exp_new',
        experience_name: 'spring pricing',
        experience_type: 'Theme Test',
        experience_id: 'exp_new',
        experience_type_code: 'content/theme',
        experience_category: 'experiment',
        experience_status: 'started',
        variations: 'Control 100%',
        organization_id: '',
        created_at: '2025-10-09T08:53:20.000Z',
        started_at: '',
        paused_at: '',
        ended_at: '',
        experience: ALL[1],
      },
    ]);
    expect(Object.keys(results[0])).toEqual(Object.keys(search.operation.sample));
  });

  it('returns [] for an unknown ID', async () => {
    const scope = api().get(`${PREFIX}/experiences/exp_gone`).reply(404, { error: 'NotFound', message: 'Experience not found' });
    expect(await appTester(perform, { authData, inputData: { experience_id: 'exp_gone' } })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('returns [] when the ID exists but has another status than asked for', async () => {
    const scope = api().get(`${PREFIX}/experiences/exp_new`).reply(200, { experience: ALL[1] });
    expect(await appTester(perform, { authData, inputData: { experience_id: 'exp_new', status: 'ended' } })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('finds by exact name, case-insensitively, newest first (undated last)', async () => {
    const scope = listing();
    const results = await appTester(perform, { authData, inputData: { name: 'Spring pricing' } });
    expect(scope.isDone()).toBe(true);
    expect(results.map((r: { id: string }) => r.id)).toEqual(['exp_new', 'exp_old', 'exp_undated']);
  });

  it('finds by part of the name with Name Match = contains', async () => {
    const scope = listing();
    const results = await appTester(perform, { authData, inputData: { name: 'PRICING', name_match: 'contains' } });
    expect(scope.isDone()).toBe(true);
    expect(results.map((r: { id: string }) => r.id)).toEqual(['exp_other', 'exp_new', 'exp_old', 'exp_undated']);
  });

  it('asks Intelligems for the chosen status only', async () => {
    const scope = listing({ status: 'started' }, [ALL[1], ALL[3], ALL[4]]);
    const results = await appTester(perform, { authData, inputData: { name: 'spring pricing', status: 'started' } });
    expect(scope.isDone()).toBe(true);
    expect(results.map((r: { id: string }) => r.id)).toEqual(['exp_new']);
  });

  it('returns [] when no name matches', async () => {
    const scope = listing();
    expect(await appTester(perform, { authData, inputData: { name: 'Winter pricing' } })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [{}, 'name', /^Fill in Experience or Experience Name to say which experience to find \(both are empty\)\.$/],
    [{ name: 'x', status: 'running' }, 'status', /^The Status field has “running”\. Pick pending, started, paused, ended, or leave it empty for any\.$/],
    [{ name: 'x', name_match: 'fuzzy' }, 'name_match', /^The Name Match field has “fuzzy”\. Pick exact or contains\.$/],
  ])('refuses unusable input %p before calling Intelligems', async (inputData, _field, message) => {
    const failure = await failureOf(appTester(perform, { authData, inputData }));
    expect(failure.code).toBe('InvalidInput');
    expect(failure.message).toMatch(message);
  });

  it.each(UNSAFE_EXPERIENCE_IDS)('refuses the ID %j, which would change the address, before calling Intelligems', async (id) => {
    let requests = 0;
    const trap = nock(API)
      .persist()
      .get(/.*/)
      .reply(() => [500, String(++requests)]);
    const failure = await failureOf(appTester(perform, { authData, inputData: { experience_id: id } }));
    trap.persist(false);
    expect(requests).toBe(0);
    expect(failure.code).toBe('InvalidInput');
    expect(failure.message).toMatch(/^The Experience field holds “.*”, which cannot be an experience ID/);
  });

  it('passes on a failure other than not-found (401 → auth problem)', async () => {
    const scope = api().get(`${PREFIX}/experiences/exp_new`).reply(401, { error: 'Unauthorized', message: 'bad key' });
    const failure = await failureOf(appTester(perform, { authData, inputData: { experience_id: 'exp_new' } }));
    expect(scope.isDone()).toBe(true);
    expect(failure.name).toBe('ExpiredAuthError');
  });
});
