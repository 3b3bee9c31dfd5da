/** The check's two outputs: lines for a person, or one JSON object (`--json`) for a script. */
import { ASSUMPTIONS, WEBHOOK_PARTS, type Source, type Status } from './assumptions';
import type { ContractReport } from './check-contract';
import type { HistoryPresence } from './list-checks';
import type { WebhookApi } from './event-route';

const STATUS_WORDS: Record<Status, string> = { holds: 'holds', differs: 'DIFFERS', not_checked: 'not checked' };
const SECTION_TITLES: Record<Source, string> = {
  published: 'Published by Intelligems',
  assumed: 'Assumed by this app (src/contract/assumed.ts, docs/assumed-contract.md)',
};
const VERDICTS: Record<ContractReport['exitCode'], string> = {
  0: 'Every part that could be checked holds: the app’s contract matches this account.',
  1: 'Some parts differ from what the app expects. Change src/contract/ (and docs/assumed-contract.md) to what was seen, using the keys named above, then run the check again.',
  2: 'The check stopped before it could finish:',
};

const NO_WEBHOOK_API = 'Every published part that could be checked holds. This account offers no webhook API, so the assumed webhook parts do not apply here.';

const WEBHOOK_WORDS: Record<WebhookApi, string> = { available: 'offered', absent: 'not offered', unknown: 'could not be told' };
const HISTORY_WORDS: Record<HistoryPresence, string> = {
  present: 'carried by every item',
  partial: 'missing on some items',
  absent: 'missing',
  unknown: 'could not be told',
};

/**
 * Exit 0 claims the whole contract only when nothing but the parts no call can reach went unchecked; on an account
 * without the webhook API, the webhook parts it did not try do not count as unchecked.
 */
function verdict(report: ContractReport): string {
  const neverCheckable = new Set<string>(ASSUMPTIONS.filter((a) => 'notCheckable' in a).map((a) => a.name));
  const noWebhookApi = report.events.webhookSubscriptions === 'absent';
  if (noWebhookApi) for (const name of WEBHOOK_PARTS) neverCheckable.add(name);
  const skipped = report.assumptions.filter((f) => f.status === 'not_checked' && !neverCheckable.has(f.name)).length;
  if (report.exitCode !== 0) return VERDICTS[report.exitCode];
  if (skipped === 0) return noWebhookApi ? NO_WEBHOOK_API : VERDICTS[0];
  return `Every part it checked holds, but ${skipped} other${skipped === 1 ? '' : 's'} could not be checked (see why above).`;
}

export function renderJson(report: ContractReport): string {
  const out: Record<string, unknown> = { assumptions: report.assumptions, events: report.events };
  if (report.error !== undefined) out.error = report.error;
  if (report.notes.length > 0) out.notes = report.notes;
  return JSON.stringify(out);
}

export function renderText(report: ContractReport, baseUrl: string): string {
  const nameWidth = Math.max(...ASSUMPTIONS.map((a) => a.name.length));
  const statusWidth = Math.max(...Object.values(STATUS_WORDS).map((word) => word.length));
  const indent = ' '.repeat(2 + statusWidth + 2 + nameWidth + 2);
  const lines = [`Intelligems API contract check against ${baseUrl}`];
  for (const source of ['published', 'assumed'] as const) {
    lines.push('', SECTION_TITLES[source]);
    for (const assumption of ASSUMPTIONS.filter((a) => a.source === source)) {
      const finding = report.assumptions.find((f) => f.name === assumption.name);
      if (!finding) continue;
      lines.push(`  ${STATUS_WORDS[finding.status].padEnd(statusWidth)}  ${assumption.name.padEnd(nameWidth)}  ${assumption.claim}`);
      lines.push(`${indent}${finding.detail}`);
    }
  }
  if (report.error === undefined) {
    const { events } = report;
    const label = (text: string) => `  ${text.padEnd(23)}`;
    lines.push('', 'How experience events reach Zaps on this account');
    lines.push(`${label('webhook subscriptions')}${WEBHOOK_WORDS[events.webhookSubscriptions]}`);
    lines.push(`${label('history on list items')}${HISTORY_WORDS[events.history]}`);
    lines.push(`${label('triggers to use')}${events.triggers === 'instant' ? 'instant' : 'polling'}: ${events.advice}`);
  }
  const count = (status: Status) => report.assumptions.filter((f) => f.status === status).length;
  lines.push('', `${count('holds')} hold, ${count('differs')} differ, ${count('not_checked')} not checked.`);
  lines.push(report.error === undefined ? verdict(report) : `${VERDICTS[2]} ${report.error}`);
  for (const note of report.notes) lines.push(`Left behind: ${note}`);
  return lines.join('\n');
}
