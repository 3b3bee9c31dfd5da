/**
 * A timestamp `Date` cannot hold (nanoseconds, 1.7e18) passed every schema and then threw a raw RangeError
 * from toISOString in performList, the actions and Find Experience — for an action, after Intelligems had already
 * acted — and core appended the bundle to it. Now every date goes through one formatter that cannot throw, and every
 * function Zapier calls is guarded once, where the app is assembled, so even an error nobody planned for carries no
 * bundle (and so no `subscribeData.secret`).
 */
import nock from 'nock';
import { IntelligemsClient } from '../../src/api/client';
import { isWithoutBundleContextOnFailure } from '../../src/errors';
import * as recent from '../../src/items/event/from-experience';
import * as record from '../../src/items/experience/record';
import * as pipeline from '../../src/webhook/check-delivery';
import { API, App, PREFIX, appTester } from '../helpers/app-tester';
import { API_KEY, hookBundle, signedRequest, SUBSCRIPTION_SECRET } from '../helpers/signed-delivery';
import { SAMPLE_EXPERIENCE } from '../../src/items/sample-data';
import { evaluateSignificance } from '../../src/items/significance/evaluate';
import { SAMPLE_ANALYTICS } from '../../src/items/significance/sample';

type AnyRecord = Record<string, any>;
const NANOSECONDS = 1.7e18;
const authData = { apiKey: API_KEY };
const triggers = App.triggers as AnyRecord;
const creates = App.creates;
const searches = App.searches as AnyRecord;

afterEach(() => {
  jest.restoreAllMocks();
});

describe('a timestamp beyond what a date can hold becomes an empty date, never a RangeError', () => {
  const broken = {
    ...SAMPLE_EXPERIENCE,
    createdAtTs: NANOSECONDS,
    startedAtTs: NANOSECONDS,
    experienceActions: [{ id: 'a', experienceId: SAMPLE_EXPERIENCE.id, action: 'start', actionTs: NANOSECONDS }],
  };

  it.each(['experience_started', 'experience_created'])('performList (%s): an event at such a time is no item, and no error', async (key) => {
    const scope = nock(API)
      .get(`${PREFIX}/experiences-list`)
      .query(true)
      .reply(200, { experiencesList: [broken] });
    const items = await appTester(triggers[key].operation.performList, { authData });
    expect(scope.isDone()).toBe(true);
    expect(items).toEqual([]);
  });

  it('a poll (Experience Started): the other experiences still give their events', async () => {
    const fine = { ...SAMPLE_EXPERIENCE, id: 'exp_fine' };
    const scope = nock(API)
      .get(`${PREFIX}/experiences-list`)
      .query(true)
      .reply(200, { experiencesList: [broken, fine] });
    const items = await appTester(triggers.experience_started_poll.operation.perform, { authData });
    expect(scope.isDone()).toBe(true);
    expect(items.map((item: { experience_id: string }) => item.experience_id)).toEqual(['exp_fine']);
  });

  it('an action (Start Experience): Intelligems has acted, so the step succeeds', async () => {
    const scope = nock(API).post(`${PREFIX}/experiences/${SAMPLE_EXPERIENCE.id}/actions/start`).reply(200, { experience: broken });
    const result = await appTester(creates.start_experience.operation.perform, { authData, inputData: { experience_id: SAMPLE_EXPERIENCE.id } });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ id: SAMPLE_EXPERIENCE.id, experience_status: 'started', created_at: '', started_at: '' });
  });

  it('a significance result’s started_at', () => {
    const [item] = evaluateSignificance(SAMPLE_ANALYTICS, broken, {
      metric: 'net_revenue_per_visitor',
      confidence: 95,
      direction: 'either',
      experienceId: null,
      minOrders: 0,
      minDays: 0,
    });
    expect(item.started_at).toBe('');
  });

  it('Find Experience', async () => {
    const scope = nock(API).get(`${PREFIX}/experiences/${SAMPLE_EXPERIENCE.id}`).reply(200, { experience: broken });
    const results = await appTester(searches.find_experience.operation.perform, { authData, inputData: { experience_id: SAMPLE_EXPERIENCE.id } });
    expect(scope.isDone()).toBe(true);
    expect(results).toEqual([expect.objectContaining({ id: SAMPLE_EXPERIENCE.id, created_at: '', started_at: '' })]);
  });
});

