import nock from 'nock';
import { authentication } from '../../src/authentication';
import { API, PREFIX, appTester } from '../helpers/app-tester';
import { API_KEY } from '../helpers/signed-delivery';

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
    expect(result).toEqual({ organizationId: 'org_9', experienceCount: 1 });
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

  it('labels the connection by organization, never by key', async () => {
    const label = await appTester(authentication.connectionLabel as any, { authData: { apiKey: API_KEY }, inputData: { organizationId: 'org_9' } });
    expect(label).toBe('Intelligems organization org_9');
    const fallback = await appTester(authentication.connectionLabel as any, { authData: { apiKey: API_KEY }, inputData: {} });
    expect(fallback).toBe('Intelligems');
  });

  it('asks for the key as a required password field with help on where to make it', () => {
    const [apiKey, webhookSecret] = authentication.fields;
    expect(apiKey).toMatchObject({ key: 'apiKey', label: 'API Key', required: true, type: 'password' });
    expect(apiKey.helpText).toMatch(/Integrations → Intelligems External API/);
    expect(webhookSecret).toMatchObject({ key: 'webhookSecret', label: 'Webhook Signing Secret', required: false, type: 'password' });
  });
});
