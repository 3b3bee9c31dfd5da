import nock from 'nock';
import { SAMPLE_EXPERIENCE } from '../../../src/items/sample-data';
import { SINGLE_EVENT_TRIGGERS } from '../../../src/triggers/experience-events/table';
import { API, App, PREFIX, appTester } from '../../helpers/app-tester';
import { LIST_EXPERIENCES } from '../../helpers/experiences';
import { API_KEY, hookBundle, signedRequest } from '../../helpers/signed-delivery';
import { failureOf } from '../../helpers/zapier-failure';

const triggers = App.triggers as Record<string, any>;
const HOOK_KEYS = [...SINGLE_EVENT_TRIGGERS.map((row) => row.key), 'experience_event'];

afterEach(() => {
  jest.restoreAllMocks();
});

function deliver(key: string, inputData: Record<string, unknown>, experience: Record<string, unknown> = SAMPLE_EXPERIENCE) {
  const bundle = hookBundle(signedRequest({ action: 'startExperience', body: { experience } }), { inputData });
  const op = triggers[key === 'experience_event' ? key : 'experience_started'].operation;
  return appTester(op.perform, bundle, true) as Promise<any[]>;
}

describe.each(HOOK_KEYS)('filters on %s', (key) => {
  it('carries the optional Experience Type and Experience inputs', () => {
    const fields = triggers[key].operation.inputFields as Array<Record<string, any>>;
    const type = fields.find((f) => f.key === 'experience_type');
    const id = fields.find((f) => f.key === 'experience_id');
    expect(type).toMatchObject({ label: 'Experience Type' });
    expect(type?.choices).toHaveLength(7);
    expect(id).toMatchObject({ label: 'Experience', dynamic: 'experience_list.id.name' });
    // Optional: Zapier's default when `required` is left out.
    expect([type?.required, id?.required].filter(Boolean)).toEqual([]);
  });
});

describe('a signed delivery against the filters', () => {
  it.each(['experience_started', 'experience_event'])('%s: runs when the type and id match, returns [] when either does not', async (key) => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await deliver(key, { experience_type: 'pricing' })).toHaveLength(1);
    expect(await deliver(key, { experience_type: 'pricing', experience_id: SAMPLE_EXPERIENCE.id })).toHaveLength(1);
    expect(await deliver(key, { experience_type: 'shipping' })).toEqual([]);
    expect(await deliver(key, { experience_id: 'some-other-experience' })).toEqual([]);
    expect(log.mock.calls.flat().join('\n')).toContain(
      `Ignored startExperience for experience ${SAMPLE_EXPERIENCE.id}: it does not match this Zap's Experience Type or Experience filter.`,
    );
  });

  it('Content Test matches a theme test; Personalization does not match an offer', async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await deliver('experience_started', { experience_type: 'content' }, { ...SAMPLE_EXPERIENCE, type: 'content/theme' })).toHaveLength(1);
    expect(
      await deliver(
        'experience_started',
        { experience_type: 'personalization' },
        { ...SAMPLE_EXPERIENCE, type: 'personalization/offer', category: 'personalization' },
      ),
    ).toEqual([]);
    expect(
      await deliver(
        'experience_started',
        { experience_type: 'personalization/offer' },
        { ...SAMPLE_EXPERIENCE, type: 'personalization/offer', category: 'personalization' },
      ),
    ).toHaveLength(1);
  });

  it('checks the signature first: a forged delivery is rejected even when the filter would drop it', async () => {
    const request = signedRequest({ action: 'startExperience', secret: 'not-the-subscription-secret' });
    const failure = await failureOf(
      appTester(triggers.experience_started.operation.perform, hookBundle(request, { inputData: { experience_type: 'shipping' } }), true),
    );
    expect(failure.name).toBe('HaltedError');
  });
});

describe('performList with filters', () => {
  it('only lists events of experiences that match', async () => {
    const scope = nock(API).get(`${PREFIX}/experiences-list`).query({ limit: '100', page: '1' }).reply(200, { experiencesList: LIST_EXPERIENCES });
    const items = await appTester(triggers.experience_event.operation.performList, {
      authData: { apiKey: API_KEY },
      inputData: { experience_type: 'shipping' },
    });
    expect(scope.isDone()).toBe(true);
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i: { experience_id: string }) => i.experience_id))).toEqual(new Set(['exp_ship']));

    const byId = nock(API).get(`${PREFIX}/experiences-list`).query({ limit: '100', page: '1' }).reply(200, { experiencesList: LIST_EXPERIENCES });
    const started = await appTester(triggers.experience_started.operation.performList, {
      authData: { apiKey: API_KEY },
      inputData: { experience_id: 'exp_price' },
    });
    expect(byId.isDone()).toBe(true);
    expect(started.map((i: { id: string }) => i.id)).toEqual(['exp_price:startExperience:1764200000000', 'exp_price:startExperience:1764000000000']);
  });
});
