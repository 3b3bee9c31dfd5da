/** Webhook subscriptions (assumed contract), their delivery logs, redelivery and the connection test. */
import { createWebhookRequestSchema } from '../../../src/contract/assumed';
import type { Experience } from '../../../src/contract/published';
import { SAMPLE_EXPERIENCE } from '../../../src/items/sample-data';
import { publicDelivery } from '../../delivery/delivery-engine';
import { SandboxError, validationFailed } from '../../errors';
import type { Route } from '../router';
import { detailView } from '../../state/history';
import { publicWebhook, type SandboxStore } from '../../state/store';

/** The test delivery shows a real experience of the store when there is one, else the app's own sample. */
function sampleExperience(store: SandboxStore): Experience {
  const found = store.listExperiences({ status: 'started' })[0] ?? store.listExperiences()[0];
  return found ? detailView(found) : SAMPLE_EXPERIENCE;
}

export const webhookRoutes: Route[] = [
  {
    method: 'POST',
    path: '/webhooks',
    handle: async ({ body, store, now }) => {
      const parsed = createWebhookRequestSchema.safeParse(await body());
      if (!parsed.success) throw validationFailed('webhook', parsed.error);
      const protocol = new URL(parsed.data.url).protocol;
      if (protocol !== 'http:' && protocol !== 'https:') {
        throw new SandboxError(400, 'validation_failed', `Invalid webhook: url: must be an http or https URL (got ${protocol}).`);
      }
      const webhook = store.addWebhook({ ...parsed.data, events: [...new Set(parsed.data.events)] }, now());
      return { status: 201, body: { webhook: publicWebhook(webhook) } };
    },
  },
  {
    method: 'GET',
    path: '/webhooks',
    handle: ({ store }) => ({ status: 200, body: { webhooks: store.listWebhooks().map(publicWebhook) } }),
  },
  {
    method: 'GET',
    path: '/webhooks/{webhookId}',
    handle: ({ params, store }) => ({ status: 200, body: { webhook: publicWebhook(store.requireWebhook(params.webhookId)) } }),
  },
  {
    method: 'DELETE',
    path: '/webhooks/{webhookId}',
    handle: ({ params, store, deliveries }) => {
      store.requireWebhook(params.webhookId);
      store.deleteWebhook(params.webhookId);
      deliveries.forget(params.webhookId);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/webhooks/{webhookId}/deliveries',
    handle: ({ params, store, deliveries }) => {
      store.requireWebhook(params.webhookId);
      return { status: 200, body: { deliveries: deliveries.log(params.webhookId).map(publicDelivery) } };
    },
  },
  {
    method: 'POST',
    path: '/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
    handle: ({ params, store, deliveries }) => {
      store.requireWebhook(params.webhookId);
      const record = deliveries.redeliver(params.webhookId, params.deliveryId);
      return { status: 202, body: { delivery: publicDelivery(record) } };
    },
  },
  {
    method: 'POST',
    path: '/webhooks/{webhookId}/test',
    handle: async ({ params, store, deliveries, now }) => {
      const webhook = store.requireWebhook(params.webhookId);
      const record = await deliveries.test(webhook, { action: webhook.events[0], timestamp: now(), experience: sampleExperience(store) });
      const last = record.attempts.at(-1);
      const message =
        record.state === 'delivered'
          ? `The test delivery to ${webhook.url} was accepted (HTTP ${last?.statusCode}).`
          : `The test delivery to ${webhook.url} failed: ${last?.error ?? 'no attempt was made'}.`;
      return { status: 200, body: { ok: record.state === 'delivered', message, delivery: publicDelivery(record) } };
    },
  },
];
