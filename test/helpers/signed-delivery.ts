/**
 * Builds a valid, signed delivery exactly as Zapier hands it to a hook's perform. Tests start from this and
 * break one thing at a time.
 */
import { sign } from '../../src/webhook/signature';
import { zapierHeaders as renameAsZapier } from '../../sandbox/zapier/zapier-hook-receiver';
import { SAMPLE_EXPERIENCE, SAMPLE_ORGANIZATION } from '../../src/items/sample-data';

export const SUBSCRIPTION_SECRET = 'b7e1f0c2d3a4958676a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3';
export const ACCOUNT_SECRET = 'account-wide-signing-secret-from-intelligems-settings';
export const API_KEY = 'ig_test_key_5f2a9c';

export interface DeliveryOptions {
  /** An event name, or any other text a hostile or future delivery may carry. */
  action?: string;
  timestamp?: number;
  body?: Record<string, unknown>;
  secret?: string;
}

export function deliveryBody(options: DeliveryOptions = {}): Record<string, unknown> {
  return {
    action: options.action ?? 'startExperience',
    timestamp: options.timestamp ?? Date.now() - 1000,
    experience: SAMPLE_EXPERIENCE,
    organization: SAMPLE_ORGANIZATION,
    triggeredBy: { email: 'jane@acme.example', name: 'Jane Doe' },
    ...options.body,
  };
}

/** The raw body and Intelligems' headers, as sent over the wire. */
export function signedRequest(options: DeliveryOptions = {}) {
  const content = JSON.stringify(deliveryBody(options));
  return {
    content,
    headers: {
      'X-Intelligems-Signature': sign(options.secret ?? SUBSCRIPTION_SECRET, content),
      'X-Intelligems-Event': String(options.action ?? 'startExperience'),
      'X-Intelligems-Delivery': 'dlv_0001',
    },
  };
}

/** The headers as Zapier hands them to perform (one implementation of its renaming: the local hook receiver's). */
export function zapierHeaders(headers: Record<string, string>): Record<string, string> {
  return renameAsZapier({ 'content-type': 'application/json', ...headers });
}

/** The bundle Zapier builds for a hook trigger's perform. */
export function hookBundle(request: { content: string; headers: Record<string, string> }, overrides: Record<string, unknown> = {}) {
  let cleaned: unknown = {};
  try {
    cleaned = JSON.parse(request.content);
  } catch {
    cleaned = {};
  }
  return {
    authData: { apiKey: API_KEY },
    inputData: {},
    subscribeData: { id: 'wh_123', secret: SUBSCRIPTION_SECRET, events: ['startExperience'] },
    targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc/',
    rawRequest: { method: 'POST', querystring: '', headers: zapierHeaders(request.headers), content: request.content },
    cleanedRequest: cleaned,
    ...overrides,
  };
}
