import nock from 'nock';
import { EVENT_CATALOG } from '../../../src/items/event/catalog';
import { SINGLE_EVENT_TRIGGERS } from '../../../src/triggers/experience-events/table';
import { API, App, PREFIX, appTester } from '../../helpers/app-tester';
import { LIST_EXPERIENCES } from '../../helpers/experiences';
import { sign } from '../../../src/webhook/signature';
import { ACCOUNT_SECRET, API_KEY, SUBSCRIPTION_SECRET, hookBundle, signedRequest } from '../../helpers/signed-delivery';
import { failureOf } from '../../helpers/zapier-failure';

const TARGET_URL = 'https://hooks.zapier.com/hooks/standard/1/abc/';
const authData = { apiKey: API_KEY };

type Trigger = {
  key: string;
  noun: string;
  display: { label: string; description: string };
  operation: Record<string, any>;
};
const trigger = (key: string) => (App.triggers as Record<string, Trigger>)[key];

describe.each(SINGLE_EVENT_TRIGGERS)('$key ($event)', ({ key, event, label, description, pollingLabel }) => {
  const op = () => trigger(key).operation;

  it('is a hook trigger with the agreed label and description', () => {
    expect(trigger(key).display).toEqual({ label, description });
    expect(op().type).toBe('hook');
  });

  it('subscribes with a fresh secret, its event and the Zap URL, and keeps the id and secret', async () => {
    let sentSecret = '';
    const scope = nock(API, { reqheaders: { 'intelligems-access-token': API_KEY } })
      .post(`${PREFIX}/webhooks`, (body) => {
        sentSecret = body.secret;
        return (
          body.url === TARGET_URL &&
          JSON.stringify(body.events) === JSON.stringify([event]) &&
          body.description === `Zapier: ${pollingLabel}` &&
          /^[0-9a-f]{64}$/.test(body.secret) &&
          Object.keys(body).sort().join() === 'description,events,secret,url'
        );
      })
      .reply(201, { webhook: { id: 'wh_42', url: TARGET_URL, events: [event], createdAtTs: 1764412200000 } });

    const result = await appTester(op().performSubscribe, { authData, targetUrl: TARGET_URL });

    expect(result).toEqual({ id: 'wh_42', secret: sentSecret, events: [event] });
    expect(scope.isDone()).toBe(true);
  });

  it("turns a signed delivery of its event into one item with the sample's keys", async () => {
    const request = signedRequest({ action: event });
    const items = (await appTester(op().perform, hookBundle(request, { subscribeData: { id: 'wh_1', secret: SUBSCRIPTION_SECRET } }), true)) as any[];
    expect(items).toHaveLength(1);
    expect(Object.keys(items[0]).sort()).toEqual(Object.keys(op().sample).sort());
    expect(items[0].action).toBe(event);
    expect(items[0].action_type).toBe(EVENT_CATALOG[event].actionType);
  });

  it('ignores a signed delivery of another event', async () => {
    const other = event === 'startExperience' ? 'pauseExperience' : 'startExperience';
    const items = await appTester(op().perform, hookBundle(signedRequest({ action: other })), true);
    expect(items).toEqual([]);
  });

  it('has a static sample of its own event', () => {
    expect(op().sample.action).toBe(event);
  });
});

