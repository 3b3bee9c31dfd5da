/**
 * A local stand-in for hooks.zapier.com. Each Zap gets its own catch URL. A request to it is answered 200 at once,
 * as Zapier does, and then handed to the trigger's real `perform` through zapier-platform-core's app tester with
 * the bundle Zapier builds for a hook: `rawRequest.content` the body string, headers other than Content-Type and
 * Content-Length prefixed `Http-` and Camel-Cased, `cleanedRequest` the parsed body, `subscribeData` what
 * `performSubscribe` returned. What the Zap got (items, nothing, or a rejection) is reported as a HookRun.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppTester } from 'zapier-platform-core';
import App from '../../src/index';
import { DELIVERY_HEADERS } from '../../src/contract/assumed';
import { INVALID_TARGET_MESSAGE, readBody, requestUrl } from '../http-io';

/** The app tester, loosely typed: the bundle here is the one Zapier sends, not core's test-bundle type. */
export type AppRunner = (method: (z: never, bundle: never) => unknown, bundle: Record<string, unknown>) => Promise<unknown>;

export interface HookTriggerOperation {
  perform: (z: never, bundle: never) => unknown;
  performSubscribe: (z: never, bundle: never) => unknown;
  performUnsubscribe: (z: never, bundle: never) => unknown;
  performList?: (z: never, bundle: never) => unknown;
  sample?: Record<string, unknown>;
}

export interface ZapSettings {
  triggerKey: string;
  authData: Record<string, string>;
  inputData?: Record<string, unknown>;
}

export interface HookZap extends Required<ZapSettings> {
  id: string;
  /** The URL Zapier would hand `performSubscribe` as `bundle.targetUrl`. */
  targetUrl: string;
  /** Set once the Zap is turned on: what `performSubscribe` returned. */
  subscribeData?: unknown;
}

export type HookOutcome = 'triggered' | 'ignored' | 'halted' | 'error' | 'refused';

export interface HookRun {
  zapId: string;
  triggerKey: string;
  /** `X-Intelligems-Delivery` of the request, when it had one. */
  deliveryId: string | undefined;
  event: string | undefined;
  /** What the receiver answered the sender. */
  answeredStatus: number;
  /** triggered: the Zap ran with `items`; ignored: perform returned []; halted/error: perform threw `message`; refused: answered non-2xx without running. */
  outcome: HookOutcome;
  items: Array<Record<string, unknown>>;
  message?: string;
  /** The bundle perform was given (for tests that check how it was built). */
  bundle?: Record<string, unknown>;
}

export interface HookReceiverEvents {
  run: [run: HookRun];
}

