/**
 * The whole delivery pipeline, pure: raw bytes, a signature value and secrets in; every check with its result, and
 * the item out. The trigger's perform (src/triggers/experience-events/receive-delivery.ts) and `npm run inspect-delivery`
 * (tools/inspect-delivery.ts) both run exactly this, so what the tool says is what a Zap does.
 *
 * Two hard gates: the signature (nothing is parsed before it is proven, so unsigned input costs one HMAC) and the
 * replay window. Past them, "signed means it runs": every signed JSON object becomes one item, read tolerantly
 * (src/contract/read-delivery.ts), unless it is for another event or is a test delivery. Filters and repeats are the
 * Zap's own business and are left to the trigger. Never throws; no message holds a secret or an expected signature.
 */
import { createHash } from 'node:crypto';
import { DELIVERY_HEADERS, type EventName } from '../contract/assumed';
import { isJsonObject, readDelivery, STANDARD_FIELDS, type DeliveryReading, type StandardField } from '../contract/read-delivery';
import { toEventItem, type ExperienceEventItem } from '../items/event/item';
import { deliveryFacts } from './event-facts';
import { isoDate } from '../util/iso-date';
import { exceedsDepth } from './json-depth';
import { describeDuration, freshness, MAX_DELIVERY_AGE_MS, MAX_FUTURE_SKEW_MS, UNDATED_REPEAT_MEMORY_MS } from './replay-window';
import { verifySignature } from './signature';

/** An experience nests a handful of levels; thousands overflow Zapier's recursive handling of the trigger output. */
export const MAX_BODY_DEPTH = 64;

/** Why a delivery was refused: one reason per hard check. */
export type DeliveryCheck =
  | 'no_body'
  | 'no_secret'
  | 'signature_missing'
  | 'signature_malformed'
  | 'signature_mismatch'
  | 'not_json'
  | 'too_deep'
  | 'not_object'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_in_future';

/** The steps, in order, as `inspect-delivery` names them. */
export type CheckName = 'body' | 'secret' | 'signature' | 'json' | 'fields' | 'timestamp' | 'event' | 'test';

export interface CheckResult {
  name: CheckName;
  ok: boolean;
  detail: string;
}

export type DeliveryOutcome =
  | { status: 'rejected'; check: DeliveryCheck; message: string }
  | { status: 'ignored'; reason: 'other_event' | 'test'; message: string }
  | { status: 'accepted' };

export interface DeliveryReport {
  outcome: DeliveryOutcome;
  /** Every check made, in order, up to the first that failed (written out when first read). */
  readonly checks: CheckResult[];
  /** What the reader found, once the body proved to be a signed JSON object. */
  reading?: DeliveryReading;
  /** The item: the Zap's when accepted; for a test delivery, the one it would have made. */
  item?: ExperienceEventItem;
  /**
   * A SHA-256 digest of the verified signature: identical on every retry of one delivery, so it keys deduplication
   * and names an undated event. A digest, not the signature itself, which must never reach an output or a cache key.
   */
  digest?: string;
  /** When the delivery happened (ms), if it says; deduplication keeps it while it could still pass freshness. */
  timestampMs?: number | null;
  /** Lines for the Zap's history: standard fields the delivery lacked, a delivery without a timestamp. */
  notes: string[];
}

export interface DeliveryInput {
  rawBody: unknown;
  /** The `X-Intelligems-Signature` header's value as received; missing when the delivery had none. */
  signature: string | undefined | null;
  /** The `X-Intelligems-Event` header's value: unsigned, so only read when the body names no event. */
  eventHeader?: string | undefined | null;
  secrets: ReadonlyArray<string | undefined | null>;
  /** The events the Zap runs for. */
  listensTo: ReadonlyArray<EventName>;
  /** The events the subscription was made for (`subscribeData.events`); defaults to `listensTo`. */
  subscribedEvents?: ReadonlyArray<EventName>;
  now?: number;
}

/**
 * The checks made so far. Their details are written only when someone reads them (inspect-delivery, tests): a live
 * perform needs the outcome, not the prose, and writing it would cost every delivery about as much as reading it.
 */
class CheckLog {
  readonly steps: Array<{ name: CheckName; ok: boolean; detail: string | (() => string) }> = [];

  pass(name: CheckName, detail: string | (() => string)): void {
    this.steps.push({ name, ok: true, detail });
  }

  fail(name: CheckName, detail: string): void {
    this.steps.push({ name, ok: false, detail });
  }
}

type Found = Pick<DeliveryReport, 'reading' | 'item' | 'digest' | 'timestampMs'>;

