import nock from 'nock';
import { EXPERIENCE_ACTION_TABLE } from '../../../src/creates/experience-actions';
import { experienceRecordOutputFields } from '../../../src/items/experience/output-fields';
import { experienceEventOutputFields } from '../../../src/items/event/output-fields';
import { API, App, PREFIX, appTester } from '../../helpers/app-tester';
import { API_KEY } from '../../helpers/signed-delivery';
import { failureOf } from '../../helpers/zapier-failure';
import { UNSAFE_EXPERIENCE_IDS } from '../../helpers/unsafe-ids';

const authData = { apiKey: API_KEY };
const creates = App.creates as Record<string, any>;
const ID = '8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b';

afterEach(() => {
  jest.restoreAllMocks();
});

function experience(status: string) {
  return {
    id: ID,
    name: 'Spring pricing',
    type: 'pricing',
    category: 'experiment',
    status,
    organizationId: 'org_4c1b9a',
    variations: [
      { id: 'v1', name: 'Control', percentage: 50, isControl: true, order: 0 },
      { id: 'v2', name: '+10% price', percentage: 50, isControl: false, order: 1 },
    ],
    createdAtTs: Date.UTC(2025, 10, 28, 10, 30),
    startedAtTs: Date.UTC(2025, 10, 29, 10, 30),
    pausedAtTs: status === 'paused' ? Date.UTC(2025, 11, 1, 8, 0) : null,
    endedAtTs: status === 'ended' ? Date.UTC(2025, 11, 2, 8, 0) : null,
    futureField: { kept: true },
  };
}

const api = () => nock(API, { reqheaders: { 'intelligems-access-token': API_KEY, 'content-type': 'application/json' } });
const actionCall = (action: string) => api().post(`${PREFIX}/experiences/${ID}/actions/${action}`, (body) => JSON.stringify(body) === '{}');

describe.each(EXPERIENCE_ACTION_TABLE)('$key', ({ key, action, label, resultingStatus }) => {
  const create = () => creates[key];
  const endsOnAWinner = key === 'end_experience';

  it('has the agreed label and a required Experience dropdown (End also the winner inputs)', () => {
    expect(create().display.label).toBe(label);
    const fields = create().operation.inputFields;
    expect(fields[0]).toEqual(expect.objectContaining({ key: 'experience_id', required: true, dynamic: 'experience_list.id.name' }));
    expect(fields.map((f: { key: string }) => f.key)).toEqual(
      endsOnAWinner ? ['experience_id', 'variation_id', 'update_prices_to_variation'] : ['experience_id'],
    );
  });

  it(`POSTs /actions/${action} with an empty JSON body and returns the experience under the triggers' field names`, async () => {
    const scope = actionCall(action).reply(200, { experience: experience(resultingStatus) });
    const result = await appTester(create().operation.perform, { authData, inputData: { experience_id: ` ${ID} ` } });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      id: ID,
      experience_name: 'Spring pricing',
      experience_type: 'Price Test',
      experience_id: ID,
      experience_type_code: 'pricing',
      experience_category: 'experiment',
      experience_status: resultingStatus,
      variations: 'Control 50%, +10% price 50%',
      organization_id: 'org_4c1b9a',
      created_at: '2025-11-28T10:30:00.000Z',
      started_at: '2025-11-29T10:30:00.000Z',
      paused_at: resultingStatus === 'paused' ? '2025-12-01T08:00:00.000Z' : '',
      ended_at: resultingStatus === 'ended' ? '2025-12-02T08:00:00.000Z' : '',
      experience: experience(resultingStatus),
      ...(endsOnAWinner ? { winning_variation_id: '', winning_variation_name: '', price_update_requested: false } : {}),
    });
    expect(Object.keys(result)).toEqual(Object.keys(create().operation.sample));
    expect(create().operation.sample.experience_status).toBe(resultingStatus);
  });

  it('refuses an empty Experience before calling Intelligems', async () => {
    const failure = await failureOf(appTester(create().operation.perform, { authData, inputData: { experience_id: '' } }));
    expect(failure.code).toBe('InvalidInput');
    expect(failure.message).toBe(
      'The Experience field is empty. Pick an experience from the dropdown, or map an Experience ID from an earlier Intelligems step.',
    );
  });

  it.each(UNSAFE_EXPERIENCE_IDS)('refuses the ID %j, which would change the address, before calling Intelligems', async (id) => {
    let requests = 0;
    const trap = nock(API)
      .persist()
      .post(/.*/)
      .reply(() => [500, String(++requests)])
      .get(/.*/)
      .reply(() => [500, String(++requests)]);
    const failure = await failureOf(appTester(create().operation.perform, { authData, inputData: { experience_id: id } }));
    trap.persist(false);
    expect(requests).toBe(0);
    expect(failure.code).toBe('InvalidInput');
    expect(failure.message).toMatch(/^The Experience field holds “.*”, which cannot be an experience ID/);
  });

  it('explains an unknown experience (404): what happened, the id, and what to do', async () => {
    const scope = actionCall(action).reply(404, { error: 'NotFound', message: 'Experience not found' });
    const failure = await failureOf(appTester(create().operation.perform, { authData, inputData: { experience_id: ID } }));
    expect(scope.isDone()).toBe(true);
    expect(failure.code).toBe('ExperienceNotFound');
    expect(failure.message).toBe(
      `Intelligems has no experience with ID “${ID}” in the store this connection uses, so nothing was ${resultingStatus}. Pick the experience from the Experience dropdown, or map the Experience ID from an earlier Intelligems step.`,
    );
  });

  it('passes on other failures as the client words them (429 → ThrottledError)', async () => {
    const scope = actionCall(action).reply(429, { error: 'TooManyRequests', message: 'slow down' }, { 'Retry-After': '12' });
    const failure = await failureOf(appTester(create().operation.perform, { authData, inputData: { experience_id: ID } }));
    expect(scope.isDone()).toBe(true);
    expect(failure.name).toBe('ThrottledError');
    expect(failure.delay).toBe(12);
  });
});

