/**
 * Turns a failed call to Intelligems into words a Zapier user can act on. Pure: the client maps the `kind` onto
 * a `z.errors` type, so this stays testable without Zapier.
 */
import { MAX_RETRY_AFTER_SECONDS } from '../util/wait-cap';
import { BODY_STALLED } from './read-body-text';

export type FailureKind = 'auth' | 'forbidden' | 'not_found' | 'rejected' | 'throttled' | 'server' | 'network' | 'bad_response';

export interface Failure {
  kind: FailureKind;
  message: string;
  status?: number;
  /** Seconds to wait before retrying, for `throttled`. */
  retryAfterSeconds?: number;
}

export const KEY_HELP = 'Create a new key in the Intelligems app under Integrations → Intelligems External API, then reconnect Intelligems in Zapier.';
const DEFAULT_RETRY_AFTER_SECONDS = 60;

export interface HttpFailureInput {
  /** What the user was doing, e.g. "starting experience “Spring pricing”" or "turning on the Zap". */
  call: string;
  status: number;
  /** The API's own explanation (`message` of `{error, message}`), when it sent one. */
  apiMessage?: string;
  /** What was not found, for a 404, e.g. "experience 7f3e…". */
  subject?: string;
  retryAfterHeader?: string | null;
  retryAfterBody?: unknown;
}

export function describeHttpFailure(input: HttpFailureInput): Failure {
  const { call, status } = input;
  const detail = intelligemsSaid(input.apiMessage);
  if (status === 401) {
    return { kind: 'auth', status, message: `Intelligems rejected the API key while ${call} (HTTP 401).${detail} ${KEY_HELP}` };
  }
  if (status === 403) {
    return {
      kind: 'forbidden',
      status,
      message: `The API key is not allowed to do this while ${call} (HTTP 403).${detail} Give the key the needed permission in the Intelligems app under Integrations → Intelligems External API, or use a key that has it.`,
    };
  }
  if (status === 404) {
    if (input.subject === undefined) {
      // A list or collection is never missing for a store, so its 404 means the address itself is wrong.
      return {
        kind: 'not_found',
        status,
        message: `Intelligems answered “not found” while ${call} (HTTP 404): the API address this app calls does not exist.${detail} Intelligems may have changed its API; try again later, and if it keeps happening, contact the integration's support.`,
      };
    }
    return {
      kind: 'not_found',
      status,
      message: `Intelligems could not find ${input.subject} while ${call} (HTTP 404).${detail} Check that it exists and belongs to the store this connection uses.`,
    };
  }
  if (status === 429) {
    const seconds = retryAfterSeconds(input.retryAfterHeader, input.retryAfterBody);
    return {
      kind: 'throttled',
      status,
      retryAfterSeconds: seconds,
      message: `Intelligems is rate-limiting requests while ${call} (HTTP 429). Zapier will try again in ${seconds} seconds.`,
    };
  }
  if (status >= 500) {
    return {
      kind: 'server',
      status,
      message: `Intelligems is having trouble while ${call} (HTTP ${status}).${detail} This is usually temporary: try again in a few minutes.`,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'bad_response',
      status,
      message: `Intelligems answered with an unexpected redirect while ${call} (HTTP ${status}). Check the API URL this connection uses.`,
    };
  }
  return {
    kind: 'rejected',
    status,
    message: `Intelligems refused the request while ${call} (HTTP ${status}).${detail || ' It gave no reason.'} Check the values mapped into this step.`,
  };
}

/**
 * " Intelligems said: “…”." for the API's own reason, or '' without one. The reason's own closing stop is dropped,
 * since APIs end messages with one and “…”.. would read as a typo; a closing ? or ! ends the sentence itself.
 */
export function intelligemsSaid(apiMessage: string | null | undefined): string {
  const reason = (apiMessage ?? '').trim().replace(/\.+$/, '');
  if (reason === '') return '';
  return ` Intelligems said: “${reason}”${/[!?]$/.test(reason) ? '' : '.'}`;
}

/** `Retry-After` in seconds (or an HTTP date), else the body's `retryAfter`, else a minute; never above the cap. */
export function retryAfterSeconds(header: string | null | undefined, body: unknown, now: number = Date.now()): number {
  const seconds = headerSeconds(header, now) ?? delaySeconds(body) ?? DEFAULT_RETRY_AFTER_SECONDS;
  return Math.min(MAX_RETRY_AFTER_SECONDS, seconds);
}

/** A count of seconds: a number or digits (RFC 9110 delay-seconds; a fraction is rounded up). Never negative. */
function delaySeconds(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.ceil(value) : null;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.ceil(Number(value));
  return null;
}

/**
 * Every HTTP-date form starts with the weekday's name, so only such text is read as a date: `Date.parse` reads
 * "-5" as a date too, in the year −5.
 */
function headerSeconds(header: string | null | undefined, now: number): number | null {
  if (header == null) return null;
  const seconds = delaySeconds(header);
  if (seconds !== null) return seconds;
  if (!/^\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i.test(header)) return null;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

/**
 * `apiUrlOverride` is the INTELLIGEMS_API_URL in use, if any. Against the real API an unreachable host is Intelligems'
 * hiccup; against an address someone set, it is far more often a sandbox that is not running or a mistyped URL.
 */
export function describeNetworkFailure(call: string, cause: unknown, apiUrlOverride?: string): Failure {
  const rawCode = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  const code = typeof rawCode === 'string' || typeof rawCode === 'number' ? String(rawCode) : '';
  const rawType = typeof cause === 'object' && cause !== null ? (cause as { type?: unknown }).type : undefined;
  const timedOut = /timeout|ETIMEDOUT/i.test(code) || /timeout|timed out/i.test(errorText(cause));
  // The client's own body reader, or node-fetch's (its FetchError `type`) when core read the body.
  const stalled = code === BODY_STALLED || rawType === 'body-timeout';
  const what = stalled ? 'the answer stopped arriving before it was complete' : timedOut ? 'the request timed out' : 'the connection failed or was dropped';
  if (apiUrlOverride !== undefined) {
    return {
      kind: 'network',
      message:
        `Could not reach Intelligems at ${apiUrlOverride} (set by INTELLIGEMS_API_URL) while ${call}: ${what}. ` +
        'If that is the local sandbox, start it with `npm run sandbox` and check the port; otherwise correct INTELLIGEMS_API_URL, or unset it to use the real Intelligems API.',
    };
  }
  return { kind: 'network', message: `Could not reach Intelligems while ${call}: ${what}. This is usually temporary: try again in a few minutes.` };
}

export function describeBadResponse(call: string, problem: string): Failure {
  return {
    kind: 'bad_response',
    message: `Intelligems sent an answer this app does not understand while ${call}: ${problem}. Try again; if it keeps happening, contact the integration's support.`,
  };
}

function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
