/**
 * The programmatic entry: start a sandbox, get its URL and key, close it when done. Tests, benchmarks, the demo
 * and `npm run sandbox` all start it through here. Options left out come from the environment, then defaults.
 */
import type { AddressInfo } from 'node:net';
import type { Organization } from '../src/contract/assumed';
import { settingsFromEnv } from './config';
import { DeliveryEngine } from './delivery/delivery-engine';
import { DEFAULT_RATE_LIMIT, TokenBucketLimiter, type RateLimitConfig } from './api/rate-limiter';
import { Router } from './api/router';
import { analyticsRoutes } from './api/routes/analytics';
import { experienceRoutes } from './api/routes/experiences';
import { webhookRoutes } from './api/routes/webhooks';
import { createSandboxServer } from './api/server';
import { SandboxStore } from './state/store';

export interface SandboxOptions {
  /** 0 = any free port. Default: PORT, else 0. */
  port?: number;
  /** Default: HOST, else 127.0.0.1. */
  host?: string;
  /** Default: SANDBOX_API_KEY, else `ig_sandbox_key`. */
  apiKey?: string;
  /** Waits before attempts 2..5 (the last repeats). Default: SANDBOX_RETRY_DELAYS_MS, else 2 s, 10 s, 30 s, 60 s. */
  retryDelaysMs?: number[];
  /** Default: SANDBOX_DELIVERY_TIMEOUT_MS, else 10 000 (published). */
  deliveryTimeoutMs?: number;
  /** Default: burst 50, refill 25 every 30 s (published). `false` turns it off. */
  rateLimit?: RateLimitConfig | false;
  /** Start with the seeded store (default true). */
  seed?: boolean;
  /** This many more running experiments after the seeds, for a large account. Default: SANDBOX_RUNNING_EXPERIMENTS, else 0. */
  runningExperiments?: number;
  /**
   * false: published-only mode, an account as Intelligems offers it today: every /webhooks path answers 404 (no
   * subscriptions, no deliveries); events are only readable from the list's `history`. Default: SANDBOX_WEBHOOK_API
   * (`on` or `off`), else true.
   */
  webhookApi?: boolean;
  /** The clock for timestamps and the rate limit (retry waits use real time). Default: Date.now. */
  now?: () => number;
  /** The rate limiter's own clock, so a benchmark can space polls by minutes in a second. Default: `now`. */
  rateLimitNow?: () => number;
  /** One line per request and per delivery attempt (main.ts passes one when SANDBOX_LOG=1). */
  log?: (line: string) => void;
}

export interface RunningSandbox {
  /** http://HOST:PORT, no trailing slash: what INTELLIGEMS_API_URL should be. */
  url: string;
  apiKey: string;
  host: string;
  port: number;
  organization: Organization;
  /** False in published-only mode: no /webhooks path exists. */
  webhookApi: boolean;
  /** Direct access to the state, for tests that set something up or check it without an HTTP call. */
  store: SandboxStore;
  /** Delivery logs and progress events (`attempt`, `settled`). */
  deliveries: DeliveryEngine;
  /** Resolves once no delivery is pending or in flight. */
  settled(): Promise<void>;
  /** Stops deliveries and retries, closes every connection, and frees the port. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const env = settingsFromEnv();
  const now = options.now ?? Date.now;
  const host = options.host ?? env.host;
  const apiKey = options.apiKey ?? env.apiKey;
  const rateLimit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const webhookApi = options.webhookApi ?? env.webhookApi;

  const store = new SandboxStore({ seed: options.seed ?? true, now: now(), runningExperiments: options.runningExperiments ?? env.runningExperiments });
  const deliveries = new DeliveryEngine({
    retryDelaysMs: options.retryDelaysMs ?? env.retryDelaysMs,
    timeoutMs: options.deliveryTimeoutMs ?? env.deliveryTimeoutMs,
    now,
    organization: store.organization,
    actor: store.actor,
  });
  if (options.log) {
    const log = options.log;
    deliveries.on('attempt', (record, attempt) =>
      log(`delivery ${record.id} ${record.event} → ${record.url}: attempt ${record.attempts.length} ${attempt.error ?? `HTTP ${attempt.statusCode}`}`),
    );
  }
  const server = createSandboxServer({
    // Without the webhook routes, every /webhooks path is an unknown route: 404, as on a real account today.
    router: new Router([...experienceRoutes, ...analyticsRoutes, ...(webhookApi ? webhookRoutes : [])]),
    store,
    deliveries,
    limiter: rateLimit ? { bucket: new TokenBucketLimiter(rateLimit), config: rateLimit, now: options.rateLimitNow ?? now } : null,
    apiKey,
    now,
    log: options.log,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? env.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    apiKey,
    host,
    port,
    organization: store.organization,
    webhookApi,
    store,
    deliveries,
    settled: () => deliveries.settled(),
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        deliveries.close();
        store.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}
