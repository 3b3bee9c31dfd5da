/**
 * The seven polling event triggers through the app tester, against a fake of the published list (nock): every way an
 * event is read from a list item, one item per occurrence with who acted, stable ids, deletions by absence across
 * polls through z.cache, and what a failed page does.
 */
import nock from 'nock';
import { MAX_EVENTS_PER_POLL } from '../../../src/items/event/from-experience';
import { MAX_DELETION_CHECKS_PER_POLL } from '../../../src/polling/listing-memory';
import { POLLING_EVENT_TRIGGERS } from '../../../src/triggers/experience-events/table';
import { App, PREFIX, appTester } from '../../helpers/app-tester';
import { api } from '../../helpers/significance-api';
import { API_KEY } from '../../helpers/signed-delivery';
import { failureOf } from '../../helpers/zapier-failure';

const authData = { apiKey: API_KEY };
const triggers = App.triggers as Record<string, any>;
const tester = appTester as typeof appTester & { zcacheTestObj: unknown };
const T = 1_764_400_000_000;
const MIN = 60_000;
const JANE = { id: 'u1', email: 'jane@acme.example', firstName: 'Jane', lastName: 'Doe' };
const SAM = { id: 'u2', email: 'sam@acme.example', preferredName: 'Sam' };

let logs: string[];
beforeEach(() => {
  tester.zcacheTestObj = {};
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.join(' ')));
});
afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});

/** A list item as Intelligems sends it. */
function item(id: string, fields: Record<string, unknown> = {}): Record<string, any> {
  return { id, name: `Test ${id}`, type: 'pricing', category: 'experiment', status: 'started', organizationId: 'org_1', ...fields };
}
const record = (action: string, at: number, user: unknown = JANE) => ({
  id: `h_${action}_${at}`,
  experienceId: 'x',
  action,
  createdAtTs: at,
  user,
  source: 'internal',
});
const action = (name: string, at: number) => ({ id: `a_${name}_${at}`, experienceId: 'x', action: name, actionTs: at });

/** The list, one answer per page; `totalPages` as given (left out when undefined). */
function list(pages: unknown[][], totalPages: number | undefined = pages.length) {
  pages.forEach((experiences, index) => {
    api()
      .get(`${PREFIX}/experiences-list`)
      .query({ limit: '100', page: String(index + 1) })
      .reply(200, { experiencesList: experiences, page: index + 1, limit: 100, ...(totalPages === undefined ? {} : { totalPages }) });
  });
}
/** `GET /experiences/{id}`: how the detail endpoint answers one look-up. */
const lookUp = (id: string, status: number, body: nock.Body) => api().get(`${PREFIX}/experiences/${id}`).reply(status, body);
const poll = (key: string, inputData: Record<string, unknown> = {}) => tester(triggers[key].operation.perform, { authData, inputData }) as Promise<any[]>;
const brief = (items: any[]) =>
  items.map((i) => [i.experience_id, i.action, i.timestamp && Date.parse(i.timestamp), i.triggered_by_email, i.triggered_by_name]);

/** One experience's whole life, recorded as a real account records it. */
const LIFECYCLE = item('exp_life', {
  createdAtTs: T,
  lastUpdateTs: T + 40 * MIN,
  startedAtTs: T + 20 * MIN,
  pausedAtTs: T + 30 * MIN,
  endedAtTs: T + 40 * MIN,
  history: [
    record('saveExperience', T + 10 * MIN),
    record('startExperience', T + 20 * MIN),
    record('pauseExperience', T + 30 * MIN, SAM),
    record('endExperience', T + 40 * MIN),
    record('duplicateExperience', T + 41 * MIN),
  ],
  // The same start, pause and end, as experienceActions records them (a few ms apart from history).
  experienceActions: [action('start', T + 20 * MIN - 3), action('pause', T + 30 * MIN - 3), action('end', T + 40 * MIN - 3)],
});