export interface ZapierHookReceiver extends EventEmitter<HookReceiverEvents> {
  url: string;
  /** Runs any app method (performSubscribe, performList…) with the same app tester, so they share z.cache. */
  runApp: AppRunner;
  trigger(key: string): HookTriggerOperation;
  addZap(settings: ZapSettings): HookZap;
  /** A removed Zap's URL answers 410 Gone, as Zapier's does once a Zap is off. */
  removeZap(id: string): void;
  /** Answer the next `count` requests to this Zap with `status` without running it (Zapier having a bad moment). */
  failNext(zapId: string, count: number, status?: number): void;
  runs: HookRun[];
  /** The next run matching `predicate` (already recorded or still to come), or a rejection after `timeoutMs`. */
  waitForRun(predicate: (run: HookRun) => boolean, timeoutMs?: number): Promise<HookRun>;
  /** Resolves once every accepted request has finished running. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Zapier passes these two as they are; every other header becomes `Http-` + Camel-Case. */
const UNPREFIXED = new Set(['content-type', 'content-length']);

function camelCaseHeader(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

export function zapierHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = UNPREFIXED.has(name.toLowerCase()) ? camelCaseHeader(name) : `Http-${camelCaseHeader(name)}`;
    out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The parsed body, as Zapier's `cleanedRequest`; a body that is not JSON is handed over as text. */
function cleaned(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

export async function startZapierHookReceiver(options: { app?: object; host?: string; port?: number } = {}): Promise<ZapierHookReceiver> {
  const app = (options.app ?? App) as { triggers: Record<string, { operation: HookTriggerOperation }> };
  const runApp = createAppTester(app) as unknown as AppRunner;
  const zaps = new Map<string, HookZap>();
  const removed = new Set<string>();
  const failures = new Map<string, { count: number; status: number }>();
  const runs: HookRun[] = [];
  const pending = new Set<Promise<void>>();
  const emitter = new EventEmitter<HookReceiverEvents>();

  const trigger = (key: string): HookTriggerOperation => {
    const found = app.triggers[key]?.operation;
    if (!found || typeof found.perform !== 'function') throw new Error(`The app has no hook trigger “${key}”.`);
    return found;
  };

  const record = (run: HookRun) => {
    runs.push(run);
    emitter.emit('run', run);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = requestUrl(req, 'http://hooks.invalid');
    if (url === null) {
      reply(400, { status: 'error', message: INVALID_TARGET_MESSAGE });
      return;
    }
    const zapId = /^\/hooks\/catch\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    const zap = zapId ? zaps.get(zapId) : undefined;
    const content = await readBody(req);
    if (!zap) {
      reply(zapId && removed.has(zapId) ? 410 : 404, {
        status: 'error',
        message: zapId && removed.has(zapId) ? 'This Zap is turned off.' : 'No Zap listens here.',
      });
      return;
    }
    const deliveryId = firstValue(req.headers[DELIVERY_HEADERS.delivery.toLowerCase()]);
    const event = firstValue(req.headers[DELIVERY_HEADERS.event.toLowerCase()]);
    const base = { zapId: zap.id, triggerKey: zap.triggerKey, deliveryId, event };

    const failure = failures.get(zap.id);
    if (failure && failure.count > 0) {
      failure.count--;
      reply(failure.status, { status: 'error', message: 'Temporarily unavailable.' });
      record({ ...base, answeredStatus: failure.status, outcome: 'refused', items: [] });
      return;
    }

    // Zapier answers before the Zap runs: the sender never waits on the app.
    const requestId = randomUUID();
    reply(200, { attempt: requestId, id: randomUUID(), request_id: requestId, status: 'success' });

    const bundle: Record<string, unknown> = {
      authData: zap.authData,
      inputData: zap.inputData,
      inputDataRaw: zap.inputData,
      meta: {
        isLoadingSample: false,
        isFillingDynamicDropdown: false,
        isTestingAuth: false,
        isPopulatingDedupe: false,
        limit: -1,
        page: 0,
        zap: { id: zap.id },
      },
      targetUrl: zap.targetUrl,
      subscribeData: zap.subscribeData,
      rawRequest: { method: req.method ?? 'POST', querystring: url.search.replace(/^\?/, ''), headers: zapierHeaders(req.headers), content },
      cleanedRequest: cleaned(content),
    };
    try {
      const result = await runApp(trigger(zap.triggerKey).perform, bundle);
      const items = Array.isArray(result) ? (result as Array<Record<string, unknown>>) : [];
      record({ ...base, answeredStatus: 200, outcome: items.length > 0 ? 'triggered' : 'ignored', items, bundle });
    } catch (error) {
      const name = (error as Error).name;
      record({ ...base, answeredStatus: 200, outcome: name === 'HaltedError' ? 'halted' : 'error', items: [], message: (error as Error).message, bundle });
    }
  };

  const server = http.createServer((req, res) => {
    const work = handle(req, res).catch((error: Error) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status: 'error', message: error.message }));
      }
    });
    pending.add(work);
    void work.finally(() => pending.delete(work));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const base = `http://${host}:${(server.address() as AddressInfo).port}`;

  return Object.assign(emitter, {
    url: base,
    runApp,
    trigger,
    runs,
    addZap(settings: ZapSettings): HookZap {
      trigger(settings.triggerKey);
      const id = randomUUID().replace(/-/g, '').slice(0, 12);
      const zap: HookZap = {
        id,
        triggerKey: settings.triggerKey,
        authData: settings.authData,
        inputData: settings.inputData ?? {},
        targetUrl: `${base}/hooks/catch/${id}/`,
      };
      zaps.set(id, zap);
      return zap;
    },
    removeZap(id: string) {
      if (zaps.delete(id)) removed.add(id);
    },
    failNext(zapId: string, count: number, status = 503) {
      failures.set(zapId, { count, status });
    },
    waitForRun(predicate: (run: HookRun) => boolean, timeoutMs = 5_000): Promise<HookRun> {
      const already = runs.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<HookRun>((resolve, reject) => {
        const timer = setTimeout(() => {
          emitter.off('run', listener);
          reject(new Error(`No matching Zap run arrived within ${timeoutMs} ms.`));
        }, timeoutMs);
        const listener = (run: HookRun) => {
          if (!predicate(run)) return;
          clearTimeout(timer);
          emitter.off('run', listener);
          resolve(run);
        };
        emitter.on('run', listener);
      });
    },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  });
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
