/** The check's two outputs: lines for a person, or one JSON object (`--json`) for a script. */
import { ASSUMPTIONS, type Source, type Status } from './assumptions';
import type { ContractReport } from './check-contract';

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

/** Exit 0 claims the whole contract only when nothing but the parts no call can reach went unchecked. */
function verdict(report: ContractReport): string {
  const neverCheckable = new Set<string>(ASSUMPTIONS.filter((a) => 'notCheckable' in a).map((a) => a.name));
  const skipped = report.assumptions.filter((f) => f.status === 'not_checked' && !neverCheckable.has(f.name)).length;
  if (report.exitCode !== 0 || skipped === 0) return VERDICTS[report.exitCode];
  return `Every part it checked holds, but ${skipped} other${skipped === 1 ? '' : 's'} could not be checked (see why above).`;
}

export function renderJson(report: ContractReport): string {
  const out: Record<string, unknown> = { assumptions: report.assumptions };
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
  const count = (status: Status) => report.assumptions.filter((f) => f.status === status).length;
  lines.push('', `${count('holds')} hold, ${count('differs')} differ, ${count('not_checked')} not checked.`);
  lines.push(report.error === undefined ? verdict(report) : `${VERDICTS[2]} ${report.error}`);
  for (const note of report.notes) lines.push(`Left behind: ${note}`);
  return lines.join('\n');
}