describe('the polling twins', () => {
  it.each(POLLING_EVENT_TRIGGERS.map((spec) => [spec.key, spec]))('%s is a polling trigger with its own label and the same inputs as its twin', (key, spec) => {
    const twin = triggers[key.replace(/_poll$/, '')];
    expect(triggers[key].operation.type).toBe('polling');
    expect(triggers[key].display).toEqual({ label: spec.label, description: spec.description });
    expect(triggers[key].display.label).not.toBe(twin.display.label);
    expect(triggers[key].operation.inputFields).toEqual(twin.operation.inputFields);
    expect(triggers[key].operation.sample.action).toBe(spec.event);
  });
});

describe('every declared output field is on every item', () => {
  /** The value at an output field's key: `organization__shopId` is `item.organization.shopId`. */
  const at = (object: unknown, key: string) =>
    key
      .split('__')
      .reduce<unknown>((value, part) => (value !== null && typeof value === 'object' && Object.hasOwn(value, part) ? (value as any)[part] : undefined), object);
  const missingKeys = (key: string, entry: Record<string, unknown>) =>
    (triggers[key].operation.outputFields as Array<{ key: string }>).map((field) => field.key).filter((path) => at(entry, path) === undefined);
  // No organizationId, no variations: what the list may leave out must still give every key.
  const bare = { id: 'exp_bare', name: 'Bare', type: 'pricing', category: 'experiment', status: 'started', createdAtTs: T };
  const recorded = ['saveExperience', 'startExperience', 'pauseExperience', 'endExperience', 'deleteExperience'].map((name, n) =>
    record(name, T + (n + 1) * MIN),
  );

  it.each(POLLING_EVENT_TRIGGERS.map((spec) => spec.key))('%s: in perform and in the sample', async (key) => {
    list([[{ ...bare, history: recorded }]]);
    const items = await poll(key);
    expect(items.length).toBeGreaterThan(0);
    for (const entry of items) expect(missingKeys(key, entry)).toEqual([]);
    expect(missingKeys(key, triggers[key].operation.sample)).toEqual([]);
  });
});

