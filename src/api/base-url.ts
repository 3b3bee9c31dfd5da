import { DEFAULT_BASE_URL } from '../contract/published';

/** The variable that points the app at another Intelligems: the local sandbox, or staging. */
export const API_URL_VARIABLE = 'INTELLIGEMS_API_URL';

/** An `INTELLIGEMS_API_URL` the app refuses to send the API key to. */
export class ApiBaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiBaseUrlError';
  }
}

/**
 * Read at request time, not at load, so a sandbox or staging URL set after the app loads still applies.
 * Throws ApiBaseUrlError for a value that is not an http(s) URL, or plain http to anything but this machine:
 * every request carries the API key, which must never cross a network unencrypted.
 */
export function apiBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return apiUrlOverride(env) ?? DEFAULT_BASE_URL;
}

/** The checked `INTELLIGEMS_API_URL` without trailing slashes, or undefined when it is not set (the default applies). */
export function apiUrlOverride(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env[API_URL_VARIABLE]?.trim();
  if (!raw) return undefined;
  const example = `such as ${DEFAULT_BASE_URL}, or http://127.0.0.1:4000 for the local sandbox`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiBaseUrlError(`${API_URL_VARIABLE} is not a URL. Set it to an http(s):// address ${example}, or unset it to use ${DEFAULT_BASE_URL}.`);
  }
  // Named by origin only: userinfo (user:password@) would be a credential, and a path adds nothing to the reason.
  const shown = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ApiBaseUrlError(
      `${API_URL_VARIABLE} must start with https:// (or http:// for this machine); it begins “${url.protocol}”. Use an address ${example}.`,
    );
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ApiBaseUrlError(
      `${API_URL_VARIABLE} is ${shown}: plain http:// is allowed only for this machine (localhost, 127.0.0.1, [::1]), since every request carries the API key. Use https:// for ${url.host}.`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ApiBaseUrlError(`${API_URL_VARIABLE} must be a base address without ?query or #fragment, ${example}; API paths are added to its end.`);
  }
  return raw.replace(/\/+$/, '');
}

/**
 * localhost, 127.0.0.0/8 and ::1 only. Not *.localhost: on an ordinary machine such a name goes to DNS, so the key
 * could travel over plain http:// to whoever answers for it.
 */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}

/** The override as a message may name it: without any user:password@ it carries. */
export function shownApiUrlOverride(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = apiUrlOverride(env);
  if (override === undefined) return undefined;
  const url = new URL(override);
  url.username = '';
  url.password = '';
  return url.href.replace(/\/+$/, '');
}