class Report implements DeliveryReport {
  private written: CheckResult[] | undefined;
  readonly reading?: DeliveryReading;
  readonly item?: ExperienceEventItem;
  readonly digest?: string;
  readonly timestampMs?: number | null;

  constructor(
    readonly outcome: DeliveryOutcome,
    private readonly log: CheckLog,
    found: Found,
    readonly notes: string[],
  ) {
    this.reading = found.reading;
    this.item = found.item;
    this.digest = found.digest;
    this.timestampMs = found.timestampMs;
  }

  get checks(): CheckResult[] {
    this.written ??= this.log.steps.map(({ name, ok, detail }) => ({ name, ok, detail: typeof detail === 'string' ? detail : detail() }));
    return this.written;
  }
}

export function checkDelivery(input: DeliveryInput): DeliveryReport {
  const log = new CheckLog();
  const reject = (name: CheckName, check: DeliveryCheck, message: string, found: Found = {}): DeliveryReport => {
    log.fail(name, message);
    return new Report({ status: 'rejected', check, message }, log, found, []);
  };
  const now = input.now ?? Date.now();
  const { rawBody } = input;

  // First: is there a delivery at all? (`zapier-platform invoke` runs a hook's perform without one.)
  if (typeof rawBody !== 'string' || rawBody.length === 0) {
    return reject('body', 'no_body', 'Ignored a delivery with an empty body: there is nothing to check or use.');
  }
  log.pass('body', () => `${Buffer.byteLength(rawBody)} bytes`);

  const secrets = input.secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  if (secrets.length === 0) {
    return reject(
      'secret',
      'no_secret',
      'Ignored a delivery: this Zap has no signing secret to check it with. Turn the Zap off and on again so it subscribes afresh, or enter the Webhook Signing Secret in the Intelligems connection.',
    );
  }
  log.pass('secret', () => (secrets.length === 1 ? 'one signing secret to check with' : `${secrets.length} signing secrets to check with`));

  const signature = verifySignature(rawBody, input.signature, secrets);
  if (!signature.ok) return reject('signature', `signature_${signature.problem}`, SIGNATURE_MESSAGES[signature.problem]);
  log.pass(
    'signature',
    () =>
      `${DELIVERY_HEADERS.signature} matches ${secrets.length === 1 ? 'the signing secret' : 'a signing secret'}: the body comes from Intelligems, unaltered`,
  );

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return reject('json', 'not_json', 'Ignored a signed delivery whose body is not valid JSON.');
  }
  if (exceedsDepth(json, MAX_BODY_DEPTH)) {
    return reject(
      'json',
      'too_deep',
      `Ignored a signed delivery nested more than ${MAX_BODY_DEPTH} levels deep: no Intelligems event is shaped like that, and Zapier could not pass it on.`,
    );
  }
  if (!isJsonObject(json)) {
    return reject(
      'json',
      'not_object',
      `Ignored a signed delivery whose body is ${describeJson(json)}, not a JSON object: there are no fields to read from it.`,
    );
  }
  log.pass('json', 'a JSON object');

  const listensTo = input.listensTo;
  const reading = readDelivery(json, { eventHeader: input.eventHeader, subscribedEvents: input.subscribedEvents ?? listensTo });
  const found = { reading, digest: createHash('sha256').update(signature.received).digest('hex') };
  const notes: string[] = [];
  const missing = STANDARD_FIELDS.filter((field) => reading.fields[field] === null);
  log.pass('fields', () => describeFields(reading, missing));

  const { timestamp } = reading;
  let timestampMs: number | null = null;
  if (timestamp.kind === 'unusable') {
    return reject(
      'timestamp',
      'invalid_timestamp',
      `Ignored a signed delivery whose timestamp (at “${timestamp.at}”) cannot be used: ${timestamp.reason}. A time no date can hold is not one Intelligems' clock made.`,
      found,
    );
  }
  if (timestamp.kind === 'time') {
    const fresh = freshness(timestamp.ms, now);
    if (!fresh.ok && fresh.problem === 'too_old') {
      return reject(
        'timestamp',
        'timestamp_too_old',
        `Ignored a delivery signed ${describeDuration(fresh.ageMs)} ago: deliveries older than ${describeDuration(MAX_DELIVERY_AGE_MS)} are refused as possible replays.`,
        found,
      );
    }
    if (!fresh.ok) {
      return reject(
        'timestamp',
        'timestamp_in_future',
        `Ignored a delivery whose timestamp is ${describeDuration(fresh.ageMs)} in the future: more than ${describeDuration(MAX_FUTURE_SKEW_MS)} ahead cannot come from Intelligems' clock.`,
        found,
      );
    }
    timestampMs = timestamp.ms;
    log.pass(
      'timestamp',
      () =>
        `${isoDate(timestamp.ms)} (${timestamp.form}, at “${timestamp.at}”): ${describeAge(fresh.ageMs)}, inside the replay window (at most ${describeDuration(MAX_DELIVERY_AGE_MS)} old, ${describeDuration(MAX_FUTURE_SKEW_MS)} ahead)`,
    );
  } else {
    // Signed, so no one but Intelligems chose it: a form this app cannot read is treated like no timestamp at all.
    const what = timestamp.kind === 'unreadable' ? `a timestamp it cannot read (at “${timestamp.at}”: ${timestamp.reason})` : 'no timestamp';
    const note = `This delivery carries ${what}, so it could not be checked for being a replay; a repeat of it is still recognised for ${describeDuration(UNDATED_REPEAT_MEMORY_MS)}.`;
    notes.push(note);
    log.pass('timestamp', `${timestamp.kind === 'unreadable' ? 'unreadable' : 'none'}: ${note}`);
  }

  const { event } = reading;
  const experienceId = reading.fields.experience_id?.value || '(no experience ID)';
  if (event.kind === 'unknown' || (event.kind === 'known' && !listensTo.includes(event.name))) {
    const listening = listensTo.join(', ');
    const named = event.kind === 'known' ? event.name : `“${event.text.slice(0, 64)}”, which is not one of the six experience events,`;
    log.fail('event', `${event.kind === 'known' ? event.name : `“${event.text.slice(0, 64)}”`} (from ${event.at}): this Zap runs for ${listening}`);
    const message = `Ignored ${named} for experience ${experienceId}: this Zap runs for ${listening}.`;
    return new Report({ status: 'ignored', reason: 'other_event', message }, log, { ...found, timestampMs }, notes);
  }
  if (event.kind === 'known') {
    log.pass('event', () => `${event.name} (from ${event.at}${event.text === event.name ? '' : `, spelled “${event.text}”`})`);
  } else {
    const note = `This delivery does not say which event it is (no event in the body, no ${DELIVERY_HEADERS.event} header, and the subscription has several events), so the item's Event Name and Action Type are empty.`;
    notes.push(note);
    log.pass('event', `none: ${note}`);
  }

  const item = toEventItem(deliveryFacts(reading, `sig-${found.digest.slice(0, 16)}`));
  if (reading.test?.value) {
    log.fail('test', `a test delivery (“${reading.test.at}”: true): a live Zap ignores it`);
    const message = `Ignored a test delivery (“${reading.test.at}”: true) for experience ${experienceId}: Intelligems sends it to check the connection, so this Zap does not run for it.`;
    return new Report({ status: 'ignored', reason: 'test', message }, log, { reading, digest: found.digest, item, timestampMs }, notes);
  }
  log.pass('test', 'not a test delivery');

  if (missing.length > 0) {
    notes.push(
      `This delivery did not carry ${missing.join(', ')}: ${missing.length === 1 ? 'it is' : 'they are'} empty in the item. The whole delivery is in the item's Raw fields.`,
    );
  }
  return new Report({ status: 'accepted' }, log, { reading, digest: found.digest, item, timestampMs }, notes);
}