// The factory (src/triggers/instant-trigger.ts) builds every row; what does not depend on the row runs once, here.
describe('what every instant trigger shares: one representative', () => {
  const op = () => trigger(SINGLE_EVENT_TRIGGERS[0].key).operation;

  it('every row has the same operation functions and output fields as the representative', () => {
    const shape = (operation: Record<string, any>) =>
      Object.fromEntries(Object.entries(operation).map(([k, v]) => [k, typeof v === 'function' ? v.toString() : typeof v]));
    for (const { key } of SINGLE_EVENT_TRIGGERS) {
      expect(shape(trigger(key).operation)).toEqual(shape(op()));
      expect(trigger(key).operation.outputFields).toBe(op().outputFields);
      expect(trigger(key).operation.inputFields).toEqual(op().inputFields);
    }
  });

  it('unsubscribes its webhook (204)', async () => {
    const scope = nock(API).delete(`${PREFIX}/webhooks/wh_42`).reply(204);
    const result = await appTester(op().performUnsubscribe, { authData, subscribeData: { id: 'wh_42', secret: 's' } });
    expect(result).toEqual({ id: 'wh_42', result: 'deleted' });
    expect(scope.isDone()).toBe(true);
  });

  it('treats an already-deleted webhook (404) as unsubscribed', async () => {
    const scope = nock(API).delete(`${PREFIX}/webhooks/wh_42`).reply(404, { error: 'NotFound', message: 'webhook not found' });
    const result = await appTester(op().performUnsubscribe, { authData, subscribeData: { id: 'wh_42', secret: 's' } });
    expect(result).toEqual({ id: 'wh_42', result: 'already_gone' });
    expect(scope.isDone()).toBe(true);
  });

  it('never sends a DELETE for a stored webhook ID that would change the address, and says why without the secret', async () => {
    let stray = 0;
    const trap = nock(API)
      .persist()
      .delete(/.*/)
      .reply(() => [204, String(++stray)]);
    const failure = await failureOf(appTester(op().performUnsubscribe, { authData, subscribeData: { id: '..', secret: SUBSCRIPTION_SECRET } }));
    trap.persist(false);
    expect(stray).toBe(0);
    expect(failure.message).toBe(
      "Intelligems sent an answer this app does not understand while turning off the Zap (removing its Intelligems webhook): the ID “..” cannot be put in an address (“.” and “..” are never IDs). Try again; if it keeps happening, contact the integration's support.",
    );
    expect(JSON.stringify(failure)).not.toContain(SUBSCRIPTION_SECRET);
  });
});

describe('turning a Zap on when Intelligems answers 2xx with something the app cannot fully use', () => {
  const op = () => trigger(SINGLE_EVENT_TRIGGERS[0].key).operation;
  const subscribe = () => appTester(op().performSubscribe, { authData, targetUrl: TARGET_URL });
  const created = (webhook: unknown) => nock(API).post(`${PREFIX}/webhooks`).reply(201, { webhook });

  it.each([
    ['createdAtTs as text', { id: 'wh_42', url: TARGET_URL, events: ['x'], createdAtTs: 'yesterday' }],
    ['only an id', { id: 'wh_42' }],
    ['a null secret', { id: 'wh_42', secret: null, events: 'all' }],
  ])('reads only the id (and a secret when given): %s subscribes', async (_name, webhook) => {
    created(webhook);
    const result = await subscribe();
    expect(result).toEqual({ id: 'wh_42', secret: expect.stringMatching(/^[0-9a-f]{64}$/), events: [SINGLE_EVENT_TRIGGERS[0].event] });
  });

  it.each([
    ['an empty secret', ''],
    ['a whitespace-only secret', ' \t\n'],
    ['a number as the secret', 42],
    ['an object as the secret', { value: 'x' }],
  ])('reads %s as no secret given, and keeps the one it sent', async (_name, secret) => {
    let sent = '';
    nock(API)
      .post(`${PREFIX}/webhooks`, (body) => {
        sent = body.secret;
        return true;
      })
      .reply(201, { webhook: { id: 'wh_42', secret } });
    const stray = nock(API).delete(/.*/).reply(204);
    expect(await subscribe()).toEqual({ id: 'wh_42', secret: sent, events: [SINGLE_EVENT_TRIGGERS[0].event] });
    expect(sent).toMatch(/^[0-9a-f]{64}$/);
    expect(stray.isDone()).toBe(false);
  });

  it('takes the secret the answer gives, ignoring every other field', async () => {
    created({ id: 'wh_42', secret: 'their-own-secret', createdAtTs: null });
    expect(await subscribe()).toMatchObject({ id: 'wh_42', secret: 'their-own-secret' });
  });

  it('deletes the webhook an unusable answer names before failing, and says it did', async () => {
    // A numeric id names the webhook (so it can be deleted) but is not the text id the app stores.
    created({ id: 42 });
    const removed = nock(API).delete(`${PREFIX}/webhooks/42`).reply(204);
    const failure = await failureOf(subscribe());
    expect(removed.isDone()).toBe(true);
    expect(failure.message).toMatch(
      /^Intelligems sent an answer this app does not understand while turning on the Zap .*webhook.id.*the webhook it made \(“42”\) was removed again/,
    );
  });

  it('says to remove it by hand when the delete fails', async () => {
    created({ id: 42 });
    const refused = nock(API).delete(`${PREFIX}/webhooks/42`).reply(500, { error: 'Internal', message: 'boom' });
    const failure = await failureOf(subscribe());
    expect(refused.isDone()).toBe(true);
    expect(failure.message).toContain('could not be removed: remove webhook “42” by hand in the Intelligems dashboard');
  });

  it('sends no DELETE for an id that cannot go in an address, and says to remove it by hand', async () => {
    created({ id: '../..', url: TARGET_URL });
    let stray = 0;
    const trap = nock(API)
      .persist()
      .delete(/.*/)
      .reply(() => [204, String(++stray)]);
    const failure = await failureOf(subscribe());
    trap.persist(false);
    nock.cleanAll();
    expect(stray).toBe(0);
    expect(failure.message).toContain('cannot be put in an address');
    expect(failure.message).toContain('remove webhook “../..” by hand in the Intelligems dashboard');
  });

  it('deletes nothing when the answer names no webhook', async () => {
    created({ url: TARGET_URL });
    const failure = await failureOf(subscribe());
    expect(failure.message).toMatch(/unexpected shape .*webhook\.id/);
    expect(failure.message).not.toContain('removed');
  });
});

