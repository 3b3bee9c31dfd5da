/**
 * No secret reaches a user, in whatever form it was stored or sent: the API key as sent (trimmed), the account
 * Webhook Signing Secret, the secret a subscription sends in POST /webhooks, and the stored subscription secret,
 * even when Intelligems echoes them in an error answer.
 */
import nock from 'nock';
import { API, App, PREFIX, appTester } from '../helpers/app-tester';
import { ACCOUNT_SECRET, API_KEY, SUBSCRIPTION_SECRET } from '../helpers/signed-delivery';
import { failureOf } from '../helpers/zapier-failure';

const TARGET_URL = 'https://hooks.zapier.com/hooks/standard/1/abc/';
const findExperience = (App.searches as Record<string, any>).find_experience.operation.perform;
const hook = (App.triggers as Record<string, any>).experience_started.operation;

const echoing = (what: string) => ({ error: 'ValidationError', message: `Rejected: ${what}` });

describe('the API key is redacted as it is sent', () => {
  it.each([`${API_KEY}\n`, `  ${API_KEY}  `, `\t${API_KEY}\r\n`])('a key stored as %j is sent trimmed and never shown', async (stored) => {
    const scope = nock(API, { reqheaders: { 'intelligems-access-token': API_KEY } })
      .get(`${PREFIX}/experiences-list`)
      .query(true)
      .reply(400, echoing(`key ${API_KEY} may not list`));
    const failure = await failureOf(appTester(findExperience, { authData: { apiKey: stored }, inputData: { name: 'Spring' } }));
    expect(scope.isDone()).toBe(true);
    expect(failure.message).toContain('Intelligems said: “Rejected: key [redacted] may not list”');
    expect(failure.message).not.toContain(API_KEY);
  });
});

describe('signing secrets are redacted wherever the API key is', () => {
  it('the account Webhook Signing Secret, stored with surrounding whitespace and echoed trimmed', async () => {
    const scope = nock(API)
      .get(`${PREFIX}/experiences-list`)
      .query(true)
      .reply(400, echoing(`secret ${ACCOUNT_SECRET}`));
    const failure = await failureOf(
      appTester(findExperience, { authData: { apiKey: API_KEY, webhookSecret: ` ${ACCOUNT_SECRET}\n` }, inputData: { name: 'Spring' } }),
    );
    expect(scope.isDone()).toBe(true);
    expect(failure.message).toContain('[redacted]');
    expect(failure.message).not.toContain(ACCOUNT_SECRET);
  });

  it('the new subscription secret, when a 400 on subscribe echoes the request body', async () => {
    let sent = '';
    const scope = nock(API)
      .post(`${PREFIX}/webhooks`, (body) => ((sent = body.secret), true))
      .reply(400, (_uri, body) => echoing(`invalid webhook ${JSON.stringify(body)}`));
    const failure = await failureOf(appTester(hook.performSubscribe, { authData: { apiKey: API_KEY }, targetUrl: TARGET_URL }));
    expect(scope.isDone()).toBe(true);
    expect(sent).toMatch(/^[0-9a-f]{64}$/);
    expect(failure.message).toContain('"secret":"[redacted]"');
    expect(failure.message).not.toContain(sent);
  });

  it('the live subscription secret, when a 409 on unsubscribe echoes the webhook', async () => {
    const scope = nock(API)
      .delete(`${PREFIX}/webhooks/wh_42`)
      .reply(409, echoing(`webhook ${JSON.stringify({ id: 'wh_42', secret: SUBSCRIPTION_SECRET })} is locked`));
    const failure = await failureOf(
      appTester(hook.performUnsubscribe, {
        authData: { apiKey: API_KEY },
        subscribeData: { id: 'wh_42', secret: SUBSCRIPTION_SECRET, events: ['startExperience'] },
      }),
    );
    expect(scope.isDone()).toBe(true);
    expect(failure.message).toContain('"secret":"[redacted]"');
    expect(failure.message).not.toContain(SUBSCRIPTION_SECRET);
  });
});

describe('a secret echoed in another spelling never reaches the step’s error', () => {
  const unicodeEscaped = (text: string) => [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  const spellings: Array<[string, (secret: string) => string]> = [
    ['percent-encoded', (s) => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')],
    ['base64', (s) => Buffer.from(s).toString('base64')],
    ['upper-case', (s) => s.toUpperCase()],
    ['hex', (s) => Buffer.from(s).toString('hex')],
    ['JSON \\u escapes', unicodeEscaped],
    ['a zero-width character inside', (s) => `${s.slice(0, 5)}\u200B${s.slice(5)}`],
  ];
  const secrets: Array<[string, string]> = [
    ['the API key', API_KEY],
    ['the Webhook Signing Secret', ACCOUNT_SECRET],
  ];

  it.each(secrets.flatMap(([role, secret]) => spellings.map(([name, spell]) => [role, name, secret, spell] as const)))(
    '%s, %s',
    async (_role, _name, secret, spell) => {
      const spelled = spell(secret);
      // Raw JSON text, so a \u escape arrives as Intelligems would send it.
      nock(API)
        .get(`${PREFIX}/experiences-list`)
        .query(true)
        .reply(400, `{"error": "ValidationError", "message": "Rejected: ${spelled.replace(/\\(?!u)/g, '\\\\')}"}`, { 'content-type': 'application/json' });
      const failure = await failureOf(
        appTester(findExperience, { authData: { apiKey: API_KEY, webhookSecret: ACCOUNT_SECRET }, inputData: { name: 'Spring' } }),
      );
      expect(failure.message).toContain('Rejected: [redacted]');
      expect(failure.message.toLowerCase()).not.toContain(secret.slice(0, 8).toLowerCase());
      expect(failure.message).not.toContain(spelled.slice(0, 12));
    },
  );
});
