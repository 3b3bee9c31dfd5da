/**
 * The assumed webhook API, tried for real: subscribe a URL that can never receive anything, list, delete, delete
 * again. Whatever happens in between, a webhook it created is deleted before it returns.
 */
import { randomBytes } from 'node:crypto';
import {
  createWebhookRequestSchema,
  createWebhookResponseSchema,
  EVENT_NAMES,
  listWebhooksResponseSchema,
  webhookPaths,
  type CreateWebhookRequest,
} from '../../src/contract/assumed';
import { visibleText } from '../../src/util/visible-text';
import type { ApiCaller, RawAnswer } from './api-call';
import type { Findings } from './assumptions';
import { safePath } from './safe-path';
import { expectShape, failedAnswer, isSuccess } from './verdict';

/** `.invalid` is reserved (RFC 2606): no delivery to it can ever arrive anywhere. */
export const CHECK_WEBHOOK_URL = 'https://example.invalid/intelligems-contract-check';
export const CHECK_WEBHOOK_DESCRIPTION = 'Intelligems for Zapier: contract check (npm run check-contract). Safe to delete.';

export interface WebhookCheckOutcome {
  /** Set when a webhook it created could not be deleted: what the person must remove by hand. */
  leftBehind?: string;
}

export function checkRequest(): CreateWebhookRequest {
  // A fresh 32-byte secret, as a Zap's own subscription sends; parsed with the app's schema, so it is sent as the app would.
  return createWebhookRequestSchema.parse({
    url: CHECK_WEBHOOK_URL,
    events: [...EVENT_NAMES],
    secret: randomBytes(32).toString('hex'),
    description: CHECK_WEBHOOK_DESCRIPTION,
  });
}

export async function checkWebhooks(call: ApiCaller, findings: Findings, request: CreateWebhookRequest, outcome: WebhookCheckOutcome): Promise<void> {
  let createdId: string | null = null;
  try {
    createdId = await checkCreate(call, findings, request);
    await checkList(call, findings, createdId);
    if (createdId === null) {
      const why = 'No webhook was created, so there was nothing to delete.';
      findings.record('webhook-delete', 'not_checked', why);
      findings.record('webhook-delete-gone', 'not_checked', why);
      return;
    }
    if (await checkDelete(call, findings, createdId)) {
      const id = createdId;
      createdId = null;
      await checkDeleteGone(call, findings, id);
    }
  } finally {
    if (createdId !== null) outcome.leftBehind = await cleanUp(call, createdId);
  }
}

async function checkCreate(call: ApiCaller, findings: Findings, request: CreateWebhookRequest): Promise<string | null> {
  const label = `POST ${webhookPaths.collection()}`;
  const answer = await call('POST', webhookPaths.collection(), { json: request });
  const judged = expectShape(answer, label, createWebhookResponseSchema);
  if (!judged.ok) {
    findings.record('webhook-create', judged.status, judged.detail);
    // Whatever the shape, a success made a webhook: its ID, if it can be found, gets it deleted in the end.
    return isSuccess(answer) ? looseWebhookId(answer.body) : null;
  }
  const { webhook } = judged.data;
  const echoed = webhook.url === request.url && sameSet(webhook.events, request.events);
  if (!echoed) {
    findings.record(
      'webhook-create',
      'differs',
      `${label} answered a webhook whose url or events are not the ones sent (events: ${webhook.events.map(visibleText).join(', ') || 'none'}).`,
    );
    return webhook.id;
  }
  const status = answer.status === 201 ? 'HTTP 201' : `HTTP ${answer.status} (assumed 201; the app accepts any 2xx)`;
  const signing =
    webhook.secret === undefined
      ? 'without a secret of its own, so deliveries are signed with the one sent'
      : 'with a secret of its own, which the app then signs with';
  findings.record('webhook-create', 'holds', `${status}: the webhook came back with its id, the url and all six events sent, ${signing}.`);
  return webhook.id;
}

