/**
 * What the first page of `experiences-list` says beyond its items' shape: whether it carries the paging fields the
 * app reads pages by, and whether its items carry `history`, the record of who did what that the polling event
 * triggers read every event from. Judged on the raw answer, since the app's schema reads both loosely.
 */
import { MAX_PAGE_SIZE } from '../../src/api/client';
import type { Experience } from '../../src/contract/published';
import type { Findings } from './assumptions';

/** What was asked of the list: the app's own page size. */
export const ASKED_LIMIT = MAX_PAGE_SIZE;
const PAGING_FIELDS = ['page', 'limit', 'total', 'totalPages'] as const;

/** Whether list items carry history: every one, some, none, or unknown (no item to look at, or no list). */
export type HistoryPresence = 'present' | 'partial' | 'absent' | 'unknown';

export function checkPaging(findings: Findings, request: string, body: unknown): void {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const missing = PAGING_FIELDS.filter((field) => !(Number.isInteger(record[field]) && (record[field] as number) >= 0));
  if (missing.length > 0) {
    return findings.record(
      'list-paging',
      'differs',
      `The answer to ${request} has no whole-number ${missing.join(', ')}. The app then takes a page shorter than it asked for as the last one.`,
    );
  }
  const { page, limit, total, totalPages } = record as Record<(typeof PAGING_FIELDS)[number], number>;
  const capped = limit < ASKED_LIMIT ? ` Intelligems caps a page at ${limit} (${ASKED_LIMIT} asked): the app reads every page by totalPages.` : '';
  findings.record('list-paging', 'holds', `Page ${page} of ${totalPages}, ${total} experience${total === 1 ? '' : 's'} in all, ${limit} a page.${capped}`);
}

/** Judges the items' `history` (parsed loosely by the app's schema: a history that is no list reads as absent). */
export function checkHistory(findings: Findings, items: ReadonlyArray<Experience>): HistoryPresence {
  if (items.length === 0) {
    findings.record('list-history', 'not_checked', 'The store has no experiences, so there is no history to see.');
    return 'unknown';
  }
  const withHistory = items.filter((item) => Array.isArray(item.history));
  const records = withHistory.flatMap((item) => item.history ?? []);
  const named = records.filter((r) => typeof r.user?.email === 'string' && r.user.email !== '').length;
  const withoutUser = records.filter((r) => r.user === null).length;
  const who =
    records.length === 0
      ? 'no record yet'
      : `${records.length} record${records.length === 1 ? '' : 's'}, ${named} naming who acted${withoutUser > 0 ? `, ${withoutUser} with no user (a system action)` : ''}`;
  if (withHistory.length === items.length) {
    findings.record('list-history', 'holds', `All ${items.length} items on the first page carry history (${who}).`);
    return 'present';
  }
  const effect =
    'Without it the polling event triggers still see creations, starts, pauses, ends and deletions (from experienceActions and timestamps), but not updates, and cannot say who acted.';
  if (withHistory.length === 0) {
    findings.record('list-history', 'differs', `No item on the first page carries history (${items.length} items). ${effect}`);
    return 'absent';
  }
  findings.record('list-history', 'differs', `${items.length - withHistory.length} of ${items.length} items on the first page carry no history. ${effect}`);
  return 'partial';
}
