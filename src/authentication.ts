import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { apiClient } from './api/client';
import { KEY_HELP } from './api/failure';

/** What the connection test returns; Zapier keeps it as the connection's `inputData`, and the label reads it. */
export interface AuthTestResult {
  /** From the first experience listed: no published call names the organization itself (docs/connection.md). */
  organizationId: string | null;
  /** Whether the account has any experience at all, so an empty account is labelled as such. */
  hasExperiences: boolean;
}

/**
 * An account-wide signing secret shorter than this is refused at the connection test: deliveries are accepted when
 * signed with it, so a short one (or `" "`) would let anyone who guesses it start Zaps.
 */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

const WEBHOOK_SECRET_HELP =
  'Paste the whole secret from the Intelligems app (**Settings → Webhooks**), or leave the field empty: each Zap then gets its own secret automatically.';

/** Why the entered Webhook Signing Secret cannot be used, or null when it can (or none was entered). */
export function webhookSecretProblem(raw: unknown): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  // A mapped or typed value of any kind: its text form is what the user entered.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  const secret = String(raw).trim();
  if (secret === '') return `The Webhook Signing Secret holds only spaces or line breaks. ${WEBHOOK_SECRET_HELP}`;
  if (secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
    return `The Webhook Signing Secret is too short: it has ${secret.length} characters and needs at least ${MIN_WEBHOOK_SECRET_LENGTH}, or anyone could guess it and sign fake deliveries. ${WEBHOOK_SECRET_HELP}`;
  }
  return null;
}

/**
 * The account-wide Webhook Signing Secret as deliveries are verified with it: trimmed, since a pasted secret often
 * brings a space or a line break along and would then fail every genuine delivery. A secret the connection test
 * would refuse (blank, or too short to trust: a connection made before that test existed) verifies nothing.
 */
export function accountWebhookSecret(authData: Bundle['authData'] | undefined): string | undefined {
  const raw = authData?.webhookSecret;
  if (typeof raw !== 'string' || raw === '' || webhookSecretProblem(raw) !== null) return undefined;
  return raw.trim();
}

/** The auth test: the entered values first, then one cheap authenticated call. Its result feeds the connection label. */
export async function testAuth(z: ZObject, bundle: Bundle): Promise<AuthTestResult> {
  if (String(bundle.authData?.apiKey ?? '').trim() === '') {
    throw new z.errors.Error(`Enter your Intelligems API key. ${KEY_HELP}`, 'MissingApiKey');
  }
  const secretProblem = webhookSecretProblem(bundle.authData?.webhookSecret);
  if (secretProblem !== null) throw new z.errors.Error(secretProblem, 'InvalidWebhookSecret');
  const experiences = await apiClient(z, bundle).listExperiences({ limit: 1 }, 'testing the connection');
  return { organizationId: experiences[0]?.organizationId ?? null, hasExperiences: experiences.length > 0 };
}

/**
 * Names the organization, never the key. Zapier shows it after the app's name, "Intelligems (organization …)", so
 * it does not repeat "Intelligems". An empty account says so, which also flags a key pasted from the wrong store.
 */
export function connectionLabel(_z: ZObject, bundle: Bundle): Promise<string> {
  const organizationId = bundle.inputData?.organizationId;
  const hasExperiences = bundle.inputData?.hasExperiences;
  if (typeof organizationId === 'string' && organizationId.trim() !== '') return Promise.resolve(`organization ${organizationId.trim()}`);
  return Promise.resolve(hasExperiences === false ? 'no experiences yet' : '');
}

export const authentication = {
  type: 'custom',
  fields: [
    {
      key: 'apiKey',
      label: 'API Key',
      type: 'password',
      required: true,
      helpText: 'Your Intelligems External API key. Create one in the Intelligems app under **Integrations → Intelligems External API**, then paste it here.',
    },
    {
      key: 'webhookSecret',
      label: 'Webhook Signing Secret',
      type: 'password',
      required: false,
      helpText: `Optional. Only if your Intelligems account signs webhooks with one account-wide secret (shown in the Intelligems app under **Settings → Webhooks**; at least ${MIN_WEBHOOK_SECRET_LENGTH} characters). Each Zap otherwise gets its own secret automatically.`,
    },
  ],
  test: testAuth,
  connectionLabel,
} satisfies Authentication;
