/** An account without the webhook API: turning on an instant trigger fails plainly and names the polling twin that works. */
import nock from 'nock';
import { EVENT_TRIGGER_TABLE } from '../../../src/triggers/experience-events/table';
import { API, App, PREFIX, appTester } from '../../helpers/app-tester';
import { API_KEY } from '../../helpers/signed-delivery';
import { failureOf } from '../../helpers/zapier-failure';

const triggers = App.triggers as Record<string, any>;
const bundle = { authData: { apiKey: API_KEY }, inputData: {}, targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc/' };

describe.each(EVENT_TRIGGER_TABLE.map((spec) => [spec.key, spec]))('%s', (key, spec) => {
  it.each([404, 405])('answered %s by POST /webhooks: says the account has no webhook API and names the polling twin by its label', async (status) => {
    const scope = nock(API)
      .post(`${PREFIX}/webhooks`)
      .reply(status, { error: 'NotFound', message: `Cannot POST /webhooks (key ${API_KEY})` });
    const failure = await failureOf(appTester(triggers[key].operation.performSubscribe, bundle));
    expect(scope.isDone()).toBe(true);
    const twin = triggers[`${key}_poll`];
    expect(failure).toMatchObject({ name: 'AppError', code: 'WebhooksUnavailable' });
    expect(failure.message).toContain('does not offer webhook subscriptions through its API');
    expect(failure.message).toContain(`Use “${twin.display.label}” instead`);
    expect(twin.display.label).toBe(spec.pollingLabel);
    expect(failure.message).not.toContain(API_KEY);
    expect(failure.message).not.toMatch(/\n\s+at |What happened/);
  });
});

it('another failure of POST /webhooks still says what it is (a 500 is Intelligems having trouble)', async () => {
  nock(API).post(`${PREFIX}/webhooks`).reply(500, { error: 'Internal', message: 'boom' });
  const failure = await failureOf(appTester(triggers.experience_started.operation.performSubscribe, bundle));
  expect(failure.code).toBe('IntelligemsUnavailable');
});