describe('each event, as the published list records it', () => {
  it.each([
    ['experience_created_poll', [['exp_life', 'createExperience', T, '', '']]],
    ['experience_updated_poll', [['exp_life', 'updateExperience', T + 10 * MIN, 'jane@acme.example', 'Jane Doe']]],
    ['experience_started_poll', [['exp_life', 'startExperience', T + 20 * MIN - 3, 'jane@acme.example', 'Jane Doe']]],
    ['experience_paused_poll', [['exp_life', 'pauseExperience', T + 30 * MIN - 3, 'sam@acme.example', 'Sam']]],
    ['experience_ended_poll', [['exp_life', 'endExperience', T + 40 * MIN - 3, 'jane@acme.example', 'Jane Doe']]],
    ['experience_deleted_poll', []],
  ])('%s: one item per occurrence, with who acted (history and experienceActions recording one start are one start)', async (key, expected) => {
    list([[LIFECYCLE]]);
    expect(brief(await poll(key))).toEqual(expected);
  });

  it('experience_event_poll: every chosen event of a lifecycle, newest first', async () => {
    list([[LIFECYCLE]]);
    const items = await poll('experience_event_poll', { events: ['createExperience', 'endExperience', 'updateExperience'] });
    expect(items.map((i) => i.action)).toEqual(['endExperience', 'updateExperience', 'createExperience']);
  });

  it.each([
    ['a history deleteExperience', { history: [record('deleteExperience', T)] }, 'jane@acme.example'],
    ['a history archiveExperience', { history: [record('archiveExperience', T)] }, 'jane@acme.example'],
    ['an experienceActions delete', { experienceActions: [action('delete', T)] }, ''],
    ['an archivedAtTs', { archivedAtTs: T }, ''],
    ['isDeleted (at its last change)', { isDeleted: true, lastUpdateTs: T }, ''],
  ])('experience_deleted_poll: from %s', async (_name, fields, email) => {
    list([[item('exp_gone', fields)]]);
    expect(brief(await poll('experience_deleted_poll'))).toEqual([['exp_gone', 'deleteExperience', T, email, email ? 'Jane Doe' : '']]);
  });

  it('one deletion recorded three ways (history, archivedAtTs, isDeleted) is one item', async () => {
    list([[item('exp_gone', { history: [record('deleteExperience', T)], archivedAtTs: T + 900, isDeleted: true })]]);
    expect(brief(await poll('experience_deleted_poll'))).toEqual([['exp_gone', 'deleteExperience', T, 'jane@acme.example', 'Jane Doe']]);
  });

  it('a null user (a system action) leaves who acted empty', async () => {
    list([[item('exp_sys', { history: [record('pauseExperience', T, null)] })]]);
    const [paused] = await poll('experience_paused_poll');
    expect(paused).toMatchObject({ triggered_by_email: '', triggered_by_name: '', summary: 'The Price Test “Test exp_sys” was paused.' });
  });

  it('an unknown history action, or one with an unusable time, makes no item and no error', async () => {
    list([[item('exp_odd', { history: [record('teleportExperience', T), { action: 'startExperience', createdAtTs: 'yesterday', user: JANE }, 'junk'] })]]);
    expect(await poll('experience_event_poll')).toEqual([]);
  });

  it('a list item without history still yields its events from experienceActions, createdAtTs and archivedAtTs', async () => {
    list([[item('exp_old', { createdAtTs: T, experienceActions: [action('start', T + MIN)], archivedAtTs: T + 2 * MIN })]]);
    expect((await poll('experience_event_poll')).map((i) => i.action)).toEqual(['deleteExperience', 'startExperience', 'createExperience']);
  });

  it('lastUpdateTs, startedAtTs, pausedAtTs and endedAtTs alone are never events', async () => {
    list([[item('exp_quiet', { lastUpdateTs: T, startedAtTs: T, pausedAtTs: T, endedAtTs: T })]]);
    expect(await poll('experience_event_poll')).toEqual([]);
  });

  it('an experience in an unknown status is kept and its events read', async () => {
    list([[item('exp_new_status', { status: 'scheduled', history: [record('saveExperience', T)] })]]);
    expect(await poll('experience_updated_poll')).toEqual([expect.objectContaining({ experience_status: 'scheduled' })]);
  });

  const CONTROL = { id: 'v1', name: 'Control', percentage: 50, isControl: true };
  it.each([
    ['a variation with a percentage over 100', { variations: [CONTROL, { id: 'v2', name: 'B', percentage: 150, isControl: false }] }],
    ['a variation without isControl', { variations: [CONTROL, { id: 'v2', name: 'B', percentage: 50 }] }],
    ['a recorded action without a numeric actionTs', { experienceActions: [{ ...action('start', T), actionTs: 'soon' }, action('pause', T + MIN)] }],
    ['an empty type', { type: '' }],
    ['timestamps that are strings', { createdAtTs: '2025-11-29T07:00:00Z', lastUpdateTs: 'yesterday', archivedAtTs: 'never' }],
  ])('one experience with %s is kept, its bad entry left out, and the list still read', async (_name, fields) => {
    const odd = item('exp_odd', { variations: [CONTROL], history: [record('saveExperience', T)], ...fields });
    list([[odd, item('exp_fine', { history: [record('saveExperience', T + MIN)] })]]);
    const items = await poll('experience_event_poll');
    expect(items.map((i) => [i.experience_id, i.action])).toEqual([
      ['exp_fine', 'updateExperience'],
      ...('experienceActions' in fields ? [['exp_odd', 'pauseExperience']] : []),
      ['exp_odd', 'updateExperience'],
    ]);
    const shown = items.find((i) => i.experience_id === 'exp_odd');
    expect(shown.variations).toBe('Control 50%');
    expect(shown.experience_type_code).toBe(odd.type);
  });

  it('an experience with an empty type is offered in the Experience dropdown', async () => {
    list([[item('exp_untyped', { type: '' })]]);
    const choices = await tester(triggers.experience_list.operation.perform, { authData, inputData: {}, meta: { page: 0 } });
    expect(choices.map((c: { id: string; name: string }) => [c.id, c.name])).toEqual([['exp_untyped', 'Test exp_untyped (started)']]);
  });

  it('applies the Experience Type and Experience filters', async () => {
    const ship = item('exp_ship', { type: 'shipping', history: [record('startExperience', T)] });
    const price = item('exp_price', { history: [record('startExperience', T + MIN)] });
    list([[ship, price]]);
    expect((await poll('experience_started_poll', { experience_type: 'shipping' })).map((i) => i.experience_id)).toEqual(['exp_ship']);
    list([[ship, price]]);
    expect((await poll('experience_started_poll', { experience_id: 'exp_price' })).map((i) => i.experience_id)).toEqual(['exp_price']);
  });

  it('returns at most 100 items, the newest', async () => {
    const many = Array.from({ length: 150 }, (_, n) => item(`exp_${n}`, { createdAtTs: T + n }));
    list([many.slice(0, 100), many.slice(100)]);
    const items = await poll('experience_created_poll');
    expect(items).toHaveLength(MAX_EVENTS_PER_POLL);
    expect(items[0].experience_id).toBe('exp_149');
    expect(items.at(-1).experience_id).toBe('exp_50');
  });
});

