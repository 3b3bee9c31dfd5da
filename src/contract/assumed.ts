/**
 * ASSUMED parts of the Intelligems contract: Intelligems has not published how a webhook subscription is made
 * through the API, nor the exact JSON of a delivery. Everything the project assumes about them is stated here and
 * in docs/assumed-contract.md, and nowhere else, so that checking them against a real account changes one place.
 */
// A namespace import lets the app bundle (npm run build) drop the parts of zod the app never uses.
import * as z from 'zod';
import { API_VERSION_PREFIX, experienceSchema, pathSegment } from './published';

/** Intelligems' names for the six experience events (published as "Create, Start, Pause, End, Update, Delete"). */
export const EVENT_NAMES = ['createExperience', 'startExperience', 'pauseExperience', 'endExperience', 'updateExperience', 'deleteExperience'] as const;
export type EventName = (typeof EVENT_NAMES)[number];
export const eventNameSchema = z.enum(EVENT_NAMES);

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}

// ---- Webhook management API ----

export const webhookPaths = {
  collection: () => `${API_VERSION_PREFIX}/webhooks`,
  one: (id: string) => `${API_VERSION_PREFIX}/webhooks/${pathSegment(id)}`,
};

export const createWebhookRequestSchema = z.object({
  url: z.string().url(),
  events: z.array(eventNameSchema).min(1),
  secret: z.string().min(16),
  description: z.string().max(500).optional(),
});
export type CreateWebhookRequest = z.infer<typeof createWebhookRequestSchema>;

export const webhookSchema = z
  .object({
    id: z.string().min(1),
    url: z.string(),
    events: z.array(z.string()),
    createdAtTs: z.number().finite(),
    // When present, deliveries are signed with this secret instead of the one sent.
    secret: z.string().min(1).optional(),
  })
  .passthrough();
export type Webhook = z.infer<typeof webhookSchema>;

export const createWebhookResponseSchema = z.object({ webhook: webhookSchema }).passthrough();

/**
 * What the app reads of the answer to `POST /webhooks`: the new webhook's id, and the secret its deliveries are
 * signed with when the answer gives one. Nothing else: a field the app does not use never fails turning a Zap on.
 * A secret that is not text, or is empty or blank, counts as not given: deliveries are then signed with the one sent.
 */
export const createdWebhookSchema = z.object({
  webhook: z.object({
    id: z.string().min(1),
    secret: z
      .unknown()
      .optional()
      .transform((secret) => (typeof secret === 'string' && secret.trim() !== '' ? secret : undefined)),
  }),
});
export type CreatedWebhook = { id: string; secret?: string };

/** The id a `POST /webhooks` answer names, whatever else it holds: what to delete when the rest is unusable. */
export function namedWebhookId(body: unknown): string | null {
  const webhook = typeof body === 'object' && body !== null ? (body as { webhook?: unknown }).webhook : undefined;
  const id = typeof webhook === 'object' && webhook !== null ? (webhook as { id?: unknown }).id : undefined;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return typeof id === 'string' && id !== '' ? id : null;
}
export const listWebhooksResponseSchema = z.object({ webhooks: z.array(webhookSchema) }).passthrough();

// ---- A delivery ----

/** Header names as Intelligems sends them (published: the signature; assumed: the others). */
export const DELIVERY_HEADERS = {
  signature: 'X-Intelligems-Signature',
  event: 'X-Intelligems-Event',
  delivery: 'X-Intelligems-Delivery',
} as const;
export const DELIVERY_USER_AGENT = 'Intelligems-Webhooks/1.0';

export const organizationSchema = z.object({ id: z.string().min(1), name: z.string(), shopId: z.string().optional() }).passthrough();

export const triggeredBySchema = z
  .object({ email: z.string().nullable().optional(), name: z.string().nullable().optional() })
  .passthrough()
  .nullable()
  .optional();

/**
 * The delivery body as Intelligems is assumed to send it: what the sandbox sends and the tests check it against. The
 * app itself never parses a delivery with it: the tolerant reader (./read-delivery.ts) looks for this shape's keys
 * first and also takes the variants listed in docs/assumed-contract.md, so a signed body that differs still runs.
 */
export const deliveryBodySchema = z
  .object({
    // Kept as a string so an unknown future event is recognised and ignored rather than rejected as malformed.
    action: z.string().min(1),
    timestamp: z.number().finite(),
    experience: experienceSchema,
    organization: organizationSchema,
    triggeredBy: triggeredBySchema,
    // Set on the sample Intelligems sends to test a webhook (the sandbox's `POST /webhooks/{id}/test`): no Zap runs for it.
    test: z.boolean().optional(),
  })
  .passthrough();

export type Organization = z.infer<typeof organizationSchema>;
export type DeliveryBody = z.infer<typeof deliveryBodySchema>;
