/**
 * The one HTTP client for a running sandbox, used by the demo, the benchmarks and the tests: every answer with its
 * status, headers and parsed body, or (`.ok`) the body of a 2xx answer and an error naming any other.
 */
import { ACCESS_TOKEN_HEADER, API_VERSION_PREFIX } from '../src/contract/published';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as it is, for tests of malformed bodies. */
  rawBody?: string;
  /** Another key than the sandbox's own; null sends none. */
  key?: string | null;
}

export interface SandboxClient {
  /** Any answer, as it came. */
  (method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** The body of a 2xx answer; any other status throws with the sandbox's own message. */
  ok(method: string, path: string, body?: unknown): Promise<any>;
}

export function sandboxClient(sandbox: { url: string; apiKey: string }): SandboxClient {
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
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
  const ok = async (method: string, path: string, body?: unknown): Promise<any> => {
    const answer = await call(method, path, { body });
    if (answer.status < 200 || answer.status >= 300)
      throw new Error(`${method} ${path} answered ${answer.status}: ${answer.body?.message ?? JSON.stringify(answer.body)}`);
    return answer.body;
  };
  return Object.assign(call, { ok });
}

/** A valid new experience, for flows that drive a lifecycle. */
export const NEW_EXPERIENCE = {
  name: 'Free shipping over $50',
  type: 'shipping',
  variations: [
    { name: 'Control', percentage: 50, isControl: true },
    { name: '$50 threshold', percentage: 50, isControl: false },
  ],
};
