/**
 * The one Intelligems API client: the only code that calls paths, parses answers and turns failures into errors.
 * Every method takes a `call` phrase from its own knowledge of what the user is doing, so errors say which step failed.
 */
import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import {
  ANALYTICS_REQUEST_BODY,
  analyticsSchema,
  experienceResponseSchema,
  experiencesListResponseSchema,
  errorBodySchema,
  paths,
  UnsafePathSegmentError,
  type Analytics,
  type Experience,
  type ExperienceAction,
  type ExperienceActionBody,
  type ExperienceCategory,
  type ExperienceModule,
  type ExperienceStatus,
  type RateLimitReading,
} from '../contract/published';
import { createdWebhookSchema, namedWebhookId, webhookPaths, type CreatedWebhook, type CreateWebhookRequest } from '../contract/assumed';
import { describeIssues } from '../contract/describe-issues';
import { withoutBundleContext } from '../errors';
import { visibleText } from '../util/visible-text';
import { shownApiUrlOverride } from './base-url';
import { describeBadResponse, describeHttpFailure, describeNetworkFailure, type Failure } from './failure';
import { redact, secretsOf } from './secrets';
import { newerReading, readRateLimit } from './rate-limit';
import { readPagesInOrder } from './read-pages';
import { BODY_STALLED, readBodyText, type BodyStream } from './read-body-text';
import { startRawCallLimit, type RawCallLimit } from './raw-call-limit';

export const MAX_PAGE_SIZE = 100;
/** Guards against an API that never says it is done (no `totalPages` and never a short page). */
export const MAX_PAGES = 50;
/**
 * Pages of one list read at once once the first says how many there are: ten pages take three rounds instead of
 * ten. A few, so one poll never takes much of the key's burst at once.
 */
export const MAX_PAGES_IN_FLIGHT = 4;
/** Below Zapier's 30-second run limit, so a hung call fails with our message rather than Zapier's timeout. */
export const DEFAULT_TIMEOUT_MS = 20_000;

