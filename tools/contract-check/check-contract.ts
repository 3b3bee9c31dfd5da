/**
 * Runs every check against one Intelligems account and decides the exit status: 0 when every part it checked
 * holds, 1 when any differs, 2 when it could not connect, the key was refused or the experience list could not be
 * read. It also says which way experience events reach Zaps there (./event-route.ts): an account whose
 * `GET /webhooks` answers 404 offers no webhook API, so the assumed webhook parts are not tried (nothing is created)
 * and do not count against it. No secret leaves this function: answers are scrubbed as they arrive
 * (./api-call.ts), and every line it returns is scrubbed again.
 */
import { redact, secretsOf } from '../../src/api/secrets';
import { apiCaller, CannotConnectError } from './api-call';
import { Findings, WEBHOOK_PARTS, type Finding } from './assumptions';
import { eventRoute, probeWebhookApi, type EventRoute, type WebhookProbe } from './event-route';
import { checkExperiences } from './experience-checks';
import type { HistoryPresence } from './list-checks';
import { CannotCheckError, KeyRefusedError } from './verdict';
import { checkRequest, checkWebhooks, type WebhookCheckOutcome } from './webhook-checks';

export interface CheckOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

export type ExitCode = 0 | 1 | 2;

export interface ContractReport {
  assumptions: Finding[];
  /** Which way experience events reach Zaps on this account, and so which triggers to use. */
  events: EventRoute;
  /** Why the check stopped early (exit 2). */
  error?: string;
  /** Something the person must do by hand, such as deleting a webhook the check could not delete. */
  notes: string[];
  exitCode: ExitCode;
}

export async function checkContract(options: CheckOptions): Promise<ContractReport> {
  const request = checkRequest();
  const call = apiCaller({ ...options, sentSecrets: [request.secret] });
  const findings = new Findings();
  const webhooks: WebhookCheckOutcome = {};
  let error: string | undefined;
  let history: HistoryPresence = 'unknown';
  let probe: WebhookProbe = { webhookApi: 'unknown', seen: 'the check stopped before it asked' };
  try {
    history = await checkExperiences(call, findings);
    probe = await probeWebhookApi(call);
    if (probe.webhookApi === 'absent') {
      const why = `Not tried: this account offers no webhook subscriptions through its API (${probe.seen}), as Intelligems publishes none.`;
      for (const name of WEBHOOK_PARTS) findings.record(name, 'not_checked', why);
    } else {
      await checkWebhooks(call, findings, request, webhooks);
      // A probe that could not tell (a 403, say) is settled by whether a subscription could be made.
      if (probe.webhookApi === 'unknown' && findings.get('webhook-create')?.status === 'holds') probe = { ...probe, webhookApi: 'available' };
    }
  } catch (caught) {
    if (!(caught instanceof CannotConnectError || caught instanceof KeyRefusedError || caught instanceof CannotCheckError)) throw caught;
    error = caught.message;
  }
  const secrets = secretsOf({ authData: { apiKey: options.apiKey } }, [request.secret]);
  const clean = (text: string) => redact(text, secrets);
  const assumptions = findings
    .all(error === undefined ? 'Not checked.' : 'Not checked: the check stopped before this part.')
    .map((f) => ({ ...f, detail: clean(f.detail) }));
  const exitCode: ExitCode = error !== undefined ? 2 : assumptions.some((f) => f.status === 'differs') ? 1 : 0;
  const events = eventRoute(probe.webhookApi, history, probe.seen);
  return {
    assumptions,
    events: { ...events, advice: clean(events.advice) },
    error: error === undefined ? undefined : clean(error),
    notes: webhooks.leftBehind === undefined ? [] : [clean(webhooks.leftBehind)],
    exitCode,
  };
}
