/**
 * The check's own HTTP calls to Intelligems: raw answers (status, headers, body as sent), because the point is to
 * see what the API really answers, before any schema. Redirects are not followed: the access token is a custom
 * header that fetch would carry to whatever host a redirect names.
 */
import { redact, secretsOf } from '../../src/api/secrets';
import { ACCESS_TOKEN_HEADER } from '../../src/contract/published';

export const DEFAULT_TIMEOUT_MS = 20_000;

export interface RawAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; `undefined` when the body is empty or not JSON (see `json`). */
  body: unknown;
  /** `empty`, `json`, or `not_json` (an HTML error page from a proxy, say). */
  json: 'empty' | 'json' | 'not_json';
}

/** The API could not be reached at all: nothing about the contract can be learnt. */
export class CannotConnectError extends Error {
  override readonly name = 'CannotConnectError';
}

export interface ApiCaller {
  (method: 'GET' | 'POST' | 'DELETE', path: string, options?: { query?: Record<string, string>; json?: unknown }): Promise<RawAnswer>;
}

export interface CallerOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  /** Secrets sent in request bodies; with the API key, removed from every answer before anything reads it. */
  sentSecrets?: ReadonlyArray<string>;
}

export function apiCaller(options: CallerOptions): ApiCaller {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Removed from the raw text in every spelling (redact decodes JSON escapes itself), before anything parses or cuts it.
  const secrets = secretsOf({ authData: { apiKey: options.apiKey } }, options.sentSecrets);
  return async (method, path, { query, json } = {}) => {
    const url = new URL(`${options.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: 'application/json', [ACCESS_TOKEN_HEADER]: options.apiKey };
    if (json !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: json === undefined ? undefined : JSON.stringify(json),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new CannotConnectError(`Could not reach ${options.baseUrl} (${method} ${path}): ${networkReason(error, timeoutMs)}.`);
    }
    let text: string;
    try {
      text = redact(await response.text(), secrets);
    } catch (error) {
      throw new CannotConnectError(`The answer to ${method} ${path} from ${options.baseUrl} broke off: ${networkReason(error, timeoutMs)}.`);
    }
    if (text.trim() === '') return { status: response.status, headers: response.headers, body: undefined, json: 'empty' };
    try {
      return { status: response.status, headers: response.headers, body: JSON.parse(text), json: 'json' };
    } catch {
      return { status: response.status, headers: response.headers, body: undefined, json: 'not_json' };
    }
  };
}

/**
 * Only the error's code or kind: a network error's message can quote the request, and so the key. Read by duck
 * typing, since fetch's errors (a DOMException for a timeout) need not be instances of this realm's Error.
 */
function networkReason(error: unknown, timeoutMs: number): string {
  const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);
  const name = field(error, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const code = field(field(error, 'cause'), 'code');
  const known: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name could not be resolved just now',
    ECONNRESET: 'the connection was dropped',
    ETIMEDOUT: 'the connection timed out',
    UND_ERR_SOCKET: 'the connection was dropped',
  };
  if (typeof code === 'string') return `${known[code] ?? 'the connection failed'} (${code})`;
  return 'the connection failed';
}
