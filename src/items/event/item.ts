/**
 * Shapes an experience event into the item a Zap maps: the same keys whether it came from a delivery, from the list
 * (performList) or the static sample, because all three are read by the same tolerant reader first. Every standard
 * key is always there: a field the delivery did not carry is an empty string, so a Zap's mappings never break.
 */
import type { EventName } from '../../contract/assumed';
import { readableExperienceType } from '../../contract/published';
import type { DeliveryReading, JsonObject, StandardField } from '../../contract/read-delivery';
import { isoDate } from '../../util/iso-date';
import { EVENT_CATALOG } from './catalog';
import { describeVariationList } from '../experience/describe';

export type ExperienceEventItem = {
  experience_name: string;
  action_type: string;
  experience_type: string;
  timestamp: string;
  experience_id: string;
  triggered_by_email: string;
  id: string;
  /** Empty when nothing said which event it is (a subscription to several events, and a body and header silent). */
  action: EventName | '';
  experience_type_code: string;
  experience_category: string;
  experience_status: string;
  triggered_by_name: string;
  organization_id: string;
  organization_name: string;
  shop: string;
  variations: string;
  summary: string;
  experience: JsonObject;
  organization: JsonObject;
  /** The body exactly as parsed, as a Catch Hook would show it (for a listed event: the event as it would be delivered). */
  raw: JsonObject;
};

/** One id per event, derivable from a delivery and from the list alike, so Zapier's dedupe sees one event once. */
export function eventId(experienceId: string, action: EventName | '', timestamp: number | string): string {
  return `${experienceId}:${action}:${timestamp}`;
}

/**
 * `undatedId` stands in for the time in the id when the delivery carries none (the pipeline passes a digest of the
 * signature, which is the same on every retry of one delivery).
 */
export function toEventItem(reading: DeliveryReading, undatedId = 'undated'): ExperienceEventItem {
  const text = (field: StandardField) => reading.fields[field]?.value ?? '';
  const action = reading.event.kind === 'known' ? reading.event.name : '';
  const timestamp = reading.timestamp.kind === 'time' ? reading.timestamp.ms : null;
  const typeCode = text('experience_type_code');
  const email = text('triggered_by_email');
  const name = text('triggered_by_name');
  const shop = text('shop');
  // Spelled out rather than spread: the first six keys are, in order, the columns Intelligems maps into Sheets.
  return {
    experience_name: text('experience_name'),
    action_type: action === '' ? '' : EVENT_CATALOG[action].actionType,
    experience_type: typeCode === '' ? '' : readableExperienceType(typeCode),
    timestamp: isoDate(timestamp) ?? '',
    experience_id: text('experience_id'),
    triggered_by_email: email,
    id: eventId(text('experience_id'), action, timestamp ?? undatedId),
    action,
    experience_type_code: typeCode,
    experience_category: text('experience_category'),
    experience_status: text('experience_status'),
    triggered_by_name: name,
    organization_id: text('organization_id'),
    organization_name: text('organization_name'),
    shop,
    variations: reading.variations ? describeVariationList(reading.variations.value) : '',
    summary: summarize(action, typeCode, text('experience_name'), text('experience_id'), name.trim() || email.trim(), shop.trim()),
    experience: reading.experience,
    organization: reading.organization,
    raw: reading.raw,
  };
}

/** "Jane Doe started the Price Test “Spring pricing” on acme-outdoors.myshopify.com.", with what is known. */
function summarize(action: EventName | '', typeCode: string, name: string, id: string, who: string, shop: string): string {
  const kind = typeCode === '' ? 'experience' : readableExperienceType(typeCode);
  const what = name !== '' ? `${kind} “${name}”` : id !== '' ? `${kind} ${id}` : kind;
  const where = shop ? ` on ${shop}` : '';
  const verb = action === '' ? 'changed' : EVENT_CATALOG[action].verb;
  return who ? `${who} ${verb} the ${what}${where}.` : `The ${what} was ${verb}${where}.`;
}
