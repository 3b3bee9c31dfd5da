/**
 * The secrets a call to Intelligems can involve, each in every form it may take, so an error that echoes one can
 * have it removed. One place, so the value sent and the value redacted cannot drift apart again.
 */
import type { Bundle } from 'zapier-platform-core';

/** The API key exactly as the middleware sends it: trimmed, since a pasted key often carries a newline. */
export function apiKeyAsSent(bundle: Pick<Bundle, 'authData'>): string {
  return String(bundle.authData?.apiKey ?? '').trim();
}

/**
 * Every secret of this bundle, plus any the caller sent itself, as stored and as used (trimmed): the API key, the
 * account Webhook Signing Secret and the Zap's own subscription secret (`subscribeData.secret`, handed to unsubscribe).
 */
export function secretsOf(bundle: Pick<Bundle, 'authData' | 'subscribeData'>, sent: ReadonlyArray<string> = []): string[] {
  const subscribeData: unknown = bundle.subscribeData;
  const subscriptionSecret = typeof subscribeData === 'object' && subscribeData !== null ? (subscribeData as { secret?: unknown }).secret : undefined;
  return inEveryForm([bundle.authData?.apiKey, bundle.authData?.webhookSecret, subscriptionSecret, ...sent]);
}

/**
 * Each string as given and trimmed, longest first: a secret that contains another is removed whole, before the
 * shorter one could cut it into pieces that would still show.
 */
function inEveryForm(values: ReadonlyArray<unknown>): string[] {
  const forms = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    forms.add(value);
    forms.add(value.trim());
  }
  return [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length);
}
