/**
 * What an answer that is not the expected success says about the contract: a refused key stops the whole check,
 * a missing permission, a rate limit or a server hiccup leaves the part unchecked, anything else differs.
 */
import { intelligemsSaid } from '../../src/api/failure';
import { errorBodySchema } from '../../src/contract/published';
import { visibleText } from '../../src/util/visible-text';
import type { z } from 'zod';
import type { Status } from './assumptions';
import type { RawAnswer } from './api-call';
import { checkShape } from './shape';

const MAX_API_MESSAGE = 200;

/** Intelligems refused the API key: no part can be checked with it. */
export class KeyRefusedError extends Error {
  override readonly name = 'KeyRefusedError';
}

/** A part every other one builds on could not be checked (a 403, 429 or 5xx): going on would prove nothing. */
export class CannotCheckError extends Error {
  override readonly name = 'CannotCheckError';
}

export function isSuccess(answer: RawAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/** The verdict on an answer that is not a success; throws KeyRefusedError on a 401. */
export function failedAnswer(answer: RawAnswer, request: string): { status: Status; detail: string } {
  const { status } = answer;
  const said = apiSaid(answer);
  if (status === 401)
    throw new KeyRefusedError(`Intelligems refused the API key (HTTP 401 to ${request}).${said} Check authData_apiKey (environment or .env).`);
  if (status === 403)
    return { status: 'not_checked', detail: `The key is not allowed to do this (HTTP 403 to ${request}).${said} Use a key with this permission to check it.` };
  if (status === 429) return { status: 'not_checked', detail: `Intelligems is rate-limiting (HTTP 429 to ${request}). Run the check again in a minute.` };
  if (status >= 500) return { status: 'not_checked', detail: `Intelligems had trouble (HTTP ${status} to ${request}).${said} Run the check again later.` };
  if (status >= 300 && status < 400) {
    return { status: 'differs', detail: `${request} answered a redirect (HTTP ${status}), which the app does not follow. Check INTELLIGEMS_API_URL.` };
  }
  return { status: 'differs', detail: `${request} answered HTTP ${status}.${said}` };
}

export type Judged<T> = { ok: true; data: T } | { ok: false; status: Status; detail: string };

/** An answer expected to be a success with a JSON body in `schema`'s shape: its data, or the verdict on it. */
export function expectShape<T>(answer: RawAnswer, request: string, schema: z.ZodType<T>): Judged<T> {
  if (!isSuccess(answer)) return { ok: false, ...failedAnswer(answer, request) };
  if (answer.json !== 'json') return { ok: false, status: 'differs', detail: notJson(answer, request) };
  const shape = checkShape(schema, answer.body);
  return shape.ok ? shape : { ok: false, status: 'differs', detail: `${request}: ${shape.detail}.` };
}

/** A success whose body is not JSON (an HTML page from a proxy, say). */
function notJson(answer: RawAnswer, request: string): string {
  return `${request} answered HTTP ${answer.status} with ${answer.json === 'empty' ? 'an empty body' : 'a body that is not JSON'} (content-type ${answer.headers.get('content-type') ?? 'none'}).`;
}

/** " Intelligems said: “…”." from an `{error, message}` body, shortened (answers arrive with secrets removed). */
function apiSaid(answer: RawAnswer): string {
  const parsed = errorBodySchema.safeParse(answer.body);
  if (!parsed.success) return '';
  const message = visibleText(parsed.data.message.trim());
  return intelligemsSaid(message.length > MAX_API_MESSAGE ? `${message.slice(0, MAX_API_MESSAGE)}…` : message);
}
