import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { apiClient } from './api/client';
import { KEY_HELP } from './api/failure';

/** The auth test: one cheap authenticated call. Its result feeds the connection label. */
export async function testAuth(z: ZObject, bundle: Bundle): Promise<{ organizationId: string | null; experienceCount: number }> {
  if (String(bundle.authData?.apiKey ?? '').trim() === '') {
    throw new z.errors.Error(`Enter your Intelligems API key. ${KEY_HELP}`, 'MissingApiKey');
  }
  const experiences = await apiClient(z, bundle).listExperiences({ limit: 1 }, 'testing the connection');
  return { organizationId: experiences[0]?.organizationId ?? null, experienceCount: experiences.length };
}

/** Names the store, never the key. */
export async function connectionLabel(_z: ZObject, bundle: Bundle): Promise<string> {
  const organizationId = bundle.inputData?.organizationId;
  return typeof organizationId === 'string' && organizationId.length > 0 ? `Intelligems organization ${organizationId}` : 'Intelligems';
}

export const authentication = {
  type: 'custom',
  fields: [
    {
      key: 'apiKey',
      label: 'API Key',
      type: 'password',
      required: true,
      helpText:
        'Your Intelligems External API key. Create one in the Intelligems app under **Integrations → Intelligems External API**, then paste it here.',
    },
    {
      key: 'webhookSecret',
      label: 'Webhook Signing Secret',
      type: 'password',
      required: false,
      helpText:
        'Optional. Only if your Intelligems account signs webhooks with one account-wide secret (shown in the Intelligems app under **Settings → Webhooks**). Each Zap otherwise gets its own secret automatically.',
    },
  ],
  test: testAuth,
  connectionLabel,
} satisfies Authentication;