describe('ids', () => {
  it('are the same on every poll, and unique per occurrence', async () => {
    list([[LIFECYCLE]]);
    const first = (await poll('experience_event_poll')).map((i) => i.id);
    const grown = { ...LIFECYCLE, history: [...LIFECYCLE.history, record('saveExperience', T + 50 * MIN)] };
    list([[grown]]);
    const second = (await poll('experience_event_poll')).map((i) => i.id);
    expect(new Set(first).size).toBe(first.length);
    expect(second).toEqual(['exp_life:updateExperience:1764403000000', ...first]);
  });

  it('an experience the newest-first list shifted onto two pages gives its events once', async () => {
    const shifted = item('exp_shift', { history: [record('startExperience', T)] });
    list([[item('exp_new', { history: [record('startExperience', T + MIN)] }), shifted], [shifted]]);
    expect((await poll('experience_started_poll')).map((i) => i.experience_id)).toEqual(['exp_new', 'exp_shift']);
  });
});

describe('deletions by absence', () => {
  const a = item('exp_a', { createdAtTs: T, lastUpdateTs: T + MIN });
  const b = item('exp_b', { name: 'Old shipping test', type: 'shipping', createdAtTs: T, lastUpdateTs: T + 2 * MIN });

  it('an experience listed by the previous poll, gone from this one and not found by a look-up is deleted: one item, the same on later polls', async () => {
    list([[a, b]]);
    expect(await poll('experience_deleted_poll')).toEqual([]);
    list([[a]]);
    lookUp('exp_b', 404, { error: 'NotFound', message: 'no such experience' });
    const [gone] = await poll('experience_deleted_poll');
    expect(gone).toMatchObject({
      id: 'exp_b:deleteExperience:gone-after-1764400120000',
      action: 'deleteExperience',
      experience_id: 'exp_b',
      experience_name: 'Old shipping test',
      experience_type: 'Shipping Test',
      triggered_by_email: '',
    });
    list([[a]]);
    expect((await poll('experience_event_poll')).find((i) => i.action === 'deleteExperience')?.id).toBe(gone.id);
  });

  it('every Zap on the connection sees it, whichever polled first', async () => {
    list([[a, b]]);
    await poll('experience_deleted_poll');
    list([[a]]);
    lookUp('exp_b', 404, {});
    await poll('experience_deleted_poll', { experience_type: 'pricing' });
    list([[a]]);
    expect((await poll('experience_deleted_poll')).map((i) => i.experience_id)).toEqual(['exp_b']);
  });

  it.each([
    ['isDeleted', { isDeleted: true }],
    ['an archivedAtTs', { archivedAtTs: T + 3 * MIN }],
  ])('a look-up that answers %s confirms the deletion', async (_name, fields) => {
    list([[a, b]]);
    await poll('experience_deleted_poll');
    list([[a]]);
    lookUp('exp_b', 200, { experience: { ...b, ...fields } });
    expect((await poll('experience_deleted_poll')).map((i) => i.id)).toEqual(['exp_b:deleteExperience:gone-after-1764400120000']);
  });

  it('an experience the newest-first list shifted past a page boundary during the reading is not deleted; a real deletion is, once', async () => {
    const many = Array.from({ length: 101 }, (_, n) => item(`exp_${n}`, { createdAtTs: T - n * MIN }));
    list([many.slice(0, 100), many.slice(100)]);
    expect(await poll('experience_deleted_poll')).toEqual([]);
    // exp_5 is deleted after page 1 was read: exp_100 moves up onto page 1, and page 2 comes back empty.
    list([many.slice(0, 100), []]);
    lookUp('exp_100', 200, { experience: many[100] });
    expect(await poll('experience_deleted_poll')).toEqual([]);
    // The next poll reads the list as it now is: exp_5 is missing, and a look-up confirms it is gone.
    const now = many.filter((e) => e.id !== 'exp_5');
    list([now.slice(0, 100)]);
    lookUp('exp_5', 404, {});
    const deleted = await poll('experience_deleted_poll');
    expect(deleted.map((i) => [i.experience_id, i.id])).toEqual([['exp_5', `exp_5:deleteExperience:gone-after-${T - 5 * MIN}`]]);
    // Later polls give the same one item (Zapier's deduplication fires it once), without another look-up.
    list([now.slice(0, 100)]);
    expect((await poll('experience_deleted_poll')).map((i) => i.id)).toEqual([deleted[0].id]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a look-up that fails reports nothing, and the next poll looks again', async () => {
    list([[a, b]]);
    await poll('experience_deleted_poll');
    list([[a]]);
    lookUp('exp_b', 503, { error: 'Unavailable', message: 'down' });
    expect(await poll('experience_deleted_poll')).toEqual([]);
    expect(logs.join('\n')).toMatch(/1 experience\(s\) missing from the list could not be looked up/);
    list([[a]]);
    lookUp('exp_b', 404, {});
    expect((await poll('experience_deleted_poll')).map((i) => i.experience_id)).toEqual(['exp_b']);
  });

  it(`looks up at most ${MAX_DELETION_CHECKS_PER_POLL} missing experiences per poll, and the rest in the next`, async () => {
    const many = Array.from({ length: MAX_DELETION_CHECKS_PER_POLL + 2 }, (_, n) => item(`exp_${n}`, { createdAtTs: T - n * MIN }));
    list([[a, ...many]]);
    await poll('experience_deleted_poll');
    list([[a]]);
    many.slice(0, MAX_DELETION_CHECKS_PER_POLL).forEach((e) => lookUp(e.id, 404, {}));
    expect(await poll('experience_deleted_poll')).toHaveLength(MAX_DELETION_CHECKS_PER_POLL);
    list([[a]]);
    many.slice(MAX_DELETION_CHECKS_PER_POLL).forEach((e) => lookUp(e.id, 404, {}));
    expect(await poll('experience_deleted_poll')).toHaveLength(MAX_DELETION_CHECKS_PER_POLL + 2);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('infers nothing from a poll whose later page failed, and still returns the events it read', async () => {
    const page1 = Array.from({ length: 100 }, (_, n) => item(`exp_${n}`, { createdAtTs: T + n }));
    list([page1, [b]]);
    await poll('experience_event_poll');
    api().get(`${PREFIX}/experiences-list`).query({ limit: '100', page: '1' }).reply(200, { experiencesList: page1, totalPages: 2 });
    api().get(`${PREFIX}/experiences-list`).query({ limit: '100', page: '2' }).reply(500, { error: 'Internal', message: 'down' });
    const items = await poll('experience_event_poll');
    expect(items.filter((i) => i.action === 'deleteExperience')).toEqual([]);
    expect(items).toHaveLength(100);
    expect(logs.join('\n')).toMatch(/Read 1 page\(s\) of the experience list this time, not all of them \(.*HTTP 500.*\).*no deletion is inferred/);
    // The next full reading still sees exp_b listed, as it is: nothing was lost.
    list([page1, [b]]);
    expect((await poll('experience_event_poll')).filter((i) => i.action === 'deleteExperience')).toEqual([]);
  });

  it('without z.cache, says that deletions of this kind cannot be seen, and still reads the others', async () => {
    tester.zcacheTestObj = undefined; // core then calls Zapier's real cache service, which nock refuses
    list([[item('exp_x', { archivedAtTs: T })]]);
    expect((await poll('experience_deleted_poll')).map((i) => i.experience_id)).toEqual(['exp_x']);
    expect(logs.join('\n')).toMatch(/needs z\.cache, which is not available here .*deletions of that kind cannot be seen/);
  });

  it('a trigger that does not listen to deletions keeps no memory', async () => {
    list([[a]]);
    await poll('experience_started_poll');
    expect(tester.zcacheTestObj).toEqual({});
  });
});

describe('failures', () => {
  it('a 429 on the first page is a ThrottledError carrying Retry-After', async () => {
    api().get(`${PREFIX}/experiences-list`).query(true).reply(429, { error: 'TooManyRequests', message: 'slow down', retryAfter: 9 }, { 'Retry-After': '23' });
    const failure = await failureOf(poll('experience_started_poll'));
    expect(failure).toMatchObject({ name: 'ThrottledError', delay: 23 });
  });

  it('a 429 on a later page returns what was read', async () => {
    const page1 = [item('exp_1', { history: [record('startExperience', T)] })];
    api().get(`${PREFIX}/experiences-list`).query({ limit: '100', page: '1' }).reply(200, { experiencesList: page1, totalPages: 2 });
    api()
      .get(`${PREFIX}/experiences-list`)
      .query({ limit: '100', page: '2' })
      .reply(429, { error: 'TooManyRequests', message: 'slow down' }, { 'Retry-After': '5' });
    expect((await poll('experience_started_poll')).map((i) => i.experience_id)).toEqual(['exp_1']);
  });

  it.each([
    [401, 'ExpiredAuthError'],
    [403, 'AppError'],
  ])('a %s on a later page fails the poll as everywhere else', async (status, name) => {
    api()
      .get(`${PREFIX}/experiences-list`)
      .query({ limit: '100', page: '1' })
      .reply(200, { experiencesList: [item('exp_1')], totalPages: 2 });
    api().get(`${PREFIX}/experiences-list`).query({ limit: '100', page: '2' }).reply(status, { error: 'No', message: 'no' });
    expect((await failureOf(poll('experience_started_poll'))).name).toBe(name);
  });

  it('starts no further page once the key is down to the calls left for other Zaps, and says so', async () => {
    api()
      .get(`${PREFIX}/experiences-list`)
      .query({ limit: '100', page: '1' })
      .reply(200, { experiencesList: [item('exp_1', { createdAtTs: T })], totalPages: 3 }, { 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': String(T) });
    expect((await poll('experience_created_poll')).map((i) => i.experience_id)).toEqual(['exp_1']);
    expect(logs.join('\n')).toMatch(/Read 1 page\(s\) .*rate budget/);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