describe('any unexpected error, in any operation, is marked so core does not append the bundle', () => {
  it('every function Zapier calls is guarded: each operation’s and the authentication’s', () => {
    const unguarded: string[] = [];
    const check = (where: string, holder: AnyRecord) => {
      for (const [key, value] of Object.entries(holder))
        if (typeof value === 'function' && !isWithoutBundleContextOnFailure(value)) unguarded.push(`${where}.${key}`);
      for (const [i, field] of (holder.inputFields ?? []).entries())
        if (typeof field === 'function' && !isWithoutBundleContextOnFailure(field)) unguarded.push(`${where}.inputFields[${i}]`);
    };
    for (const [group, definitions] of Object.entries({ triggers, creates, searches })) {
      for (const [key, definition] of Object.entries(definitions)) check(`${group}.${key}.operation`, (definition as AnyRecord).operation);
    }
    check('authentication', App.authentication as AnyRecord);
    expect(unguarded).toEqual([]);
    expect(Object.keys(triggers).length + Object.keys(creates).length + Object.keys(searches).length).toBeGreaterThan(10);
  });

  /** The error as a user (and Zapier's logs) would see it: no "What happened" bundle dump, no secret. */
  async function unplannedFailure(run: Promise<unknown>): Promise<Error> {
    const error = await run.then(
      () => undefined,
      (thrown: Error) => thrown,
    );
    expect(error).toBeInstanceOf(RangeError);
    expect(error!.message).toBe('Invalid time value');
    expect(error!.message).not.toMatch(/What happened/);
    expect(error!.message).not.toContain(SUBSCRIPTION_SECRET);
    return error!;
  }
  const invalidTime = () => {
    throw new RangeError('Invalid time value');
  };

  it('performList', async () => {
    jest.spyOn(recent, 'listedEventItem').mockImplementation(invalidTime);
    nock(API)
      .get(`${PREFIX}/experiences-list`)
      .query(true)
      .reply(200, { experiencesList: [SAMPLE_EXPERIENCE] });
    await unplannedFailure(
      appTester(triggers.experience_started.operation.performList, { authData, subscribeData: { id: 'wh_1', secret: SUBSCRIPTION_SECRET } }),
    );
  });

  it('a polling event trigger', async () => {
    jest.spyOn(recent, 'listedEventItem').mockImplementation(invalidTime);
    nock(API)
      .get(`${PREFIX}/experiences-list`)
      .query(true)
      .reply(200, { experiencesList: [SAMPLE_EXPERIENCE] });
    await unplannedFailure(appTester(triggers.experience_started_poll.operation.perform, { authData }));
  });

  it('perform of a hook (whose bundle holds the subscription secret)', async () => {
    jest.spyOn(pipeline, 'checkDelivery').mockImplementation(invalidTime);
    await unplannedFailure(appTester(triggers.experience_started.operation.perform, hookBundle(signedRequest()), true));
  });

  it('an action, after Intelligems answered', async () => {
    jest.spyOn(record, 'toExperienceRecord').mockImplementation(invalidTime);
    nock(API).post(`${PREFIX}/experiences/${SAMPLE_EXPERIENCE.id}/actions/pause`).reply(200, { experience: SAMPLE_EXPERIENCE });
    await unplannedFailure(appTester(creates.pause_experience.operation.perform, { authData, inputData: { experience_id: SAMPLE_EXPERIENCE.id } }));
  });

  it('Find Experience', async () => {
    jest.spyOn(record, 'toExperienceRecord').mockImplementation(invalidTime);
    nock(API).get(`${PREFIX}/experiences/${SAMPLE_EXPERIENCE.id}`).reply(200, { experience: SAMPLE_EXPERIENCE });
    await unplannedFailure(appTester(searches.find_experience.operation.perform, { authData, inputData: { experience_id: SAMPLE_EXPERIENCE.id } }));
  });

  it('the polling significance trigger', async () => {
    jest.spyOn(IntelligemsClient.prototype, 'listAllExperiences').mockImplementation(invalidTime);
    await unplannedFailure(appTester(triggers.experiment_significant.operation.perform, { authData }));
  });

  it('the auth test', async () => {
    jest.spyOn(IntelligemsClient.prototype, 'listExperiences').mockImplementation(invalidTime);
    await unplannedFailure(appTester((App.authentication as AnyRecord).test, { authData }));
  });

  it('performSubscribe', async () => {
    jest.spyOn(IntelligemsClient.prototype, 'createWebhook').mockImplementation(invalidTime);
    await unplannedFailure(
      appTester(triggers.experience_started.operation.performSubscribe, { authData, targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc/' }),
    );
  });
});
