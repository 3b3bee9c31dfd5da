/**
 * "Signed means it runs", through the real perform: every accepted shape of body yields one item with the fields it
 * carries, and an unsigned or mis-signed copy of each is refused. Test deliveries are ignored with a log line.
 */
import { sign } from '../../../src/webhook/signature';
import { App, appTester } from '../../helpers/app-tester';
import { capturingLog } from '../../helpers/console-log';
import { DELIVERY_VARIANTS } from '../../helpers/delivery-variants';
import { API_KEY, SUBSCRIPTION_SECRET, hookBundle, signedRequest } from '../../helpers/signed-delivery';

const perform = (App.triggers as Record<string, any>).experience_started.operation.perform;

function deliveryBundle(content: string, headers: Record<string, string>, subscribedEvents: string[] = ['startExperience']) {
  return hookBundle({ content, headers }, { subscribeData: { id: 'wh_tolerant', secret: SUBSCRIPTION_SECRET, events: subscribedEvents } });
}

describe.each(DELIVERY_VARIANTS)('Experience Started, $name', (variant) => {
  const content = JSON.stringify(variant.body(Date.now() - 60_000));
  const eventHeader: Record<string, string> = variant.eventHeader ? { 'X-Intelligems-Event': variant.eventHeader } : {};

  it('signed: one item, with the fields it carries and the body under raw', async () => {
    const { result } = await capturingLog(() =>
      appTester(
        perform,
        deliveryBundle(content, { 'X-Intelligems-Signature': sign(SUBSCRIPTION_SECRET, content), ...eventHeader }, variant.subscribedEvents),
        true,
      ),
    );
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ ...variant.fields, action: variant.event, raw: JSON.parse(content) });
  });

  it('unsigned or mis-signed: refused', async () => {
    for (const headers of [eventHeader, { 'X-Intelligems-Signature': sign('not-the-subscription-secret', content), ...eventHeader }]) {
      const error = await appTester(perform, deliveryBundle(content, headers, variant.subscribedEvents), true).then(
        () => undefined,
        (thrown: Error) => thrown,
      );
      expect(error?.name).toBe('HaltedError');
      expect(error?.message).toMatch(/X-Intelligems-Signature/);
    }
  });
});

describe('perform: logs what it could not check or find', () => {
  it('an undated delivery runs, and the log says freshness could not be checked', async () => {
    const { timestamp: _none, ...undated } = JSON.parse(signedRequest().content);
    const content = JSON.stringify(undated);
    const { result, logs } = await capturingLog(() =>
      appTester(perform, deliveryBundle(content, { 'X-Intelligems-Signature': sign(SUBSCRIPTION_SECRET, content) }), true),
    );
    expect(result).toHaveLength(1);
    expect(logs).toContain('This delivery carries no timestamp, so it could not be checked for being a replay');
  });

  it('missing standard fields are named in one line', async () => {
    const content = JSON.stringify({ action: 'startExperience', timestamp: Date.now(), experienceId: 'exp_1' });
    const { result, logs } = await capturingLog(() =>
      appTester(perform, deliveryBundle(content, { 'X-Intelligems-Signature': sign(SUBSCRIPTION_SECRET, content) }), true),
    );
    expect(result).toHaveLength(1);
    expect(logs.split('\n').filter((line) => line.startsWith('This delivery did not carry'))).toEqual([
      "This delivery did not carry experience_name, experience_type_code, experience_category, experience_status, organization_id, organization_name, shop, triggered_by_email, triggered_by_name: they are empty in the item. The whole delivery is in the item's Raw fields.",
    ]);
  });
});

describe('test deliveries', () => {
  it('a signed test delivery (test: true) does not run the Zap, and the log says it was a test', async () => {
    const request = signedRequest({ body: { test: true } });
    const { result, logs } = await capturingLog(() => appTester(perform, hookBundle(request), true));
    expect(result).toEqual([]);
    expect(logs).toContain(
      'Ignored a test delivery (“test”: true) for experience 8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b: Intelligems sends it to check the connection, so this Zap does not run for it.',
    );
  });

  it('a test delivery is still checked first: an unsigned one is refused, not quietly ignored', async () => {
    const request = signedRequest({ body: { test: true }, secret: 'someone-else' });
    await expect(appTester(perform, hookBundle(request, { authData: { apiKey: API_KEY } }), true)).rejects.toThrow(/does not match/);
  });
});
