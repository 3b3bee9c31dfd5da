/**
 * A delivery's timestamp, in whichever form it comes: milliseconds, seconds, or an ISO 8601 string. Assumed: the
 * contract says milliseconds, but nothing published confirms it, and reading seconds as milliseconds would put every
 * delivery in January 1970 and refuse it as a replay.
 */
import { isRepresentableTime } from '../util/iso-date';

/** Numbers below this are seconds: 10¹¹ seconds is the year 5138, 10¹¹ milliseconds is March 1973. */
export const SECONDS_BELOW = 1e11;

export type TimestampForm = 'milliseconds' | 'seconds' | 'ISO 8601';

export type TimestampReading =
  | { kind: 'absent' }
  | { kind: 'time'; ms: number; form: TimestampForm }
  /** Present, in a form this app does not read (a word, an object, RFC 2822…): as good as absent, since it is signed. */
  | { kind: 'unreadable'; reason: string }
  /** A number or date outside what a date can hold (nanoseconds, perhaps): refused, never a RangeError. */
  | { kind: 'unusable'; reason: string };

// Date and optional time; seconds, fraction and zone optional. Zapier's and Intelligems' own dates all fit this.
const ISO_8601 = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const NUMERIC = /^-?\d+(\.\d+)?$/;

export function readTimestamp(value: unknown): TimestampReading {
  if (value === undefined || value === null) return { kind: 'absent' };
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value !== 'string') return { kind: 'unreadable', reason: `it is ${describeType(value)}, not a number or an ISO 8601 date` };
  const text = value.trim();
  if (text === '') return { kind: 'absent' };
  if (NUMERIC.test(text)) return fromNumber(Number(text));
  return fromIso(text);
}

function fromNumber(value: number): TimestampReading {
  if (!Number.isFinite(value)) return { kind: 'unusable', reason: 'it is not a finite number' };
  const seconds = Math.abs(value) < SECONDS_BELOW;
  const ms = seconds ? value * 1000 : value;
  if (!isRepresentableTime(ms))
    return { kind: 'unusable', reason: `${value} is outside the dates a timestamp can hold (nanoseconds or microseconds, perhaps)` };
  return { kind: 'time', ms: Math.round(ms), form: seconds ? 'seconds' : 'milliseconds' };
}

function fromIso(text: string): TimestampReading {
  const match = ISO_8601.exec(text);
  if (!match) return { kind: 'unreadable', reason: `“${text.slice(0, 40)}” is not milliseconds, seconds or an ISO 8601 date` };
  const [, year = '', month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  // A time without a zone is read as UTC: the only reading that does not depend on where this code runs.
  const normalisedZone =
    zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${fraction.padEnd(3, '0').slice(0, 3)}${normalisedZone}`);
  if (!isRepresentableTime(ms)) {
    // A six-digit year can lie beyond what a date holds (±275,760 years); any other failure is an impossible date.
    const beyond = year.length > 4 && Math.abs(Number(year)) >= 271_821;
    return beyond
      ? { kind: 'unusable', reason: `“${text.slice(0, 40)}” is outside the dates a timestamp can hold` }
      : { kind: 'unreadable', reason: `“${text.slice(0, 40)}” is not a real date` };
  }
  return { kind: 'time', ms, form: 'ISO 8601' };
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
