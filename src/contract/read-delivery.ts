/**
 * The tolerant reader of a delivery body: what the app takes from a signed JSON object whose exact shape Intelligems
 * has not published. The assumed spelling of each field (as in `deliveryBodySchema`, ./assumed.ts) is looked up
 * first, by its exact key; the reader also finds each field
 * - nested (`experience.name`) or flat (`experienceName`),
 * - at the top level or wrapped in a `data` or `payload` object,
 * - in camelCase or snake_case (keys compare ignoring case, `_`, `-` and spaces),
 * and reports where it found each one. A field it cannot find is reported missing, never guessed. The body itself
 * is never changed: it is handed on as it is, so a user can map what this reader does not know.
 * The accepted shapes are listed in docs/assumed-contract.md.
 */
import { DELIVERY_HEADERS, type EventName } from './assumed';
import { matchEventName } from './event-name';
import { readTimestamp, type TimestampReading } from './delivery-timestamp';
import { EVENT_TEXT_FACTS, type EventTextFact, type JsonObject } from '../items/event/facts';

/**
 * The item's fields a delivery is expected to carry, each a text value (variations are read separately): the event
 * item's own text facts, so the reader looks for exactly what an item shows, from one list.
 */
export const STANDARD_FIELDS = EVENT_TEXT_FACTS;
export type StandardField = EventTextFact;

/** Where each field is looked for, in order, as camelCase key paths (the assumed spelling first). */
const FIELD_PATHS: Record<StandardField, ReadonlyArray<ReadonlyArray<string>>> = {
  experience_id: [['experience', 'id'], ['experienceId']],
  experience_name: [['experience', 'name'], ['experienceName']],
  experience_type_code: [['experience', 'type'], ['experienceType']],
  experience_category: [['experience', 'category'], ['experienceCategory']],
  experience_status: [['experience', 'status'], ['experienceStatus']],
  organization_id: [['organization', 'id'], ['organizationId'], ['experience', 'organizationId']],
  organization_name: [['organization', 'name'], ['organizationName']],
  shop: [['organization', 'shopId'], ['organization', 'shopDomain'], ['shopId'], ['shopDomain'], ['shop']],
  triggered_by_email: [['triggeredBy', 'email'], ['triggeredByEmail']],
  triggered_by_name: [['triggeredBy', 'name'], ['triggeredByName']],
};
const VARIATION_PATHS = [['experience', 'variations'], ['variations']];
/** The body's own name for its event; `type` counts only when it is an event name (it may be the experience's type). */
const EVENT_PATHS = [['action'], ['event'], ['eventType']];
const EVENT_OR_TYPE_PATHS = [...EVENT_PATHS, ['type']];
const TIMESTAMP_PATHS = [['timestamp'], ['ts'], ['eventTimestamp'], ['eventTime'], ['occurredAt']];
/** Assumed: `test: true` marks a "test the webhook" delivery (the sandbox's `POST /webhooks/{id}/test` sends one). */
const TEST_PATHS = [['test'], ['isTest']];
const WRAPPERS = ['data', 'payload'];

export interface Found<T> {
  value: T;
  /** Where it was found: `experience.name`, `data.experience_name`, or a header or the subscription for the event. */
  at: string;
}

export type EventReading =
  | { kind: 'known'; name: EventName; text: string; at: string }
  /** Something names the event, but not as one of the six: an event this app does not know. */
  | { kind: 'unknown'; text: string; at: string }
  | { kind: 'absent' };

export interface DeliveryReading {
  event: EventReading;
  timestamp: TimestampReading & { at: string | null };
  test: Found<boolean> | null;
  fields: Record<StandardField, Found<string> | null>;
  variations: Found<unknown[]> | null;
  /** The nested `experience` object as received, or one made of the flat experience fields found. */
  experience: JsonObject;
  /** The nested `organization` object as received, or one made of the flat organization fields found. */
  organization: JsonObject;
  /** The body, untouched. */
  raw: JsonObject;
}

export interface ReadContext {
  /** The `X-Intelligems-Event` header: unsigned, so read only when the body names no event. */
  eventHeader?: string | null;
  /** The events the subscription was made for: its event, when it is exactly one and nothing else names one. */
  subscribedEvents?: ReadonlyArray<EventName>;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lower case, without `_`, `-` or spaces: `experience_name`, `ExperienceName` and `experience-name` all give `experiencename`. */
const normalise = (key: string) => key.replace(/[\s_-]/g, '').toLowerCase();

/** The same keys come in every delivery, so their normal forms are remembered (a bounded memo: hostile keys cannot grow it). */
const NORMALISED = new Map<string, string>();
const MEMO_LIMIT = 2_000;
function normalisedKey(key: string): string {
  let normal = NORMALISED.get(key);
  if (normal === undefined) {
    normal = normalise(key);
    if (NORMALISED.size >= MEMO_LIMIT) NORMALISED.clear();
    NORMALISED.set(key, normal);
  }
  return normal;
}

/** The key of `object` that spells `camel` in any accepted way. The exact (assumed) spelling is the fast path. */
function keyOf(object: JsonObject, camel: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(object, camel)) return camel;
  const wanted = normalisedKey(camel);
  for (const key in object) {
    // Normalising only removes separators, so a shorter key never matches, and one padded beyond reason is not a spelling.
    if (key.length < wanted.length || key.length > 2 * wanted.length + 8) continue;
    if (Object.prototype.hasOwnProperty.call(object, key) && normalisedKey(key) === wanted) return key;
  }
  return undefined;
}