const SIGNATURE_MESSAGES = {
  missing: `Ignored a delivery without an ${DELIVERY_HEADERS.signature} header: it cannot be proven to come from Intelligems.`,
  malformed: `Ignored a delivery whose ${DELIVERY_HEADERS.signature} header is not a SHA-256 signature (64 hex characters): it cannot be proven to come from Intelligems.`,
  mismatch: `Ignored a delivery whose ${DELIVERY_HEADERS.signature} does not match this Zap's signing secret: it was altered or did not come from Intelligems. If the secret was rotated in Intelligems, enter the new one as the Webhook Signing Secret in the connection, or turn the Zap off and on again.`,
} as const;

/** "found 9 of 10 (experience_id at experience.id, …); missing: shop". */
function describeFields(reading: DeliveryReading, missing: StandardField[]): string {
  const found = STANDARD_FIELDS.filter((field) => reading.fields[field] !== null).map((field) => `${field} at ${reading.fields[field]!.at}`);
  if (reading.variations) found.push(`variations at ${reading.variations.at}`);
  const total = STANDARD_FIELDS.length + 1;
  const absent = reading.variations ? missing : [...missing, 'variations'];
  return `found ${found.length} of ${total}${found.length > 0 ? ` (${found.join(', ')})` : ''}${absent.length > 0 ? `; missing: ${absent.join(', ')}` : ''}`;
}

function describeAge(ageMs: number): string {
  return ageMs >= 0 ? `${describeDuration(ageMs)} old` : `${describeDuration(ageMs)} ahead of this clock`;
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}
