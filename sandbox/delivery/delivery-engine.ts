/**
 * Turns lifecycle events into signed deliveries and keeps trying, the way Intelligems does: every subscription
 * gets its own delivery with its own retry loop, so a slow or dead receiver never holds up another, and no API
 * call waits on a delivery. Each delivery is built and signed once; every attempt re-sends the identical bytes,
 * signature and delivery id.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { DELIVERY_HEADERS, DELIVERY_USER_AGENT, deliveryBodySchema, type DeliveryBody, type EventName, type Organization } from '../../src/contract/assumed';
import type { Experience } from '../../src/contract/published';
import { sign } from '../../src/webhook/signature';
import { attemptDelivery, type AttemptOutcome } from './delivery-attempt';
import { SandboxError } from '../errors';
import type { StoredWebhook } from '../state/store';

/** One event to deliver: what happened, when, and the experience as a delivery shows it. */
export interface DeliveryEvent {
  action: EventName;
  timestamp: number;
  experience: Experience;
}

/** Published: at most 5 attempts per event and subscription. */
export const MAX_ATTEMPTS = 5;
/** Waits before attempts 2, 3, 4 and 5 (the last repeats if fewer are given). */
export const DEFAULT_RETRY_DELAYS_MS = [2_000, 10_000, 30_000, 60_000];
/** Published: an attempt must be answered within 10 seconds. */
export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
/** Each wait is stretched or shrunk by up to this share, so retries from many events do not arrive in lockstep. */
export const RETRY_JITTER = 0.2;

/**
 * The log is bounded, so a long-running sandbox gives memory back: per webhook, the newest deliveries; per delivery,
 * the newest attempts; and once a delivery is settled, a body longer than MAX_KEPT_BODY_CHARS is kept shortened
 * (it can then no longer be redelivered, which needs the exact bytes).
 */
