/**
 * The published experience endpoints: the list (its rate-limit headers, paging fields and items' history), one
 * experience, a 404, analytics.
 */
import {
  ANALYTICS_REQUEST_BODY,
  analyticsSchema,
  errorBodySchema,
  experienceResponseSchema,
  experiencesListCheckSchema,
  impactSchema,
  KNOWN_EXPERIENCE_TYPES,
  metricValueSchema,
  paths,
  testResultSchema,
  type Analytics,
  type Experience,
} from '../../src/contract/published';
import { visibleText } from '../../src/util/visible-text';
import type { ApiCaller } from './api-call';
import type { Findings } from './assumptions';
import { ASKED_LIMIT, checkHistory, checkPaging, type HistoryPresence } from './list-checks';
import { safePath } from './safe-path';
import { checkShape } from './shape';
import { CannotCheckError, expectShape, failedAnswer, isSuccess } from './verdict';

/** A well-formed ID that no store has: what Intelligems answers for it is what Find Experience relies on. */
export const UNKNOWN_EXPERIENCE_ID = '00000000-0000-4000-8000-000000000000';
const RATE_LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
/** Experiments whose results are tried, in case the first has none yet. */
const ANALYTICS_CANDIDATES = 3;

/** Runs every experience check; says whether the list's items carry history (for which triggers to use). */
export async function checkExperiences(call: ApiCaller, findings: Findings): Promise<HistoryPresence> {
  const ids = await checkList(call, findings);
  const list = findings.get('experiences-list');
  // A list that answered 403, 429 or 5xx says nothing, and every later call would most likely answer the same: a
  // run that checked nothing must not end as "every checked part holds".
  if (list?.status === 'not_checked') throw new CannotCheckError(`Could not check the experience list, which the other parts build on: ${list.detail}`);
  if (ids.all.length === 0) {
    const why = list?.status === 'holds' ? 'The store has no experiences to read.' : 'The experience list could not be read, so no experience ID was known.';
    findings.record('experience', 'not_checked', why);
  } else {
    await checkOne(call, findings, ids.all[0]);
  }
  await checkUnknown(call, findings);
  await checkAnalytics(call, findings, ids.experiments);
  return ids.history;
}

/** Lists one page; returns the IDs it could find, even from a list in another shape, so later checks can run. */
async function checkList(call: ApiCaller, findings: Findings): Promise<{ all: string[]; experiments: string[]; history: HistoryPresence }> {
  const request = `GET ${paths.experiencesList()}`;
  const answer = await call('GET', paths.experiencesList(), { query: { limit: String(ASKED_LIMIT), page: '1' } });
  // First, since a refused key stops the whole check here: the headers of a refusal say nothing about the contract.
  const judged = expectShape(answer, request, experiencesListCheckSchema);
  if (isSuccess(answer)) {
    const missing = RATE_LIMIT_HEADERS.filter((name) => !/^\d+$/.test(answer.headers.get(name)?.trim() ?? ''));
    findings.record(
      'rate-limit-headers',
      missing.length === 0 ? 'holds' : 'differs',
      missing.length === 0 ? `The answer to ${request} carries all three, as whole numbers.` : `The answer to ${request} has no numeric ${missing.join(', ')}.`,
    );
  } else {
    findings.record(
      'rate-limit-headers',
      'not_checked',
      `${request} did not succeed (HTTP ${answer.status}), and only a successful answer is sure to carry them.`,
    );
  }
  if (!judged.ok) {
    findings.record('experiences-list', judged.status, judged.detail);
    const ids = looseIds(answer.body);
    return { all: ids, experiments: ids, history: 'unknown' };
  }
  const list = judged.data.experiencesList;
  const unknownTypes = [...new Set(list.map((e) => e.type).filter((type) => !(KNOWN_EXPERIENCE_TYPES as readonly string[]).includes(type)))];
  const typesNote = unknownTypes.length === 0 ? '' : ` Types not in the published list (shown as they are): ${unknownTypes.map(visibleText).join(', ')}.`;
  findings.record(
    'experiences-list',
    'holds',
    `${list.length} experience${list.length === 1 ? '' : 's'} on the first page, each in the published shape.${typesNote}`,
  );
  checkPaging(findings, request, answer.body);
  const history = checkHistory(findings, list);
  return { all: list.map((e) => e.id), experiments: list.filter(hasRun).map((e) => e.id), history };
}

async function checkOne(call: ApiCaller, findings: Findings, id: string): Promise<void> {
  const path = safePath(() => paths.experience(id));
  if (path === null) {
    findings.record('experience', 'differs', `The listed experience ID “${visibleText(id)}” cannot be put in an address.`);
    return;
  }
  const request = `GET ${path}`;
  const judged = expectShape(await call('GET', path), request, experienceResponseSchema);
  if (!judged.ok) return findings.record('experience', judged.status, judged.detail);
  if (judged.data.experience.id !== id) return findings.record('experience', 'differs', `${request} answered another experience's ID.`);
  findings.record('experience', 'holds', `Experience ${visibleText(id)} came back wrapped in "experience", in the published shape.`);
}