/** One reading of one body: the containers fields are looked for in (the body, then its `data` and `payload`). */
class BodyReader {
  readonly containers: Array<{ object: JsonObject; prefix: string }>;

  constructor(readonly body: JsonObject) {
    this.containers = [{ object: body, prefix: '' }];
    for (const wrapper of WRAPPERS) {
      const key = keyOf(body, wrapper);
      if (key !== undefined && isJsonObject(body[key])) this.containers.push({ object: body[key], prefix: `${key}.` });
    }
  }

  /**
   * The first value at any of `paths`, in any container. A present `null` (or a null parent, as `triggeredBy: null`
   * for a system action) counts as found and empty, but a real value elsewhere wins over it.
   */
  find(paths: ReadonlyArray<ReadonlyArray<string>>, accept: (value: unknown) => boolean): Found<unknown> | null {
    let foundNull: Found<unknown> | null = null;
    for (const { object, prefix } of this.containers) {
      for (const path of paths) {
        let current: unknown = object;
        let at = prefix;
        for (let i = 0; i < path.length; i++) {
          const step = path[i] as string;
          if (!isJsonObject(current)) {
            current = undefined;
            break;
          }
          const key = keyOf(current, step);
          if (key === undefined) {
            current = undefined;
            break;
          }
          current = current[key];
          at += i === 0 ? key : `.${key}`;
          if (current === null) break;
        }
        if (current === null) foundNull ??= { value: null, at };
        else if (current !== undefined && accept(current)) return { value: current, at };
      }
    }
    return foundNull;
  }
}

const isScalar = (value: unknown) => typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
// Only ever given what isScalar accepted (or null): a string, a finite number or a boolean.
// eslint-disable-next-line @typescript-eslint/no-base-to-string
const asText = (value: unknown) => (value === null ? '' : String(value));

export function readDelivery(body: JsonObject, context: ReadContext = {}): DeliveryReading {
  const reader = new BodyReader(body);
  const fields = {} as Record<StandardField, Found<string> | null>;
  for (const field of STANDARD_FIELDS) {
    const found = reader.find(FIELD_PATHS[field], isScalar);
    if (found) found.value = asText(found.value);
    fields[field] = found as Found<string> | null;
  }
  const variations = reader.find(VARIATION_PATHS, Array.isArray);
  const timestampFound = reader.find(TIMESTAMP_PATHS, () => true);
  const testFound = reader.find(TEST_PATHS, (value) => typeof value === 'boolean' || typeof value === 'string');
  return {
    event: readEvent(reader, context),
    timestamp: { ...readTimestamp(timestampFound?.value), at: timestampFound?.at ?? null },
    test: testFound && {
      value: testFound.value === true || (typeof testFound.value === 'string' && testFound.value.trim().toLowerCase() === 'true'),
      at: testFound.at,
    },
    fields,
    variations: variations && variations.value !== null ? { value: variations.value as unknown[], at: variations.at } : null,
    experience:
      objectAt(reader, 'experience') ??
      gathered({
        id: fields.experience_id,
        name: fields.experience_name,
        type: fields.experience_type_code,
        category: fields.experience_category,
        status: fields.experience_status,
      }),
    organization: objectAt(reader, 'organization') ?? gathered({ id: fields.organization_id, name: fields.organization_name, shopId: fields.shop }),
    raw: body,
  };
}

/** The body's event first (it is signed), then the header's, then the subscription's own when it has exactly one. */
function readEvent(reader: BodyReader, context: ReadContext): EventReading {
  const isEvent = (value: unknown) => typeof value === 'string' && matchEventName(value) !== null;
  const fromBody = reader.find(EVENT_OR_TYPE_PATHS, isEvent);
  if (fromBody && typeof fromBody.value === 'string') return known(fromBody.value, fromBody.at);
  // Named in the signed body, but not one of the six: a new kind of event, never to be mistaken for the subscription's
  // own, and never overridden by the unsigned header (anyone replaying the signed bytes can choose that).
  const named = reader.find(EVENT_PATHS, (value) => typeof value === 'string' && value.trim() !== '');
  if (named && typeof named.value === 'string') return { kind: 'unknown', text: named.value, at: named.at };
  const header = context.eventHeader?.trim();
  const headerAt = `${DELIVERY_HEADERS.event} header`;
  if (header) {
    const fromHeader = matchEventName(header);
    return fromHeader ? { kind: 'known', name: fromHeader, text: header, at: headerAt } : { kind: 'unknown', text: header, at: headerAt };
  }
  const subscribed = context.subscribedEvents ?? [];
  const [only] = subscribed;
  if (subscribed.length === 1 && only !== undefined) return { kind: 'known', name: only, text: only, at: 'the subscription (its only event)' };
  return { kind: 'absent' };
}

/** For a text already known to name an event (the exact spelling costs a set lookup, any other one split). */
function known(text: string, at: string): EventReading {
  return { kind: 'known', name: matchEventName(text)!, text, at };
}

function objectAt(reader: BodyReader, key: string): JsonObject | undefined {
  const found = reader.find([[key]], isJsonObject);
  return found && isJsonObject(found.value) ? found.value : undefined;
}

/** An object of the flat values that were found, under the assumed contract's own key names. */
function gathered(values: Record<string, Found<string> | null>): JsonObject {
  const object: JsonObject = {};
  for (const [key, found] of Object.entries(values)) if (found && found.value !== '') object[key] = found.value;
  return object;
}
