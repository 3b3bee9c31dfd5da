/** What the check runs with, from the environment and the command line, or a usage error naming what is wrong. */
import { ApiBaseUrlError, apiBaseUrl } from '../../src/api/base-url';
import { API_KEY_NAMES, firstOf } from '../dotenv';
import { unknownArgument } from '../unknown-argument';

export interface CheckSettings {
  baseUrl: string;
  apiKey: string;
  json: boolean;
  timeoutMs?: number;
}

export const USAGE = [
  'Usage: authData_apiKey=<your key> npm run -s check-contract [-- --json]',
  '  authData_apiKey         an Intelligems External API key (required; INTELLIGEMS_API_KEY also works)',
  '  INTELLIGEMS_API_URL     the API to check (default https://api.intelligems.io)',
  '  Both are read from the environment, or else from .env in the current directory (as zapier-platform invoke reads it).',
  '  --json                  one JSON object: {"assumptions": [{"name", "status", "detail"}]}',
].join('\n');

export type SettingsResult = { ok: true; settings: CheckSettings } | { ok: false; json: boolean; message: string };

export function readSettings(env: NodeJS.ProcessEnv, args: ReadonlyArray<string>): SettingsResult {
  const json = args.includes('--json');
  const fail = (message: string): SettingsResult => ({ ok: false, json, message });
  const unknown = args.filter((arg) => arg !== '--json');
  if (unknown.length > 0)
    return fail(
      `${unknownArgument(unknown[0])} The only option is --json; the key goes in authData_apiKey (environment or .env), never on the command line.\n${USAGE}`,
    );

  const apiKey = firstOf(env, API_KEY_NAMES);
  if (apiKey === '')
    return fail(
      `Set authData_apiKey (in the environment or .env) to an Intelligems External API key (Integrations → Intelligems External API in the Intelligems app).\n${USAGE}`,
    );
  // Checked here, not left to fetch: its error for a bad header value quotes the value, which is the key.
  if (!/^[\x20-\x7e]+$/.test(apiKey))
    return fail(
      'authData_apiKey holds a character that cannot be sent in an HTTP header (a line break inside it, or a non-ASCII character). Copy the key again.',
    );

  // The app's own rules for the variable (http(s) only, plain http only on this machine), in the app's own words.
  let baseUrl: string;
  try {
    baseUrl = apiBaseUrl(env);
  } catch (error) {
    if (error instanceof ApiBaseUrlError) return fail(error.message);
    throw error;
  }
  const parsed = new URL(baseUrl);
  if (parsed.username !== '' || parsed.password !== '')
    return fail('INTELLIGEMS_API_URL must not hold a user name or password; the API key goes in authData_apiKey.');

  const timeout = Number(env.INTELLIGEMS_REQUEST_TIMEOUT_MS);
  return { ok: true, settings: { baseUrl, apiKey, json, timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : undefined } };
}
