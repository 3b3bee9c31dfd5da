/** Plain HTTP calls to a running sandbox, with the status, headers and parsed body of each answer. */
import { ACCESS_TOKEN_HEADER, API_VERSION_PREFIX } from '../src/contract/published';
import type { RunningSandbox } from './start-sandbox';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export function sandboxClient(sandbox: RunningSandbox) {
  return async function call(method: string, path: string, options: { body?: unknown; rawBody?: string; key?: string | null } = {}): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const key = options.key === undefined ? sandbox.apiKey : options.key;
    if (key !== null) headers[ACCESS_TOKEN_HEADER] = key;
    const response = await fetch(`${sandbox.url}${API_VERSION_PREFIX}${path}`, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
  };
}

/** A valid new experience, for tests that drive a lifecycle. */
export const NEW_EXPERIENCE = {
  name: 'Free shipping over $50',
  type: 'shipping',
  variations: [
    { name: 'Control', percentage: 50, isControl: true },
    { name: '$50 threshold', percentage: 50, isControl: false },
  ],
};