/** `INTELLIGEMS_REQUEST_TIMEOUT_MS` overrides the timeout (tests and the sandbox use short ones). */
function requestTimeoutMs(): number {
  const fromEnv = Number(process.env.INTELLIGEMS_REQUEST_TIMEOUT_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_TIMEOUT_MS;
}

export interface ListQuery {
  status?: ExperienceStatus;
  category?: ExperienceCategory;
  module?: ExperienceModule;
  limit?: number;
  page?: number;
}

/** One page of `experiences-list`, with the paging facts the answer gave (each undefined when it did not). */
export interface ListPage {
  experiences: Experience[];
  page?: number;
  limit?: number;
  total?: number;
  totalPages?: number;
}

/** How a reading of every page may end early: by the caller's own rule, and by keeping what a later page's failure left. */
export interface PagingControl {
  /**
   * Asked before each page after the first starts: a reason to stop reading (a deadline, a rate budget), or null to
   * go on. `inFlight` pages are still being read: each may or may not be counted yet in the last rate reading.
   */
  beforePage?: (page: number, inFlight: number) => string | null;
  /** A later page's failure that returns what was read instead of failing the whole reading. The first page's always fails it. */
  keepsWhatWasRead?: (error: unknown) => boolean;
}

/** What a reading of every page gave: each experience once, and whether every page was read. */
export interface ListReading {
  experiences: Experience[];
  /** Every page up to the last was read: only then does an experience's absence say anything. */
  complete: boolean;
  /** Pages read. */
  pages: number;
  /** Why the reading stopped before the last page, when it did (a failure's message, a budget, the page cap). */
  stoppedBecause?: string;
}

interface CallOptions {
  call: string;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  params?: Record<string, string | number>;
  json?: unknown;
  /** What a 404 means, e.g. "experience abc". */
  subject?: string;
  /** The answer's body is not used (DELETE): any 2xx means done, whatever it carries. */
  ignoreBody?: boolean;
  /** A shorter timeout than the default for this call. */
  timeoutMs?: number;
  /** A 2xx answer's body is used if it is JSON, else undefined: the call happened whatever it carries. */
  anyBody?: boolean;
  /**
   * Read the body here rather than through core: for the pages of a whole-list reading (up to 50 pages of 100
   * experiences), which core would parse three times and scrub whole for its HTTP log. The log then shows the call
   * and its status without the body; a body this app cannot use is logged here instead (an excerpt, secrets removed).
   */
  rawBody?: boolean;
}

export interface ClientOptions {
  /**
   * Unix ms by which every call must be answered (a poll's time budget): no call's timeout runs past it. A body the
   * client reads itself (`rawBody`) gets what is left; one core reads gets node-fetch's whole timeout again.
   */
  deadline?: number;
}

export class IntelligemsClient {
  /** Secrets this client has sent in a request body (a new subscription's), redacted like the bundle's own. */
  private readonly sentSecrets: string[] = [];
  private latestRateLimit: RateLimitReading | undefined;

  constructor(
    private readonly z: ZObject,
    private readonly bundle: Bundle,
    private readonly options: ClientOptions = {},
  ) {}

  /** The key's rate budget as Intelligems last told it (any answer, errors included); undefined until one says. */
  get rateLimit(): RateLimitReading | undefined {
    return this.latestRateLimit;
  }

  async listExperiences(query: ListQuery, call = 'listing experiences'): Promise<Experience[]> {
    return (await this.listExperiencePage(query, call)).experiences;
  }

  /** One page of `experiences-list`. Send a `limit`: the API's own default is DEFAULT_LIST_PAGE_SIZE. */
  async listExperiencePage(query: ListQuery, call = 'listing experiences'): Promise<ListPage> {
    return this.readListPage(query, call, false);
  }

  /** One page; `rawBody` for the pages of a whole-list reading (see CallOptions.rawBody). */
  private async readListPage(query: ListQuery, call: string, rawBody: boolean): Promise<ListPage> {
    const params: Record<string, string | number> = {};
    if (query.status) params.status = query.status;
    if (query.category) params.category = query.category;
    if (query.module) params.module = query.module;
    if (query.limit !== undefined) params.limit = query.limit;
    if (query.page !== undefined) params.page = query.page;
    const body = await this.send({ call, method: 'GET', url: paths.experiencesList(), params, rawBody });
    const { experiencesList, page, limit, total, totalPages } = this.parse(call, experiencesListResponseSchema, body);
    return { experiences: experiencesList, page, limit, total, totalPages };
  }

  /** Every page of `experiences-list` (see `readAllExperiences`); any failure fails the whole list. */
  async listAllExperiences(query: Omit<ListQuery, 'limit' | 'page'>, call = 'listing experiences'): Promise<Experience[]> {
    return (await this.readAllExperiences(query, call)).experiences;
  }

  /**
   * Every running experiment: started, of the category experiment. Checked again here in case the API ignores a
   * query parameter: results read for a paused test, or an alert on it, would be wrong.
   */
  async listRunningExperiments(call: string): Promise<Experience[]> {
    const started = await this.listAllExperiences({ status: 'started', category: 'experiment' }, call);
    return started.filter((e) => e.status === 'started' && e.category === 'experiment');
  }

  /**
   * Every page of `experiences-list`, MAX_PAGE_SIZE at a time, up to the answer's `totalPages` (without it, a page
   * shorter than asked is the last) and at most MAX_PAGES. Once an answer says `totalPages`, up to
   * MAX_PAGES_IN_FLIGHT pages are read at once; without it, one after the other. The list is newest first, so an
   * experience created between two page reads pushes another onto both pages: each experience is kept once, by id,
   * where it was first read in page order.
   */
  async readAllExperiences(query: Omit<ListQuery, 'limit' | 'page'>, call = 'listing experiences', control: PagingControl = {}): Promise<ListReading> {
    const reading = await readPagesInOrder(
      async (page) => {
        const answer = await this.readListPage({ ...query, limit: MAX_PAGE_SIZE, page }, call, true);
        return { items: answer.experiences, last: isLastPage(answer, page), totalPages: answer.totalPages };
      },
      {
        maxPages: MAX_PAGES,
        pageCapReason: `the app reads at most ${MAX_PAGES} pages of the list`,
        maxInFlight: MAX_PAGES_IN_FLIGHT,
        beforePage: control.beforePage,
        keepsWhatWasRead: control.keepsWhatWasRead,
        describe: readableMessage,
      },
    );
    const { items: experiences, complete, pages, stoppedBecause } = reading;
    // Zapier's HTTP log shows these calls without their bodies (see `rawBody`): this line says what they held.
    this.z.console.log(`Read ${experiences.length} experience(s) on ${pages} page(s) of the experience list while ${call}.`);
    return stoppedBecause === undefined ? { experiences, complete, pages } : { experiences, complete, pages, stoppedBecause };
  }

  async getExperience(id: string, call = 'looking up an experience'): Promise<Experience> {
    const body = await this.send({ call, method: 'GET', url: this.address(call, () => paths.experience(id)), subject: `experience “${id}”` });
    return this.parse(call, experienceResponseSchema, body).experience;
  }

  /** The experience, or null when Intelligems does not know the ID (a 404): for a search, or a deletion check. */
  async findExperience(id: string, call: string): Promise<Experience | null> {
    try {
      return await this.getExperience(id, call);
    } catch (error) {
      if (failureOf(error)?.status === 404) return null;
      throw error;
    }
  }

  /**
   * The action, with its published body (`{}`, or the winning variation for `end`). Once Intelligems answered 2xx the
   * action happened, so an answer that does not hold the experience is null here, never an error: the caller looks it up.
   */
  async runExperienceAction(id: string, action: ExperienceAction, call: string, body: ExperienceActionBody = {}): Promise<Experience | null> {
    const answer = await this.send({
      call,
      method: 'POST',
      url: this.address(call, () => paths.experienceAction(id, action)),
      json: body,
      subject: `experience “${id}”`,
      anyBody: true,
    });
    const parsed = experienceResponseSchema.safeParse(answer);
    return parsed.success ? parsed.data.experience : null;
  }

  async getAnalytics(id: string, call = 'reading experiment results', timeoutMs?: number): Promise<Analytics> {
    const body = await this.send({
      call,
      method: 'POST',
      url: this.address(call, () => paths.analytics(id)),
      json: ANALYTICS_REQUEST_BODY,
      subject: `results for experience “${id}”`,
      timeoutMs,
    });
    return this.parse(call, analyticsSchema, body);
  }

  async createWebhook(request: CreateWebhookRequest, call = 'turning on the Zap (subscribing to Intelligems webhooks)'): Promise<CreatedWebhook> {
    this.sentSecrets.push(request.secret);
    const body = await this.send({ call, method: 'POST', url: webhookPaths.collection(), json: request });
    const parsed = createdWebhookSchema.safeParse(body);
    let problem = parsed.success ? null : `unexpected shape (${describeIssues(parsed.error)})`;
    if (parsed.success) {
      const { id, secret } = parsed.data.webhook;
      // An id that cannot go in an address could never be removed when the Zap is turned off.
      problem = unsafePathReason(id);
      if (problem === null) return secret == null ? { id } : { id, secret };
    }
    throw this.toError(describeBadResponse(call, `${problem}${await this.removeUnusable(namedWebhookId(body))}`));
  }

  /**
   * A 2xx that names a webhook made one, aimed at the Zap's URL: left behind, it would fail the signature check on
   * every event once the Zap does subscribe. Deleted before failing; what became of it is said in the message.
   */
  private async removeUnusable(id: string | null): Promise<string> {
    if (id === null) return '';
    const shown = `“${visibleText(id)}”`;
    const byHand = `remove webhook ${shown} by hand in the Intelligems dashboard (Settings → Integrations) before trying again`;
    if (unsafePathReason(id) !== null) return `; the webhook it made cannot be removed through the API: ${byHand}`;
    try {
      await this.deleteWebhook(id, 'removing the webhook this app could not use');
      return `; the webhook it made (${shown}) was removed again`;
    } catch {
      return `; the webhook it made could not be removed: ${byHand}`;
    }
  }

  /** A webhook that is already gone (404) counts as deleted: the goal of unsubscribing is reached. */
  async deleteWebhook(id: string, call = 'turning off the Zap (removing its Intelligems webhook)'): Promise<'deleted' | 'already_gone'> {
    try {
      await this.send({ call, method: 'DELETE', url: this.address(call, () => webhookPaths.one(id)), subject: `webhook “${id}”`, ignoreBody: true });
      return 'deleted';
    } catch (error) {
      if (failureOf(error)?.status === 404) return 'already_gone';
      throw error;
    }
  }

  private async send(options: CallOptions): Promise<unknown> {
    const timeoutMs = this.timeoutFor(options);
    const request: HttpRequestOptions & { url: string; throwForThrottlingEarly: boolean } = {
      url: options.url,
      method: options.method,
      params: options.params,
      headers: { accept: 'application/json' },
      timeout: timeoutMs,
      // We map every status ourselves, so the message can say which step failed and what to do.
      skipThrowForStatus: true,
      throwForThrottlingEarly: false,
    };
    // A raw body is read here, within the call's one time limit; its signal closes the connection.
    const limit = options.rawBody ? startRawCallLimit(timeoutMs) : undefined;
    if (limit) Object.assign(request, { raw: true, signal: limit.signal });
    if (options.json !== undefined) {
      request.body = JSON.stringify(options.json);
      request.headers = { ...request.headers, 'content-type': 'application/json' };
    }
    let response;
    try {
      response = await this.z.request(request);
    } catch (cause) {
      // A raw answer core refused (a redirect it does not allow) would otherwise stay open, unread.
      limit?.abandon();
      if (isZapierError(cause)) throw cause;
      throw this.toError(describeNetworkFailure(options.call, limit?.expired ? CALL_TIMED_OUT : cause, shownApiUrlOverride()));
    }
    limit?.answered();
    const reading = readRateLimit((name) => response.getHeader(name));
    if (reading) this.latestRateLimit = newerReading(this.latestRateLimit, reading);
    const { text, parsed } = limit ? await this.readRawBody(response, options, limit) : readBody(response);
    if (response.status >= 200 && response.status < 300) {
      if (response.status === 204 || text.trim() === '' || options.ignoreBody) return undefined;
      if (options.anyBody) return parsed.ok ? parsed.value : undefined;
      if (!parsed.ok) throw this.toError(describeBadResponse(options.call, 'the body is not JSON'));
      return parsed.value;
    }
    const errorBody = parsed.ok ? errorBodySchema.safeParse(parsed.value) : undefined;
    const apiMessage = errorBody?.success ? errorBody.data.message : undefined;
    const retryAfterBody =
      parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as { retryAfter?: unknown }).retryAfter : undefined;
    throw this.toError(
      describeHttpFailure({
        call: options.call,
        status: response.status,
        apiMessage,
        subject: options.subject,
        retryAfterHeader: response.getHeader('retry-after'),
        retryAfterBody,
      }),
      apiMessage,
    );
  }

  /**
   * A raw answer's body, still arriving: read within what is left of the call's time limit (a poll's deadline
   * included). A body that fails or stalls fails the call, its connection closed. A body this app cannot use (an error
   * status, or not JSON) is logged, as core would have logged it.
   */
  private async readRawBody(response: HttpResponse, options: CallOptions, limit: RawCallLimit): Promise<{ text: string; parsed: ParsedBody }> {
    let text: string;
    try {
      text = await readBodyText((response as unknown as RawResponse).body, limit.remainingMs(), () => limit.abandon());
    } catch (cause) {
      // The guard may have run out just as the headers came: its abort then ends the body.
      throw this.toError(describeNetworkFailure(options.call, limit.expired ? BODY_STALLED_CAUSE : cause, shownApiUrlOverride()));
    }
    const parsed = parseJson(text);
    if (!parsed.ok || response.status < 200 || response.status >= 300) {
      // Secrets are removed before cutting, so a secret the cut splits never leaves a readable part of itself.
      const safe = this.redactSecrets(text);
      const excerpt = safe === '' ? '(an empty body)' : safe.length > LOGGED_BODY_CHARS ? `${safe.slice(0, LOGGED_BODY_CHARS)} […]` : safe;
      this.z.console.log(`Intelligems answered HTTP ${response.status} while ${options.call}, with: ${visibleText(excerpt)}`);
    }
    return { text, parsed };
  }

  /**
   * A path with an ID in it. Inputs refuse an ID that would change the address before this; an ID that came from
   * Intelligems itself (a listed experience, a stored webhook) and would do so is an answer this app cannot use.
   */
  private address(call: string, build: () => string): string {
    try {
      return build();
    } catch (error) {
      if (error instanceof UnsafePathSegmentError) {
        throw this.toError(describeBadResponse(call, `the ID “${visibleText(error.id)}” cannot be put in an address (${error.reason})`));
      }
      throw error;
    }
  }

  /** The default (or the environment's) timeout, shortened by the call's own and by the client's deadline. */
  private timeoutFor(options: CallOptions): number {
    const untilDeadline = this.options.deadline === undefined ? Infinity : this.options.deadline - Date.now();
    return Math.max(1, Math.floor(Math.min(requestTimeoutMs(), options.timeoutMs ?? Infinity, untilDeadline)));
  }

  private redactSecrets(text: string): string {
    return redact(text, secretsOf(this.bundle, this.sentSecrets));
  }

  private parse<T>(call: string, schema: zod.ZodType<T>, body: unknown): T {
    const result = schema.safeParse(body);
    if (!result.success) throw this.toError(describeBadResponse(call, `unexpected shape (${describeIssues(result.error)})`));
    return result.data;
  }

  private toError(failure: Failure, apiMessage?: string): Error {
    const { errors } = this.z;
    const message = this.redactSecrets(failure.message);
    let error: Error;
    switch (failure.kind) {
      case 'auth':
        // Marks the connection as needing attention, so Zapier prompts the user to reconnect with a new key.
        error = withoutBundleContext(new errors.ExpiredAuthError(message));
        break;
      case 'throttled':
        // Zapier retries throttled polls and actions after the delay instead of counting a failure.
        error = new errors.ThrottledError(message, failure.retryAfterSeconds);
        break;
      default:
        error = new errors.Error(message, ERROR_CODES[failure.kind], failure.status);
    }
    const info: FailureInfo = { status: failure.status, message, apiMessage: apiMessage === undefined ? undefined : this.redactSecrets(apiMessage) };
    Object.defineProperty(error, FAILURE_INFO, { value: info, enumerable: false });
    return error;
  }
}