describe('perform: the item', () => {
  const op = () => trigger('experience_started').operation;

  it('maps every field of a delivery', async () => {
    const timestamp = Date.now() - 5000;
    const request = signedRequest({ timestamp });
    const [item] = (await appTester(op().perform, hookBundle(request), true)) as any[];
    expect(item).toEqual({
      experience_name: 'Spring pricing',
      action_type: 'Start Experience',
      experience_type: 'Price Test',
      timestamp: new Date(timestamp).toISOString(),
      experience_id: '8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b',
      triggered_by_email: 'jane@acme.example',
      id: `8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b:startExperience:${timestamp}`,
      action: 'startExperience',
      experience_type_code: 'pricing',
      experience_category: 'experiment',
      experience_status: 'started',
      triggered_by_name: 'Jane Doe',
      organization_id: 'org_4c1b9a',
      organization_name: 'Acme Outdoors',
      shop: 'acme-outdoors.myshopify.com',
      variations: 'Control 50%, +10% price 50%',
      summary: 'Jane Doe started the Price Test “Spring pricing” on acme-outdoors.myshopify.com.',
      experience: expect.objectContaining({ id: '8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b', name: 'Spring pricing', type: 'pricing' }),
      organization: { id: 'org_4c1b9a', name: 'Acme Outdoors', shopId: 'acme-outdoors.myshopify.com' },
      raw: JSON.parse(request.content),
    });
  });

  it('never puts the signing secret or the API key in the item', async () => {
    const items = await appTester(op().perform, hookBundle(signedRequest()), true);
    const text = JSON.stringify(items);
    expect(text).not.toContain(SUBSCRIPTION_SECRET);
    expect(text).not.toContain(API_KEY);
  });
});

