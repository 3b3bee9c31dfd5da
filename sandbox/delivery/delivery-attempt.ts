/**
 * One delivery attempt: POST the exact bytes to the URL and classify the outcome the way Intelligems documents
 * it — 200–299 within the timeout succeeds; a redirect, any other status, a timeout or a failed connection fails.
 */
import http from 'node:http';
import https from 'node:https';

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface AttemptRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Lets the engine abort in-flight attempts when the sandbox closes. */
  signal?: AbortSignal;
}

export function attemptDelivery(request: AttemptRequest): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<AttemptOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };

    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      resolve({ ok: false, statusCode: null, error: `not a valid URL: ${request.url}`, durationMs: 0 });
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    const payload = Buffer.from(request.body, 'utf8');
    // One options object, not (url, options): zapier-platform-core patches http.request as (options, callback) once
    // the app has run in this process (the demo, the end-to-end tests), and would drop a second argument.
    // agent: false — a fresh connection each time, closed after the answer, so no socket outlives the sandbox.
    const req = transport.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      agent: false,
      headers: { ...request.headers, 'Content-Length': String(payload.length) },
      signal: request.signal,
    });
    const timer = setTimeout(() => {
      finish({ ok: false, statusCode: null, error: `no answer within ${request.timeoutMs} ms (timed out)` });
      req.destroy();
    }, request.timeoutMs);

    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      if (status >= 200 && status < 300) finish({ ok: true, statusCode: status, error: null });
      else if (status >= 300 && status < 400)
        finish({ ok: false, statusCode: status, error: `HTTP ${status}: redirects are not followed; answer 2xx to accept a delivery` });
      else finish({ ok: false, statusCode: status, error: `HTTP ${status}` });
    });
    req.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, statusCode: null, error: describeNetworkError(error) }));
    req.end(payload);
  });
}

function describeNetworkError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused (nothing is listening at that address)';
    case 'ECONNRESET':
      return 'connection reset before an answer arrived';
    case 'ENOTFOUND':
      return 'host not found';
    case 'ABORT_ERR':
      return 'aborted: the sandbox is shutting down';
    default:
      return error.code ? `${error.code}: ${error.message}` : error.message;
  }
}