describe('a refused transition', () => {
  it('names the experience (looked up), its status, quotes Intelligems and says what to do (409)', async () => {
    const scopes = [
      actionCall('start').reply(409, { error: 'Conflict', message: 'Cannot start an experience that has ended' }),
      nock(API, { reqheaders: { 'intelligems-access-token': API_KEY } })
        .get(`${PREFIX}/experiences/${ID}`)
        .reply(200, { experience: experience('ended') }),
    ];
    const failure = await failureOf(appTester(creates.start_experience.operation.perform, { authData, inputData: { experience_id: ID } }));
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(failure.code).toBe('ActionRefused');
    expect(failure.status).toBe(409);
    expect(failure.message).toBe(
      `Intelligems refused to start the Price Test “Spring pricing” (ID ${ID}) while it is ended (HTTP 409). Intelligems said: “Cannot start an experience that has ended”. An ended experience cannot be started, paused or ended again. To run the test again, duplicate it in the Intelligems app.`,
    );
  });

  it('says there is nothing to do when the experience is already in that state (400)', async () => {
    const scopes = [
      actionCall('pause').reply(400, { error: 'BadRequest', message: 'Experience is not running' }),
      nock(API)
        .get(`${PREFIX}/experiences/${ID}`)
        .reply(200, { experience: experience('paused') }),
    ];
    const failure = await failureOf(appTester(creates.pause_experience.operation.perform, { authData, inputData: { experience_id: ID } }));
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(failure.message).toContain('refused to pause the Price Test “Spring pricing”');
    expect(failure.message).toContain('It is already paused, so there is nothing to do');
  });

  it('tells the user to start a pending experience before pausing it', async () => {
    const scopes = [
      actionCall('pause').reply(400, { error: 'BadRequest', message: 'not running' }),
      nock(API)
        .get(`${PREFIX}/experiences/${ID}`)
        .reply(200, { experience: experience('pending') }),
    ];
    const failure = await failureOf(appTester(creates.pause_experience.operation.perform, { authData, inputData: { experience_id: ID } }));
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(failure.message).toContain('Only a running experience can be paused. Start it first, or pick a running experience.');
  });

  it('falls back to the id when the lookup fails too, and logs why', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const scopes = [
      actionCall('end').reply(409, { error: 'Conflict', message: 'locked' }),
      nock(API).get(`${PREFIX}/experiences/${ID}`).reply(500, { error: 'Internal', message: 'oops' }),
    ];
    const failure = await failureOf(appTester(creates.end_experience.operation.perform, { authData, inputData: { experience_id: ID } }));
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(failure.message).toBe(
      `Intelligems refused to end the experience with ID “${ID}” (HTTP 409). Intelligems said: “locked”. Check the experience’s status in the Intelligems app, then try again.`,
    );
    const logged = log.mock.calls.flat().join('\n');
    expect(logged).toContain(
      `Could not look up experience ${ID} to name it in the error: Intelligems is having trouble while looking up experience “${ID}” to explain a refused action (HTTP 500).`,
    );
    expect(logged).not.toContain('{"message"');
  });

  it('never puts the API key in the message, even when Intelligems echoes it', async () => {
    const scopes = [
      actionCall('start').reply(400, { error: 'BadRequest', message: `key ${API_KEY} may not start this` }),
      nock(API)
        .get(`${PREFIX}/experiences/${ID}`)
        .reply(200, { experience: experience('pending') }),
    ];
    const failure = await failureOf(appTester(creates.start_experience.operation.perform, { authData, inputData: { experience_id: ID } }));
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(failure.message).not.toContain(API_KEY);
    expect(failure.message).toContain('[redacted]');
  });
});

