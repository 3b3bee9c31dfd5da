import { ApiBaseUrlError, apiBaseUrl, apiUrlOverride, shownApiUrlOverride } from '../../../src/api/base-url';

const env = (value: string | undefined): NodeJS.ProcessEnv => (value === undefined ? {} : { INTELLIGEMS_API_URL: value });

function refusal(value: string): ApiBaseUrlError {
  try {
    apiBaseUrl(env(value));
  } catch (error) {
    expect(error).toBeInstanceOf(ApiBaseUrlError);
    return error as ApiBaseUrlError;
  }
  throw new Error(`${value} was accepted`);
}

describe('apiBaseUrl', () => {
  it('is the real API when INTELLIGEMS_API_URL is unset or blank', () => {
    expect(apiBaseUrl(env(undefined))).toBe('https://api.intelligems.io');
    expect(apiBaseUrl(env('   '))).toBe('https://api.intelligems.io');
    expect(apiUrlOverride(env(''))).toBeUndefined();
  });

  it('takes any https:// address, trimmed and without trailing slashes', () => {
    expect(apiBaseUrl(env(' https://staging.api.intelligems.io/ '))).toBe('https://staging.api.intelligems.io');
    expect(apiBaseUrl(env('https://gateway.example.com/intelligems//'))).toBe('https://gateway.example.com/intelligems');
  });

  it.each(['http://127.0.0.1:4000', 'http://localhost:4000/', 'http://127.8.9.10', 'http://[::1]:4000', 'HTTP://LOCALHOST:4000'])(
    'takes plain http:// to this machine: %s',
    (value) => {
      expect(apiBaseUrl(env(value))).toBe(value.replace(/\/+$/, ''));
    },
  );

  it.each([
    'http://api.intelligems.io',
    'http://10.0.0.5:4000',
    'http://128.0.0.1',
    'http://localhost.example.com',
    // A *.localhost name goes to DNS on an ordinary machine: it is not this machine for sure.
    'http://sandbox.localhost:4000',
    'http://api.localhost',
    'http://[::ffff:7f00:1]:4000',
  ])('refuses plain http:// to another host, naming the variable and the host: %s', (value) => {
    const error = refusal(value);
    expect(error.message).toMatch(/^INTELLIGEMS_API_URL is http:\/\//);
    expect(error.message).toContain(new URL(value).host);
    expect(error.message).toMatch(/plain http:\/\/ is allowed only for this machine .* Use https:\/\//);
  });

  it.each(['api.intelligems.io', 'localhost:4000', '127.0.0.1:4000', 'not a url', '//api.intelligems.io'])(
    'refuses a value that is not an http(s) URL, naming the variable: %s',
    (value) => {
      expect(refusal(value).message).toMatch(/^INTELLIGEMS_API_URL (is not a URL|must start with https:\/\/)/);
    },
  );

  it.each(['ftp://api.intelligems.io', 'file:///etc/passwd', 'ws://127.0.0.1:4000'])('refuses another scheme, naming it: %s', (value) => {
    const error = refusal(value);
    expect(error.message).toContain('INTELLIGEMS_API_URL must start with https://');
    expect(error.message).toContain(`it begins “${new URL(value).protocol}”`);
  });

  it('refuses a query or fragment, which would end up in the middle of every request URL', () => {
    expect(refusal('https://api.example.com/?key=1').message).toMatch(/INTELLIGEMS_API_URL must be a base address without \?query or #fragment/);
    expect(refusal('https://api.example.com/#top').message).toMatch(/without \?query or #fragment/);
  });

  it('never repeats a password written into the URL', () => {
    const error = refusal('http://user:hunter2-password@staging.example.com');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('http://staging.example.com');
  });
});

describe('shownApiUrlOverride', () => {
  it('is the override without user:password@, and undefined for the default', () => {
    expect(shownApiUrlOverride(env(undefined))).toBeUndefined();
    expect(shownApiUrlOverride(env('http://127.0.0.1:4000/'))).toBe('http://127.0.0.1:4000');
    expect(shownApiUrlOverride(env('https://ops:hunter2-password@staging.example.com/api/'))).toBe('https://staging.example.com/api');
  });
});
