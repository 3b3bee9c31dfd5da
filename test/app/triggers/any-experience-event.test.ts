import nock from 'nock';
import { EVENT_NAMES } from '../../../src/contract/assumed';
import { SINGLE_EVENT_TRIGGERS } from '../../../src/triggers/experience-events/table';
import { API, App, PREFIX, appTester } from '../../helpers/app-tester';
import { API_KEY, SUBSCRIPTION_SECRET, hookBundle, signedRequest } from '../../helpers/signed-delivery';
import { failureOf } from '../../helpers/zapier-failure';

const TARGET_URL = 'https://hooks.zapier.com/hooks/standard/1/any/';
const authData = { apiKey: API_KEY };
const triggers = App.triggers as Record<string, any>;
const trigger = triggers.experience_event;
const op = trigger.operation;

function subscribeExpecting(events: string[]) {
  return nock(API, { reqheaders: { 'intelligems-access-token': API_KEY } })
    .post(
      `${PREFIX}/webhooks`,
      (body) =>
        body.url === TARGET_URL &&
        JSON.stringify(body.events) === JSON.stringify(events) &&
        body.description === 'Zapier: Any Experience Event' &&
        /^[0-9a-f]{64}$/.test(body.secret),
    )
    .reply(201, { webhook: { id: 'wh_any', url: TARGET_URL, events, createdAtTs: 1764412200000 } });
}

describe('experience_event (Any Experience Event)', () => {
  it('is a hook trigger with a multi-select of the six events, readable labels, then the filters', () => {
    expect(trigger.key).toBe('experience_event');
    expect(trigger.display.label).toBe('Any Experience Event (Webhook)');
    expect(op.type).toBe('hook');
    const [events, ...rest] = op.inputFields;
    expect(events).toMatchObject({ key: 'events', label: 'Events', list: true, required: false });
    expect(events.choices.map((c: { value: string; label: string }) => `${c.value}=${c.label}`)).toEqual([
      'createExperience=Create Experience',
      'startExperience=Start Experience',
      'pauseExperience=Pause Experience',
      'endExperience=End Experience',
      'updateExperience=Update Experience',
      'deleteExperience=Delete Experience',
    ]);
    expect(rest.map((f: { key: string }) => f.key)).toEqual(['experience_type', 'experience_id']);
  });

  it('subscribes once with the chosen events, in Intelligems’ order', async () => {
    const scope = subscribeExpecting(['startExperience', 'endExperience']);
    const result = await appTester(op.performSubscribe, { authData, targetUrl: TARGET_URL, inputData: { events: ['endExperience', 'startExperience'] } });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ id: 'wh_any', events: ['startExperience', 'endExperience'] });
  });

  it.each([
    ['missing', undefined],
    ['empty list', []],
    ['empty string', ''],
  ])('subscribes to all six when the selection is %s', async (_, events) => {
    const scope = subscribeExpecting([...EVENT_NAMES]);
    await appTester(op.performSubscribe, { authData, targetUrl: TARGET_URL, inputData: events === undefined ? {} : { events } });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses an unknown event before subscribing, naming the field', async () => {
    const failure = await failureOf(
      appTester(op.performSubscribe, { authData, targetUrl: TARGET_URL, inputData: { events: ['startExperience', 'archiveExperience'] } }),
    );
    expect(failure.code).toBe('InvalidInput');
    expect(failure.message).toMatch(/^The Events field has “archiveExperience”, which is not an Intelligems experience event\./);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each(SINGLE_EVENT_TRIGGERS.map((row) => [row.event, row.key]))('turns a %s delivery into exactly the item %s returns', async (event, singleKey) => {
    const request = signedRequest({ action: event });
    const bundle = hookBundle(request, { subscribeData: { id: 'wh_any', secret: SUBSCRIPTION_SECRET, events: [...EVENT_NAMES] } });
    const [anyItem] = await appTester(op.perform, bundle, true);
    const [singleItem] = await appTester(
      triggers[singleKey].operation.perform,
      hookBundle(request, { subscribeData: { id: 'wh_single', secret: SUBSCRIPTION_SECRET } }),
      true,
    );
    expect(anyItem).toEqual(singleItem);
    expect(Object.keys(anyItem)).toEqual(Object.keys(op.sample));
    expect(Object.keys(anyItem)).toEqual(Object.keys(triggers[singleKey].operation.sample));
  });

  it('ignores a delivery of an event that was not chosen', async () => {
    const bundle = hookBundle(signedRequest({ action: 'updateExperience' }), { inputData: { events: ['startExperience'] } });
    expect(await appTester(op.perform, bundle, true)).toEqual([]);
  });
});