describe('experience record output fields', () => {
  it('label every returned field, reusing the triggers’ labels for the shared ones', () => {
    const labels = new Map(experienceEventOutputFields.map((f) => [f.key, f.label]));
    // `id` is the experience's own ID here, not an event ID, so it has its own label.
    for (const field of experienceRecordOutputFields.filter((f) => f.key !== 'id')) {
      if (labels.has(field.key)) expect(field.label).toBe(labels.get(field.key));
    }
    const topLevel = experienceRecordOutputFields.filter((f) => !f.key.includes('__')).map((f) => f.key);
    expect(topLevel.sort()).toEqual(
      Object.keys(creates.start_experience.operation.sample)
        .filter((k) => k !== 'experience')
        .sort(),
    );
  });
});

describe('End Experience on the winner', () => {
  const end = () => creates.end_experience.operation.perform;
  const lookUp = () => nock(API, { reqheaders: { 'intelligems-access-token': API_KEY } }).get(`${PREFIX}/experiences/${ID}`);
  const endWith = (expected: unknown) => api().post(`${PREFIX}/experiences/${ID}/actions/end`, (body) => JSON.stringify(body) === JSON.stringify(expected));

  it('sends the published winner body only when a variation is chosen, and says which variation won', async () => {
    const scopes = [
      lookUp().reply(200, { experience: experience('started') }),
      endWith({ variationId: 'v2', updatePricesToVariation: true }).reply(200, { experience: experience('ended') }),
    ];
    const result = await appTester(end(), { authData, inputData: { experience_id: ID, variation_id: ' v2 ', update_prices_to_variation: 'true' } });
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(result).toMatchObject({
      experience_status: 'ended',
      winning_variation_id: 'v2',
      winning_variation_name: '+10% price',
      price_update_requested: true,
    });

    const plain = [
      lookUp().reply(200, { experience: experience('started') }),
      endWith({ variationId: 'v2', updatePricesToVariation: false }).reply(200, { experience: experience('ended') }),
    ];
    expect(await appTester(end(), { authData, inputData: { experience_id: ID, variation_id: 'v2' } })).toMatchObject({ price_update_requested: false });
    plain.forEach((scope) => expect(scope.isDone()).toBe(true));
  });

  it('refuses a variation the experience does not have, naming the field and its variations, without ending anything', async () => {
    let ended = 0;
    const scopes = [lookUp().reply(200, { experience: experience('started') })];
    const trap = nock(API)
      .post(/actions/)
      .reply(() => [200, String(++ended)]);
    const failure = await failureOf(appTester(end(), { authData, inputData: { experience_id: ID, variation_id: 'v_other_test' } }));
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(ended).toBe(0);
    expect(trap.isDone()).toBe(false);
    expect(failure.code).toBe('InvalidInput');
    expect(failure.message).toMatch(
      /^The Winning Variation field holds “v_other_test”, which is not a variation of “Spring pricing”.*“Control” \(control\).*“\+10% price”/,
    );
  });

  it('refuses a winner it cannot check (the experience came back without variations), without ending anything', async () => {
    const { variations: _, ...withoutVariations } = experience('started');
    const scopes = [lookUp().reply(200, { experience: withoutVariations })];
    const trap = nock(API)
      .post(/actions/)
      .reply(200, {});
    const failure = await failureOf(appTester(end(), { authData, inputData: { experience_id: ID, variation_id: 'v2' } }));
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(trap.isDone()).toBe(false);
    expect(failure.code).toBe('InvalidInput');
    expect(failure.message).toMatch(/^The Winning Variation field .*variations of “Spring pricing” could not be read/);
  });

  it('refuses Update Prices without a Winning Variation before calling Intelligems', async () => {
    const failure = await failureOf(appTester(end(), { authData, inputData: { experience_id: ID, update_prices_to_variation: true } }));
    expect(failure.code).toBe('InvalidInput');
    expect(failure.message).toMatch(/Update Prices to the Winner is yes, but Winning Variation is empty/);
  });

  it.each([
    ['an answer without the experience', { ok: true }],
    ['an answer that is not JSON', '<html>done</html>'],
    ['an empty answer', ''],
  ])('never fails a performed action because of its answer: on %s it looks the experience up', async (_, answer) => {
    const scopes = [actionCall('end').reply(200, answer as nock.Body), lookUp().reply(200, { experience: experience('ended') })];
    const result = await appTester(end(), { authData, inputData: { experience_id: ID } });
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(result).toMatchObject({ experience_id: ID, experience_status: 'ended', winning_variation_id: '' });
  });

  it('keeps a refusal readable when the winner is refused by Intelligems', async () => {
    const scopes = [
      lookUp().reply(200, { experience: experience('started') }),
      endWith({ variationId: 'v2', updatePricesToVariation: true }).reply(400, { error: 'BadRequest', message: 'Only price tests can update prices' }),
      lookUp().reply(200, { experience: experience('started') }),
    ];
    const failure = await failureOf(appTester(end(), { authData, inputData: { experience_id: ID, variation_id: 'v2', update_prices_to_variation: 'yes' } }));
    scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
    expect(failure.code).toBe('ActionRefused');
    expect(failure.message).toMatch(/refused to end the Price Test “Spring pricing”.*HTTP 400.*Only price tests can update prices/);
  });
});

describe('the Winning Variation dropdown', () => {
  const list = () => (App.triggers as Record<string, any>).variation_list.operation.perform;

  it('lists the chosen experience’s variations by name, with (control) on the control', async () => {
    const scope = nock(API)
      .get(`${PREFIX}/experiences/${ID}`)
      .reply(200, { experience: experience('started') });
    expect(await appTester(list(), { authData, inputData: { experience_id: ID } })).toEqual([
      { id: 'v1', name: 'Control (control)' },
      { id: 'v2', name: '+10% price' },
    ]);
    expect(scope.isDone()).toBe(true);
    expect(creates.end_experience.operation.inputFields[1].dynamic).toBe('variation_list.id.name');
  });

  it('asks for the experience first when none is chosen', async () => {
    const failure = await failureOf(appTester(list(), { authData, inputData: {} }));
    expect(failure.message).toMatch(/The Experience field is empty/);
  });
});
