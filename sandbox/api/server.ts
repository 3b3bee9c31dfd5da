/**
 * The HTTP front of the sandbox: authentication, then rate limit, then the route. Every failure, wherever it is
 * thrown, leaves as `{"error", "message"}` with the rate-limit headers of the request that caused it.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { ACCESS_TOKEN_HEADER, API_VERSION_PREFIX } from '../../src/contract/published';
import type { DeliveryEngine } from '../delivery/delivery-engine';
import { SandboxError } from '../errors';
import { INVALID_TARGET_MESSAGE, parseJsonBody, readBody, requestUrl, sendJson } from '../http-io';
import type { RateLimitConfig, TokenBucketLimiter } from './rate-limiter';
import type { Router } from './router';
import type { SandboxStore } from '../state/store';

export interface ServerDependencies {
  router: Router;
  store: SandboxStore;
  deliveries: DeliveryEngine;
  /** `now` is the limiter's own clock (injectable apart from the store's). */
  limiter: { bucket: TokenBucketLimiter; config: RateLimitConfig; now: () => number } | null;
  apiKey: string;
  now: () => number;
  /** One line per request, for `SANDBOX_LOG=1`. */
  log?: (line: string) => void;
}

export function createSandboxServer(deps: ServerDependencies): http.Server {
  return http.createServer((req, res) => {
    const started = performance.now();
    void handle(deps, req, res).finally(() => {
      deps.log?.(`${req.method} ${req.url} → ${res.statusCode} (${Math.round(performance.now() - started)} ms)`);
    });
  });
}

async function handle(deps: ServerDependencies, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let rateHeaders: Record<string, string> = {};
  try {
    const method = req.method ?? 'GET';
    const url = requestUrl(req, 'http://sandbox.invalid');
    if (url === null) throw new SandboxError(400, 'bad_request', INVALID_TARGET_MESSAGE);
    const match = deps.router.match(method, url.pathname);
    const sandboxControl = (match.kind === 'found' && match.route.sandboxControl === true) || (match.kind === 'wrong_method' && match.sandboxControl);
    const token = firstHeader(req.headers[ACCESS_TOKEN_HEADER]);

    // Authentication first: a bucket per presented token, before it was checked, let anyone fill memory with
    // made-up keys. An unknown key gets its 401 without a bucket (and so without rate-limit headers).
    if (token === undefined || token.trim() === '') {
      throw new SandboxError(401, 'unauthorized', `Missing API key: send it in the ${ACCESS_TOKEN_HEADER} header.`);
    }
    if (!sameKey(token, deps.apiKey)) {
      throw new SandboxError(401, 'unauthorized', `Invalid API key in the ${ACCESS_TOKEN_HEADER} header.`);
    }

    if (deps.limiter && !sandboxControl) {
      const decision = deps.limiter.bucket.take(token, deps.limiter.now());
      rateHeaders = {
        'x-ratelimit-limit': String(decision.limit),
        'x-ratelimit-remaining': String(decision.remaining),
        'x-ratelimit-reset': String(decision.resetAt),
      };
      if (!decision.allowed) {
        const { burst, refill, refillEveryMs } = deps.limiter.config;
        throw new SandboxError(
          429,
          'rate_limited',
          `Too many requests: this key may make ${burst} requests at once, refilled by ${refill} every ${refillEveryMs / 1000} s. Try again in ${decision.retryAfterSeconds} s.`,
          { body: { retryAfter: decision.retryAfterSeconds }, headers: { 'Retry-After': String(decision.retryAfterSeconds) } },
        );
      }
    }

    if (match.kind === 'none') {
      const hint = url.pathname.startsWith(API_VERSION_PREFIX)
        ? ''
        : ` Every path starts with ${API_VERSION_PREFIX}, e.g. GET ${API_VERSION_PREFIX}/experiences-list.`;
      throw new SandboxError(404, 'route_not_found', `There is no ${method} ${url.pathname}.${hint}`);
    }
    if (match.kind === 'wrong_method') {
      throw new SandboxError(405, 'method_not_allowed', `${url.pathname} does not accept ${method}; it accepts ${match.allowed.join(', ')}.`, {
        headers: { Allow: match.allowed.join(', ') },
      });
    }

    let bodyPromise: Promise<unknown> | undefined;
    const result = await match.route.handle({
      params: match.params,
      query: url.searchParams,
      body: () => (bodyPromise ??= readBody(req).then(parseJsonBody)),
      store: deps.store,
      deliveries: deps.deliveries,
      now: deps.now,
    });
    sendJson(res, result.status, result.body, rateHeaders);
  } catch (caught) {
    const error =
      caught instanceof SandboxError
        ? caught
        : new SandboxError(500, 'internal_error', `The sandbox failed while answering: ${caught instanceof Error ? caught.message : String(caught)}`);
    if (!res.headersSent) sendJson(res, error.status, error.body(), { ...rateHeaders, ...error.extra.headers });
    else res.destroy();
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Constant time, so the key cannot be guessed byte by byte from response times. */
function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