describe('perform: rejected deliveries halt the run with the failed check', () => {
  const op = () => trigger('experience_started').operation;
  const valid = () => signedRequest();

  const cases: Array<[string, () => ReturnType<typeof hookBundle>, RegExp]> = [
    [
      'missing signature header',
      () => {
        const request = valid();
        const { ['X-Intelligems-Signature']: _omit, ...headers } = request.headers;
        return hookBundle({ content: request.content, headers });
      },
      /without an X-Intelligems-Signature header/,
    ],
    ['wrong secret', () => hookBundle(signedRequest({ secret: 'not-the-zap-secret' })), /does not match this Zap's signing secret/],
    [
      'truncated signature',
      () => {
        const request = valid();
        return hookBundle({
          content: request.content,
          headers: { ...request.headers, 'X-Intelligems-Signature': request.headers['X-Intelligems-Signature'].slice(0, 32) },
        });
      },
      /not a SHA-256 signature/,
    ],
    [
      'altered body',
      () => {
        const request = valid();
        return hookBundle({ content: request.content.replace('"Jane Doe"', '"Mallory"'), headers: request.headers });
      },
      /does not match/,
    ],
    ['stale timestamp', () => hookBundle(signedRequest({ timestamp: Date.now() - 25 * 60 * 60 * 1000 })), /older than 24 hours/],
    ['future timestamp', () => hookBundle(signedRequest({ timestamp: Date.now() + 10 * 60 * 1000 })), /in the future/],
    [
      'not JSON',
      () => {
        const request = signedRequest();
        const content = 'not json at all';
        return hookBundle({ content, headers: { ...request.headers, 'X-Intelligems-Signature': sign(SUBSCRIPTION_SECRET, content) } });
      },
      /not valid JSON/,
    ],
    [
      'signed JSON that is not an object',
      () => {
        const request = signedRequest();
        const content = '["startExperience"]';
        return hookBundle({ content, headers: { ...request.headers, 'X-Intelligems-Signature': sign(SUBSCRIPTION_SECRET, content) } });
      },
      /is a list, not a JSON object/,
    ],
    [
      'a timestamp beyond what a date can hold (nanoseconds)',
      () => hookBundle(signedRequest({ timestamp: 1.7e18 })),
      /timestamp \(at “timestamp”\) cannot be used/,
    ],
  ];

  it.each(cases)('%s', async (_name, bundle, message) => {
    const error = await appTester(op().perform, bundle(), true).then(
      () => undefined,
      (thrown: Error) => thrown,
    );
    expect(error).toBeDefined();
    expect(error!.name).toBe('HaltedError');
    expect(error!.message).toMatch(message);
    // Core would otherwise append the bundle (and so subscribeData.secret) to the message.
    expect(error!.message).not.toContain(SUBSCRIPTION_SECRET);
    expect(error!.message).not.toMatch(/What happened/);
  });
});

describe('perform: secrets and repeats', () => {
  const op = () => trigger('experience_started').operation;

  it('accepts a delivery signed with the account Webhook Signing Secret (rotation)', async () => {
    const bundle = hookBundle(signedRequest({ secret: ACCOUNT_SECRET }), { authData: { apiKey: API_KEY, webhookSecret: ACCOUNT_SECRET } });
    expect(await appTester(op().perform, bundle, true)).toHaveLength(1);
  });

  it('uses the Webhook Signing Secret as typed: spaces and line breaks pasted around it are trimmed', async () => {
    const bundle = hookBundle(signedRequest({ secret: ACCOUNT_SECRET }), { authData: { apiKey: API_KEY, webhookSecret: ` ${ACCOUNT_SECRET}\n` } });
    expect(await appTester(op().perform, bundle, true)).toHaveLength(1);
  });

  it.each([' ', 'a', '   \t\n', 'fifteen-chars!!'])('verifies nothing with an account secret the connection test refuses: %j', async (weak) => {
    const bundle = hookBundle(signedRequest({ secret: weak }), { authData: { apiKey: API_KEY, webhookSecret: weak } });
    await expect(appTester(op().perform, bundle, true)).rejects.toThrow(/does not match/);
  });

  it('rejects the account-secret signature when the connection has no such secret', async () => {
    const bundle = hookBundle(signedRequest({ secret: ACCOUNT_SECRET }));
    await expect(appTester(op().perform, bundle, true)).rejects.toThrow(/does not match/);
  });

  it('runs the Zap once when Intelligems retries the same signed body', async () => {
    const request = signedRequest();
    const first = await appTester(op().perform, hookBundle(request), true);
    const second = await appTester(op().perform, hookBundle(request));
    expect(first).toHaveLength(1);
    expect(second).toEqual([]);
  });

  it('keeps repeats apart per Zap: another subscription still runs', async () => {
    const request = signedRequest();
    await appTester(op().perform, hookBundle(request), true);
    const other = await appTester(op().perform, hookBundle(request, { subscribeData: { id: 'wh_other', secret: SUBSCRIPTION_SECRET } }));
    expect(other).toHaveLength(1);
  });

  it('a different event on the same experience is not a repeat', async () => {
    await appTester(op().perform, hookBundle(signedRequest({ timestamp: Date.now() - 2000 })), true);
    expect(await appTester(op().perform, hookBundle(signedRequest({ timestamp: Date.now() - 1000 })))).toHaveLength(1);
  });
});

describe("performList: recent real events of the trigger's kind, newest first, shaped like perform", () => {
  const listScope = () =>
    nock(API, { reqheaders: { 'intelligems-access-token': API_KEY } })
      .get(`${PREFIX}/experiences-list`)
      .query({ limit: '100', page: '1' })
      .reply(200, { experiencesList: LIST_EXPERIENCES });

  it('experience_started: every start from experienceActions', async () => {
    const scope = listScope();
    const items = (await appTester(trigger('experience_started').operation.performList, { authData })) as any[];
    expect(items.map((i) => [i.experience_id, i.timestamp])).toEqual([
      ['exp_ship', new Date(1_764_250_000_000).toISOString()],
      ['exp_price', new Date(1_764_200_000_000).toISOString()],
      ['exp_price', new Date(1_764_000_000_000).toISOString()],
    ]);
    expect(items.every((i) => i.action === 'startExperience' && i.triggered_by_email === '' && i.triggered_by_name === '')).toBe(true);
    // The list says only what happened and when (no history here, so not who): that is all `raw` claims.
    expect(items[0].raw).toEqual({ action: 'startExperience', timestamp: 1_764_250_000_000, triggeredBy: null });
    expect(items[0].experience).toEqual(LIST_EXPERIENCES.find((e) => e.id === 'exp_ship'));
    expect(items[0].summary).toBe('The Shipping Test “Free shipping threshold” was started.');
    expect(Object.keys(items[0]).sort()).toEqual(Object.keys(trigger('experience_started').operation.sample).sort());
    expect(scope.isDone()).toBe(true);
  });

  it('experience_created: from createdAtTs', async () => {
    const scope = listScope();
    const items = (await appTester(trigger('experience_created').operation.performList, { authData })) as any[];
    expect(items.map((i) => i.experience_id)).toEqual(['exp_offer', 'exp_ship', 'exp_price']);
    expect(items[0].experience_type).toBe('Offer');
    expect(scope.isDone()).toBe(true);
  });

  it('experience_updated: from history saveExperience, with who acted; lastUpdateTs alone is no update', async () => {
    const jane = { id: 'u1', email: 'jane@acme.example', preferredName: 'Jane D.' };
    const saved = {
      ...LIST_EXPERIENCES[1],
      history: [{ id: 'h1', experienceId: 'exp_ship', action: 'saveExperience', createdAtTs: 1_764_260_000_000, user: jane }],
    };
    const scope = nock(API)
      .get(`${PREFIX}/experiences-list`)
      .query({ limit: '100', page: '1' })
      .reply(200, { experiencesList: [LIST_EXPERIENCES[0], saved, LIST_EXPERIENCES[2]] });
    const items = (await appTester(trigger('experience_updated').operation.performList, { authData })) as any[];
    expect(items.map((i) => [i.id, i.triggered_by_email, i.triggered_by_name])).toEqual([
      ['exp_ship:updateExperience:1764260000000', 'jane@acme.example', 'Jane D.'],
    ]);
    expect(items[0].summary).toBe('Jane D. updated the Shipping Test “Free shipping threshold”.');
    expect(scope.isDone()).toBe(true);
  });

  it('experience_deleted: empty when nothing was deleted (Zapier then shows the static sample)', async () => {
    const scope = listScope();
    expect(await appTester(trigger('experience_deleted').operation.performList, { authData })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('pages through the whole list (a full page means there may be more)', async () => {
    const page1 = Array.from({ length: 100 }, (_, n) => ({ ...LIST_EXPERIENCES[2], id: `exp_${n}`, createdAtTs: 1_700_000_000_000 + n }));
    const scope = nock(API)
      .get(`${PREFIX}/experiences-list`)
      .query({ limit: '100', page: '1' })
      .reply(200, { experiencesList: page1 })
      .get(`${PREFIX}/experiences-list`)
      .query({ limit: '100', page: '2' })
      .reply(200, { experiencesList: [LIST_EXPERIENCES[0]] });
    const items = (await appTester(trigger('experience_ended').operation.performList, { authData })) as any[];
    expect(items.map((i) => i.experience_id)).toEqual(['exp_price']);
    expect(scope.isDone()).toBe(true);
  });
});