export const MAX_LOGGED_DELIVERIES = 50;
export const MAX_LOGGED_ATTEMPTS = 20;
export const MAX_KEPT_BODY_CHARS = 16 * 1024;

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface DeliveryAttemptRecord {
  at: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryRecord {
  /** The `X-Intelligems-Delivery` header value. */
  id: string;
  webhookId: string;
  event: string;
  state: DeliveryState;
  createdAtTs: number;
  attempts: DeliveryAttemptRecord[];
  /** The exact bytes sent on every attempt, and their signature; shortened once settled when too long to keep. */
  body: string;
  bodyShortened: boolean;
  signature: string;
  url: string;
}

/** A delivery as `GET /webhooks/{id}/deliveries` shows it. */
export function publicDelivery(record: DeliveryRecord) {
  return { id: record.id, event: record.event, state: record.state, createdAtTs: record.createdAtTs, attempts: record.attempts.map((a) => ({ ...a })) };
}

export interface DeliveryEngineOptions {
  retryDelaysMs: number[];
  timeoutMs: number;
  now: () => number;
  organization: Organization;
  actor: { email: string; name: string } | null;
  /** 0..1; defaults to Math.random. */
  random?: () => number;
}

export interface DeliveryEngineEvents {
  attempt: [record: DeliveryRecord, attempt: DeliveryAttemptRecord];
  settled: [record: DeliveryRecord];
}

export class DeliveryEngine extends EventEmitter<DeliveryEngineEvents> {
  private readonly logs = new Map<string, DeliveryRecord[]>();
  /** Pending waits between attempts, and attempts in flight: what close() must cut short. */
  private readonly waits = new Map<NodeJS.Timeout, () => void>();
  private readonly attemptsInFlight = new Set<AbortController>();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly options: DeliveryEngineOptions) {
    super();
    if (options.retryDelaysMs.length === 0 || options.retryDelaysMs.some((d) => !(d >= 0))) {
      throw new RangeError(`retryDelaysMs needs at least one delay of 0 ms or more (got ${JSON.stringify(options.retryDelaysMs)}).`);
    }
    if (!(options.timeoutMs > 0)) throw new RangeError(`deliveryTimeoutMs must be more than 0 (got ${options.timeoutMs}).`);
  }

  /** One delivery per subscription, each on its own retry loop. Returns at once. */
  publish(event: DeliveryEvent, webhooks: ReadonlyArray<StoredWebhook>): DeliveryRecord[] {
    const body = this.buildBody(event);
    return webhooks.map((webhook) => {
      const record = this.record(webhook, event.action, body);
      void this.track(this.deliverWithRetries(record));
      return record;
    });
  }

  /** "Test the webhook connection": one signed sample delivery, one attempt, and how it went. */
  async test(webhook: StoredWebhook, event: DeliveryEvent): Promise<DeliveryRecord> {
    const record = this.record(webhook, event.action, this.buildBody(event, { test: true }));
    await this.track(this.attemptOnce(record));
    return record;
  }

  /** One more attempt of a finished delivery, same id, body and signature. Returns at once. */
  redeliver(webhookId: string, deliveryId: string): DeliveryRecord {
    const record = this.log(webhookId).find((d) => d.id === deliveryId);
    if (!record) throw new SandboxError(404, 'not_found', `Delivery “${deliveryId}” of webhook “${webhookId}” was not found.`);
    if (record.bodyShortened) {
      throw new SandboxError(
        409,
        'conflict',
        `Delivery “${deliveryId}” had a body longer than ${MAX_KEPT_BODY_CHARS} characters, which the sandbox does not keep once a delivery is settled. Trigger the event again instead.`,
      );
    }
    if (record.state === 'pending') {
      throw new SandboxError(
        409,
        'conflict',
        `Delivery “${deliveryId}” is still being delivered (${record.attempts.length} of ${MAX_ATTEMPTS} attempts made). Wait until it is delivered or failed.`,
      );
    }
    record.state = 'pending';
    void this.track(this.attemptOnce(record));
    return record;
  }

  /** Newest first, at most MAX_LOGGED_DELIVERIES. The records are live: their attempts grow as deliveries proceed. */
  log(webhookId: string): DeliveryRecord[] {
    return [...(this.logs.get(webhookId) ?? [])].reverse();
  }

  /** A removed subscription gets no further attempts. */
  forget(webhookId: string): void {
    this.logs.delete(webhookId);
  }

  /** Resolves once no delivery is pending or in flight (tests and the demo wait on it). */
  settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops every retry and aborts attempts in flight. */
  close(): void {
    this.closed = true;
    for (const [timer, resolve] of this.waits) {
      clearTimeout(timer);
      resolve();
    }
    this.waits.clear();
    for (const controller of this.attemptsInFlight) controller.abort();
    this.removeAllListeners();
  }

  private buildBody(event: DeliveryEvent, extra: Record<string, unknown> = {}): string {
    const body: DeliveryBody = {
      action: event.action,
      timestamp: event.timestamp,
      experience: event.experience,
      organization: this.options.organization,
      triggeredBy: this.options.actor,
      ...extra,
    };
    // The contract's own schema guards what the app will parse: a sandbox bug shows here, not as a confusing rejection.
    deliveryBodySchema.parse(body);
    return JSON.stringify(body);
  }

  private record(webhook: StoredWebhook, event: string, body: string): DeliveryRecord {
    const record: DeliveryRecord = {
      id: `dlv_${randomUUID()}`,
      webhookId: webhook.id,
      event,
      state: 'pending',
      createdAtTs: this.options.now(),
      attempts: [],
      body,
      bodyShortened: false,
      signature: sign(webhook.secret, body),
      url: webhook.url,
    };
    const log = this.logs.get(webhook.id) ?? [];
    log.push(record);
    // The oldest leave the log; one still being retried finishes its attempts all the same.
    if (log.length > MAX_LOGGED_DELIVERIES) log.splice(0, log.length - MAX_LOGGED_DELIVERIES);
    this.logs.set(webhook.id, log);
    return record;
  }

  private async deliverWithRetries(record: DeliveryRecord): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) await this.wait(this.delayBefore(attempt));
      if (this.stopped(record)) return;
      const outcome = await this.send(record);
      if (this.stopped(record)) return;
      if (outcome.ok || attempt === MAX_ATTEMPTS) return this.finish(record, outcome.ok);
    }
  }

  private async attemptOnce(record: DeliveryRecord): Promise<void> {
    const outcome = await this.send(record);
    if (!this.stopped(record)) this.finish(record, outcome.ok);
  }

  private finish(record: DeliveryRecord, ok: boolean): void {
    record.state = ok ? 'delivered' : 'failed';
    if (record.body.length > MAX_KEPT_BODY_CHARS) {
      record.body = `${record.body.slice(0, MAX_KEPT_BODY_CHARS)}…`;
      record.bodyShortened = true;
    }
    this.emit('settled', record);
  }

  private async send(record: DeliveryRecord): Promise<AttemptOutcome> {
    const at = this.options.now();
    const controller = new AbortController();
    this.attemptsInFlight.add(controller);
    const outcome = await attemptDelivery({
      url: record.url,
      body: record.body,
      timeoutMs: this.options.timeoutMs,
      signal: controller.signal,
      headers: {
        'Content-Type': 'application/json',
        [DELIVERY_HEADERS.signature]: record.signature,
        [DELIVERY_HEADERS.event]: record.event,
        [DELIVERY_HEADERS.delivery]: record.id,
        'User-Agent': DELIVERY_USER_AGENT,
      },
    }).finally(() => this.attemptsInFlight.delete(controller));
    if (this.closed) return outcome;
    const attempt = { at, statusCode: outcome.statusCode, error: outcome.error, durationMs: outcome.durationMs };
    record.attempts.push(attempt);
    if (record.attempts.length > MAX_LOGGED_ATTEMPTS) record.attempts.splice(0, record.attempts.length - MAX_LOGGED_ATTEMPTS);
    this.emit('attempt', record, attempt);
    return outcome;
  }

  /** The configured wait before this attempt, with jitter. */
  private delayBefore(attempt: number): number {
    const delays = this.options.retryDelaysMs;
    const base = delays[Math.min(attempt - 2, delays.length - 1)];
    const random = this.options.random ?? Math.random;
    return Math.round(base * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
  }

  private stopped(record: DeliveryRecord): boolean {
    return this.closed || !this.logs.has(record.webhookId);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waits.delete(timer);
        resolve();
      }, ms);
      // close() resolves it early, so the loop sees `closed` and ends instead of hanging.
      this.waits.set(timer, resolve);
    });
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight++;
    return work.finally(() => {
      this.inFlight--;
      if (this.inFlight === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    });
  }
}
