/**
 * Which way experience events can reach Zaps on the account checked: whether it offers webhook subscriptions through
 * the API (`GET /webhooks` answers, or 404 as on accounts today: Intelligems publishes no webhook path), whether its
 * list items carry `history`, and so which triggers to use, the instant ones or the polling ones.
 */
import { webhookPaths } from '../../src/contract/assumed';
import type { ApiCaller } from './api-call';
import type { HistoryPresence } from './list-checks';
import { isSuccess } from './verdict';

export type WebhookApi = 'available' | 'absent' | 'unknown';

export interface WebhookProbe {
  webhookApi: WebhookApi;
  /** What the probe saw, in words: the request and its status. */
  seen: string;
}

export interface EventRoute {
  webhookSubscriptions: WebhookApi;
  history: HistoryPresence;
  triggers: 'instant' | 'polling';
  /** What to do, in a sentence or two a person can act on. */
  advice: string;
}

/**
 * One instant trigger and its polling twin, to name in the advice by the labels a user sees in Zapier, keys after
 * them (every event has both: `<key>`, labelled “… (Webhook)”, and `<key>_poll`). The tools cannot import the
 * trigger table (operations are leaves); test/tools/check-contract.test.ts holds these to the app's definition.
 */
export const EXAMPLE_INSTANT = { label: 'Experience Started (Webhook)', key: 'experience_started' } as const;
export const EXAMPLE_POLLING = { label: 'Experience Started', key: 'experience_started_poll' } as const;

/** `GET /webhooks`: 2xx means the API exists, 404 or 405 that it does not (what the instant triggers read it as too). */
export async function probeWebhookApi(call: ApiCaller): Promise<WebhookProbe> {
  const request = `GET ${webhookPaths.collection()}`;
  const answer = await call('GET', webhookPaths.collection());
  if (isSuccess(answer)) return { webhookApi: 'available', seen: `${request} answered HTTP ${answer.status}` };
  if (answer.status === 404 || answer.status === 405) return { webhookApi: 'absent', seen: `${request} answered HTTP ${answer.status}` };
  return { webhookApi: 'unknown', seen: `${request} answered HTTP ${answer.status}` };
}

export function eventRoute(webhookApi: WebhookApi, history: HistoryPresence, seen: string): EventRoute {
  const triggers = webhookApi === 'available' ? 'instant' : 'polling';
  const pollingNames = `“${EXAMPLE_POLLING.label}” and the others without “(Webhook)” in their label; keys ${EXAMPLE_POLLING.key} and the other *_poll keys`;
  const polling = `the polling triggers (${pollingNames}), which check every few minutes and work on every account`;
  const advice = {
    available: `This account offers webhook subscriptions through its API (${seen}): use the instant triggers (“${EXAMPLE_INSTANT.label}” and the others marked “(Webhook)”; keys ${EXAMPLE_INSTANT.key} and the like), which subscribe by themselves and run within seconds. The polling triggers (${pollingNames}) work here too.`,
    absent: `This account does not offer webhook subscriptions through its API (${seen}): use ${polling}. The instant triggers would refuse to turn on here, naming the polling trigger to use.`,
    unknown: `Whether this account offers webhook subscriptions could not be told (${seen}): use ${polling}.`,
  }[webhookApi];
  const historyNote =
    history === 'absent' || history === 'partial'
      ? ` Items of this account's list ${history === 'absent' ? 'carry no' : 'do not all carry'} history, so the polling triggers see no updates and cannot always say who acted.`
      : '';
  return { webhookSubscriptions: webhookApi, history, triggers, advice: `${advice}${historyNote}` };
}
