/** Turning a Zap on and off: one Intelligems webhook per Zap, each with its own fresh signing secret. */
import { randomBytes } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiClient, failureOf } from '../../api/client';
import { isEventName, type EventName } from '../../contract/assumed';

/** 32 random bytes: as strong as the HMAC-SHA256 key can use. */
export const SECRET_BYTES = 32;

/** What Zapier stores for the Zap and hands back as `bundle.subscribeData`. */
export interface SubscribeData {
  id: string;
  /** The secret deliveries are signed with: Intelligems' own when its answer names one, else the one we sent. */
  secret: string;
  events: EventName[];
}

export function newSigningSecret(): string {
  return randomBytes(SECRET_BYTES).toString('hex');
}

/**
 * What a user reads when the account answers POST /webhooks with 404 or 405: it offers no webhook subscriptions
 * through its API, so this instant trigger can never turn on there, and the polling twin (named by its label) works.
 */
export function noWebhookApiMessage(label: string, pollingLabel: string): string {
  return (
    `This Intelligems account does not offer webhook subscriptions through its API, so “${label}” cannot turn on. ` +
    `Use “${pollingLabel}” instead; it checks for new events every few minutes.`
  );
}

/** The statuses with which an account says it has no webhook API at all. */
const NO_WEBHOOK_API = new Set([404, 405]);

export async function subscribe(z: ZObject, bundle: Bundle, events: EventName[], trigger: { label: string; pollingLabel: string }): Promise<SubscribeData> {
  const targetUrl = bundle.targetUrl;
  if (typeof targetUrl !== 'string' || targetUrl.length === 0) {
    throw new z.errors.Error(
      'Zapier did not provide a webhook URL for this Zap, so it cannot subscribe to Intelligems. Turn the Zap off and on again.',
      'MissingTargetUrl',
    );
  }
  const secret = newSigningSecret();
  let webhook;
  try {
    // Named by the event alone ("Zapier: Experience Started"): the instant label's mark says nothing in Intelligems.
    webhook = await apiClient(z, bundle).createWebhook({ url: targetUrl, events, secret, description: `Zapier: ${trigger.pollingLabel}` });
  } catch (error) {
    const status = failureOf(error)?.status;
    if (status !== undefined && NO_WEBHOOK_API.has(status))
      throw new z.errors.Error(noWebhookApiMessage(trigger.label, trigger.pollingLabel), 'WebhooksUnavailable', status);
    throw error;
  }
  return { id: webhook.id, secret: webhook.secret ?? secret, events };
}

/**
 * What Zapier handed back as `bundle.subscribeData`, checked field by field: core types it as `{ id: string }` only,
 * and a Zap subscribed by an older version (or data Zapier lost) may lack any of it.
 */
export function storedSubscription(bundle: Bundle): { id: string | null; secret: string | null; events: EventName[] | null } {
  const data: unknown = bundle.subscribeData;
  if (typeof data !== 'object' || data === null) return { id: null, secret: null, events: null };
  const id = 'id' in data && typeof data.id === 'string' && data.id !== '' ? data.id : null;
  const secret = 'secret' in data && typeof data.secret === 'string' && data.secret !== '' ? data.secret : null;
  const events = 'events' in data && Array.isArray(data.events) ? data.events.filter(isEventName) : null;
  return { id, secret, events };
}

export async function unsubscribe(z: ZObject, bundle: Bundle): Promise<{ id: string; result: 'deleted' | 'already_gone' }> {
  const { id } = storedSubscription(bundle);
  if (id === null) {
    // Nothing was subscribed (or Zapier lost the data): there is nothing to remove, and failing would block turning the Zap off.
    z.console.log('Turning off: no Intelligems webhook id was stored for this Zap; nothing to remove.');
    return { id: '', result: 'already_gone' };
  }
  const result = await apiClient(z, bundle).deleteWebhook(id);
  return { id, result };
}
