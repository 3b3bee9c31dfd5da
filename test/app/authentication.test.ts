import nock from 'nock';
import { authentication } from '../../src/authentication';
import { API, PREFIX, appTester } from '../helpers/app-tester';
import { ACCOUNT_SECRET, API_KEY } from '../helpers/signed-delivery';

afterEach(() => {
  delete process.env.INTELLIGEMS_API_URL;
});

describe('connection', () => {
  it('tests the key with one experiences-list call carrying the access token header', async () => {
    const scope = nock(API, { reqheaders: { 'intelligems-access-token': API_KEY } })
      .get(`${PREFIX}/experiences-list`)
      .query({ limit: '1' })
      .reply(200, { experiencesList: [{ id: 'e1', name: 'A', type: 'pricing', category: 'experiment', status: 'started', organizationId: 'org_9' }] });
    const result = await appTester(authentication.test, { authData: { apiKey: API_KEY } });
    expect(result).toEqual({ organizationId: 'org_9', hasExperiences: true });
    expect(scope.isDone()).toBe(true);
  });

  it('passes in an account with no experiences at all, and says so', async () => {
    const scope = nock(API).get(`${PREFIX}/experiences-list`).query({ limit: '1' }).reply(200, { experiencesList: [] });
    const result = await appTester(authentication.test, { authData: { apiKey: API_KEY } });
    expect(result).toEqual({ organizationId: null, hasExperiences: false });
    expect(scope.isDone()).toBe(true);
  });

  it('uses INTELLIGEMS_API_URL, read at request time', async () => {
    process.env.INTELLIGEMS_API_URL = 'http://127.0.0.1:4999/';
    const scope = nock('http://127.0.0.1:4999').get(`${PREFIX}/experiences-list`).query({ limit: '1' }).reply(200, { experiencesList: [] });
    await appTester(authentication.test, { authData: { apiKey: API_KEY } });
    expect(scope.isDone()).toBe(true);
  });

  it('explains a rejected key (401) and where to make a new one, without showing the key', async () => {
    const scope = nock(API).get(`${PREFIX}/experiences-list`).query({ limit: '1' }).reply(401, { error: 'Unauthorized', message: 'Invalid API key' });
    const error = await appTester(authentication.test, { authData: { apiKey: API_KEY } }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('ExpiredAuthError');
    expect((error as Error).message).toMatch(/rejected the API key while testing the connection/);
    expect((error as Error).message).toMatch(/Integrations → Intelligems External API/);
    expect((error as Error).message).not.toContain(API_KEY);
    expect(scope.isDone()).toBe(true);
  });

  it('asks for a key when none was entered, without calling the API', async () => {
    await expect(appTester(authentication.test, { authData: { apiKey: '  ' } })).rejects.toThrow(/Enter your Intelligems API key/);
  });

  it('labels the connection by organization, never by key, and without repeating the app name Zapier shows first', async () => {
    const label = (inputData: object) => appTester(authentication.connectionLabel, { authData: { apiKey: API_KEY, webhookSecret: ACCOUNT_SECRET }, inputData });
    expect(await label({ organizationId: 'org_9', hasExperiences: true })).toBe('organization org_9');
    expect(await label({ organizationId: null, hasExperiences: false })).toBe('no experiences yet');
    // Experiences without an organizationId: nothing true to say, so Zapier's own "Intelligems #2" stands.
    expect(await label({ organizationId: null, hasExperiences: true })).toBe('');
    expect(await label({})).toBe('');
  });

  describe('the Webhook Signing Secret', () => {
    const listed = () => nock(API).get(`${PREFIX}/experiences-list`).query({ limit: '1' }).reply(200, { experiencesList: [] });

    it.each([
      ['one character', 'x', /too short: it has 1 characters and needs at least 16/],
      ['fifteen characters', 'abcdefghijklmno', /too short: it has 15 characters and needs at least 16/],
      ['fifteen characters inside spaces', '  abcdefghijklmno \n', /too short: it has 15 characters/],
      ['only whitespace', ' \t\n ', /holds only spaces or line breaks/],
    ])('refuses %s before calling the API, saying what to do', async (_name, webhookSecret, reason) => {
      const error = await appTester(authentication.test, { authData: { apiKey: API_KEY, webhookSecret } }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message).toMatch(/Paste the whole secret .* or leave the field empty/);
      if (webhookSecret.trim() !== '') expect((error as Error).message).not.toContain(webhookSecret.trim());
      expect((error as Error).message).not.toContain(API_KEY);
    });

    it.each([
      ['none entered', undefined],
      ['left empty', ''],
      ['sixteen characters', 'abcdefghijklmnop'],
      ['a long one pasted with a line break', `${ACCOUNT_SECRET}\n`],
    ])('accepts %s', async (_name, webhookSecret) => {
      const scope = listed();
      await expect(appTester(authentication.test, { authData: { apiKey: API_KEY, webhookSecret } })).resolves.toEqual({
        organizationId: null,
        hasExperiences: false,
      });
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('INTELLIGEMS_API_URL', () => {
    it('names the address it tried and suggests `npm run sandbox` when it cannot be reached', async () => {
      process.env.INTELLIGEMS_API_URL = 'http://127.0.0.1:4999/';
      const scope = nock('http://127.0.0.1:4999')
        .get(`${PREFIX}/experiences-list`)
        .query({ limit: '1' })
        .replyWithError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4999'), { code: 'ECONNREFUSED' }));
      const error = (await appTester(authentication.test, { authData: { apiKey: API_KEY } }).catch((e: Error) => e)) as Error;
      expect(error.message).toContain('Could not reach Intelligems at http://127.0.0.1:4999 (set by INTELLIGEMS_API_URL) while testing the connection');
      expect(error.message).toContain('start it with `npm run sandbox`');
      expect(error.message).not.toMatch(/usually temporary/);
      expect(error.message).not.toContain(API_KEY);
      expect(scope.isDone()).toBe(true);
    });

    it('keeps the “usually temporary” message for the real API', async () => {
      const scope = nock(API)
        .get(`${PREFIX}/experiences-list`)
        .query({ limit: '1' })
        .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      const error = (await appTester(authentication.test, { authData: { apiKey: API_KEY } }).catch((e: Error) => e)) as Error;
      expect(error.message).toContain(
        'Could not reach Intelligems while testing the connection: the connection failed or was dropped. This is usually temporary',
      );
      expect(error.message).not.toMatch(/INTELLIGEMS_API_URL|npm run sandbox/);
      expect(scope.isDone()).toBe(true);
    });

    it.each(['http://api.intelligems.io', 'ftp://127.0.0.1:4000', '127.0.0.1:4000'])('refuses %s before the key is sent anywhere', async (value) => {
      process.env.INTELLIGEMS_API_URL = value;
      // No interceptor: a request would fail as "Could not reach", so the message below proves none was made.
      const error = (await appTester(authentication.test, { authData: { apiKey: API_KEY } }).catch((e: Error) => e)) as Error;
      expect(error.message).toMatch(
        /INTELLIGEMS_API_URL (is http:\/\/api\.intelligems\.io: plain http:\/\/ is allowed only for this machine|must start with https:\/\/|is not a URL)/,
      );
      expect(error.message).not.toMatch(/Could not reach/);
      expect(error.message).not.toContain(API_KEY);
    });
  });

  it('asks for the key as a required password field with help on where to make it', () => {
    const [apiKey, webhookSecret] = authentication.fields;
    expect(apiKey).toMatchObject({ key: 'apiKey', label: 'API Key', required: true, type: 'password' });
    expect(apiKey.helpText).toMatch(/Integrations → Intelligems External API/);
    expect(webhookSecret).toMatchObject({ key: 'webhookSecret', label: 'Webhook Signing Secret', required: false, type: 'password' });
  });
});