async function checkUnknown(call: ApiCaller, findings: Findings): Promise<void> {
  const request = `GET ${paths.experience(UNKNOWN_EXPERIENCE_ID)}`;
  const answer = await call('GET', paths.experience(UNKNOWN_EXPERIENCE_ID));
  if (answer.status !== 404) {
    if (isSuccess(answer))
      return findings.record('unknown-experience', 'differs', `${request} answered HTTP ${answer.status} for an experience that does not exist.`);
    const verdict = failedAnswer(answer, request);
    const effect = verdict.status === 'differs' ? ' Find Experience would then fail instead of finding nothing.' : '';
    return findings.record('unknown-experience', verdict.status, `${verdict.detail}${effect}`);
  }
  const shape = checkShape(errorBodySchema, answer.body);
  if (!shape.ok) return findings.record('unknown-experience', 'differs', `${request} answered 404, but its body is not {"error", "message"}: ${shape.detail}.`);
  findings.record('unknown-experience', 'holds', `${request} answered 404 with {"error", "message"}.`);
}

async function checkAnalytics(call: ApiCaller, findings: Findings, experimentIds: string[]): Promise<void> {
  const tried: string[] = [];
  for (const id of experimentIds.slice(0, ANALYTICS_CANDIDATES)) {
    const path = safePath(() => paths.analytics(id));
    if (path === null) continue;
    const request = `POST ${path}`;
    tried.push(visibleText(id));
    // The app's own body, so the answer is the one its results items read (with testResult).
    const answer = await call('POST', path, { json: ANALYTICS_REQUEST_BODY });
    if (answer.status === 404) continue;
    const judged = expectShape(answer, request, analyticsSchema);
    if (!judged.ok) return findings.record('analytics', judged.status, judged.detail);
    const { variations, metrics } = judged.data;
    const extras = checkAnalyticsExtras(judged.data);
    if (extras.wrong.length > 0) return findings.record('analytics', 'differs', `${request}: ${extras.wrong.join('; ')}.`);
    return findings.record(
      'analytics',
      'holds',
      `Experiment ${visibleText(id)}: ${variations.length} variations and ${metrics.length} metric entries, in the published shape; ${extras.seen}.`,
    );
  }
  findings.record(
    'analytics',
    'not_checked',
    tried.length === 0
      ? 'No experiment in the store has run yet, so there are no results to read.'
      : `Intelligems has no results (404) for the experiments tried: ${tried.join(', ')}.`,
  );
}

/**
 * The parts of a results answer the app reads loosely: `testResult` (the verdict), `impact` and each metric's `p2bc`.
 * Present or absent is fine either way (the app leaves a field empty without them); present in a type the app
 * cannot read is a difference, named by its place and never its value.
 */
function checkAnalyticsExtras(analytics: Analytics): { wrong: string[]; seen: string } {
  const wrong: string[] = [];
  const present = (value: unknown) => value !== undefined && value !== null;
  for (const [key, schema, effect] of [
    ['testResult', testResultSchema, 'Intelligems Verdict would stay empty and Fire When = verdict would never fire'],
    ['impact', impactSchema, 'Est. Monthly Revenue Increase would stay empty'],
  ] as const) {
    const value = analytics[key];
    if (!present(value)) continue;
    const shape = checkShape(schema, value);
    if (!shape.ok) wrong.push(`${key} is not in the shape the app reads (${shape.detail}), so ${effect}`);
  }
  const p2bcSchema = metricValueSchema.shape.p2bc;
  let withP2bc = 0;
  const badP2bc = new Set<string>();
  for (const row of analytics.metrics) {
    for (const [metric, value] of Object.entries(row)) {
      if (typeof value !== 'object' || value === null || !('p2bc' in value)) continue;
      const p2bc = (value as { p2bc?: unknown }).p2bc;
      if (!present(p2bc)) continue;
      if (p2bcSchema.safeParse(p2bc).success) withP2bc++;
      else badP2bc.add(visibleText(metric));
    }
  }
  if (badP2bc.size > 0)
    wrong.push(
      `p2bc is not a probability from 0 to 1 on ${[...badP2bc].join(', ')}, so no winner or loser is judged on ${badP2bc.size === 1 ? 'that metric' : 'those metrics'}`,
    );
  const said = (key: 'testResult' | 'impact') => `${key} ${present(analytics[key]) ? 'present' : 'absent'}`;
  return { wrong, seen: `${said('testResult')}, ${said('impact')}, p2bc on ${withP2bc} metric entr${withP2bc === 1 ? 'y' : 'ies'}` };
}

/** Started, paused or ended experiments: the ones that can have results. */
function hasRun(experience: Experience): boolean {
  return experience.category === 'experiment' && experience.status !== 'pending';
}

/** IDs from a list in an unexpected shape: the first array of objects with a string `id`, wherever it sits. */
function looseIds(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  for (const value of Object.values(body)) {
    if (!Array.isArray(value)) continue;
    const ids = value
      .map((item) => (typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined))
      .filter((id): id is string => typeof id === 'string' && id !== '');
    if (ids.length > 0) return ids;
  }
  return [];
}