/**
 * Whether page `page` of the list was its last: by the answer's `totalPages` when it gives one, else by a page shorter
 * than asked (or than the `limit` the answer says it used, if the API caps it lower). An empty page always ends it.
 */
export function isLastPage(answer: Omit<ListPage, 'total'>, page: number): boolean {
  if (answer.experiences.length === 0) return true;
  if (answer.totalPages !== undefined) return page >= answer.totalPages;
  const asked = Math.min(MAX_PAGE_SIZE, answer.limit !== undefined && answer.limit > 0 ? answer.limit : MAX_PAGE_SIZE);
  return answer.experiences.length < asked;
}

/** What the client knew when a call failed, for callers that decide or explain in their own words. */
export interface FailureInfo {
  status?: number;
  /** The readable message (z.errors.Error wraps its own message in JSON). */
  message: string;
  /** The API's own reason, secrets removed, when it gave one. */
  apiMessage?: string;
}

const FAILURE_INFO = Symbol('intelligemsFailure');

/** The failure details of an error this client threw; undefined for any other error. */
export function failureOf(error: unknown): FailureInfo | undefined {
  return typeof error === 'object' && error !== null ? (error as { [FAILURE_INFO]?: FailureInfo })[FAILURE_INFO] : undefined;
}

/** An error's message for a log line: ours without the JSON z.errors.Error wraps it in, any other as it is. */
export function readableMessage(error: unknown): string {
  return failureOf(error)?.message ?? (error instanceof Error ? error.message : String(error));
}