async function checkList(call: ApiCaller, findings: Findings, createdId: string | null): Promise<void> {
  const label = `GET ${webhookPaths.collection()}`;
  const judged = expectShape(await call('GET', webhookPaths.collection()), label, listWebhooksResponseSchema);
  if (!judged.ok) return findings.record('webhooks-list', judged.status, judged.detail);
  const { webhooks } = judged.data;
  const withSecret = webhooks.filter((webhook) => webhook.secret !== undefined).length;
  if (withSecret > 0) {
    return findings.record(
      'webhooks-list',
      'differs',
      `${label} shows a "secret" key on ${withSecret} of ${webhooks.length} webhooks; the list was assumed never to show one.`,
    );
  }
  const ours = createdId === null ? '' : webhooks.some((webhook) => webhook.id === createdId) ? ', the new one among them' : ' (the new one is not among them)';
  findings.record('webhooks-list', 'holds', `${webhooks.length} webhook${webhooks.length === 1 ? '' : 's'}${ours}, none showing a secret.`);
}

/** True when the webhook is gone (deleted, or already gone), so no clean-up is left to do. */
async function checkDelete(call: ApiCaller, findings: Findings, id: string): Promise<boolean> {
  const path = safePath(() => webhookPaths.one(id));
  if (path === null) {
    findings.record('webhook-delete', 'differs', `The new webhook's ID “${visibleText(id)}” cannot be put in an address, so it cannot be deleted.`);
    return false;
  }
  const label = `DELETE ${path}`;
  const answer = await call('DELETE', path);
  if (answer.status === 204) {
    findings.record('webhook-delete', 'holds', `${label} answered 204.`);
    return true;
  }
  if (isSuccess(answer)) {
    findings.record('webhook-delete', 'holds', `${label} answered HTTP ${answer.status} (assumed 204; the app accepts any 2xx).`);
    return true;
  }
  const verdict = failedAnswer(answer, label);
  findings.record('webhook-delete', verdict.status, verdict.detail);
  return answer.status === 404;
}

async function checkDeleteGone(call: ApiCaller, findings: Findings, id: string): Promise<void> {
  const path = webhookPaths.one(id);
  const label = `DELETE ${path} again`;
  const answer = await call('DELETE', path);
  if (answer.status === 404) return findings.record('webhook-delete-gone', 'holds', `${label} answered 404.`);
  if (isSuccess(answer)) {
    return findings.record(
      'webhook-delete-gone',
      'differs',
      `${label} answered HTTP ${answer.status}, not 404. Turning a Zap off still works: the app treats it as deleted.`,
    );
  }
  const verdict = failedAnswer(answer, label);
  const effect = verdict.status === 'differs' ? ' Turning off a Zap whose webhook is already gone would then fail.' : '';
  findings.record('webhook-delete-gone', verdict.status, `${verdict.detail}${effect}`);
}

/** Best effort after a failed step: never throws; says what is left when the webhook is still there. */
async function cleanUp(call: ApiCaller, id: string): Promise<string | undefined> {
  const leftBehind = `The webhook this check created (id ${visibleText(id)}, url ${CHECK_WEBHOOK_URL}) could not be deleted: delete it in the Intelligems app.`;
  const path = safePath(() => webhookPaths.one(id));
  if (path === null) return leftBehind;
  let answer: RawAnswer;
  try {
    answer = await call('DELETE', path);
  } catch {
    return leftBehind;
  }
  return isSuccess(answer) || answer.status === 404 ? undefined : leftBehind;
}

/** The new webhook's ID from an answer in any shape it is likely to take: `{webhook: {id}}`, `{id}`, `{data: {id}}`. */
function looseWebhookId(body: unknown): string | null {
  const at = (value: unknown, key: string) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);
  for (const candidate of [at(at(body, 'webhook'), 'id'), at(body, 'id'), at(at(body, 'data'), 'id')]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  return null;
}

function sameSet(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  return a.length === b.length && b.every((item) => a.includes(item));
}
