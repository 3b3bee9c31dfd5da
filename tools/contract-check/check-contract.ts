/**
 * Runs every check against one Intelligems account and decides the exit status: 0 when every part it checked
 * holds, 1 when any differs, 2 when it could not connect, the key was refused or the experience list could not be
 * read. No secret leaves this function: answers are scrubbed as they arrive (./api-call.ts), and every line it
 * returns is scrubbed again.
 */
import { redact, secretsOf } from '../../src/api/secrets';
import { apiCaller, CannotConnectError } from './api-call';
import { Findings, type Finding } from './assumptions';
import { checkExperiences } from './experience-checks';
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
  try {
    await checkExperiences(call, findings);
    await checkWebhooks(call, findings, request, webhooks);
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
  return {
    assumptions,
    error: error === undefined ? undefined : clean(error),
    notes: webhooks.leftBehind === undefined ? [] : [clean(webhooks.leftBehind)],
    exitCode,
  };
}