const ERROR_CODES: Record<Failure['kind'], string> = {
  auth: 'InvalidApiKey',
  forbidden: 'Forbidden',
  not_found: 'NotFound',
  rejected: 'Rejected',
  throttled: 'Throttled',
  server: 'IntelligemsUnavailable',
  network: 'NetworkError',
  bad_response: 'UnexpectedResponse',
};

/**
 * The body as JSON. Core has already parsed a non-form body into `data` (undefined when it is not JSON): that value is
 * used rather than parsing the same text again.
 */
function parsedBody(response: { data?: unknown; getHeader(name: string): string | undefined }, text: string): ParsedBody {
  if (text !== '' && response.data !== undefined && response.getHeader('content-type') !== FORM_CONTENT_TYPE) return { ok: true, value: response.data };
  return parseJson(text);
}

/** The one content type core parses as a query string rather than JSON. */
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

type ParsedBody = { ok: true; value: unknown } | { ok: false };
/** What core resolves for a `raw: true` request: node-fetch's response, its body not yet read. */
type RawResponse = { body?: BodyStream | null };
/** Why a raw call failed when its time limit ran out: before the answer came, and while its body was arriving. */
const CALL_TIMED_OUT = { code: 'ETIMEDOUT' };
const BODY_STALLED_CAUSE = { code: BODY_STALLED };
/** How much of a raw body this app cannot use goes into the log. */
const LOGGED_BODY_CHARS = 500;

/** The body core read, as text and as JSON when it is. */
function readBody(response: HttpResponse): { text: string; parsed: ParsedBody } {
  const text = typeof response.content === 'string' ? response.content : '';
  return { text, parsed: parsedBody(response, text) };
}

function parseJson(text: string): ParsedBody {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Why an id cannot be put in an address, or null when it can. */
function unsafePathReason(id: string): string | null {
  try {
    webhookPaths.one(id);
    return null;
  } catch (error) {
    if (error instanceof UnsafePathSegmentError) return `the ID “${visibleText(error.id)}” cannot be put in an address (${error.reason})`;
    throw error;
  }
}

const ZAPIER_ERROR_NAMES = new Set(['AppError', 'HaltedError', 'ExpiredAuthError', 'RefreshAuthError', 'ThrottledError', 'ResponseError']);
function isZapierError(error: unknown): boolean {
  return error instanceof Error && ZAPIER_ERROR_NAMES.has(error.name);
}

export function apiClient(z: ZObject, bundle: Bundle, options: ClientOptions = {}): IntelligemsClient {
  return new IntelligemsClient(z, bundle, options);
}
