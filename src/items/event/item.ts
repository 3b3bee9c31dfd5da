/**
 * Shapes an experience event into the item a Zap maps, from source-neutral facts (./facts.ts): the same keys whether
 * the event came from a delivery, from the list (performList) or the static sample. Every standard key is always
 * there: a fact the source did not carry is an empty string, so a Zap's mappings never break.
 */
import type { EventName } from '../../contract/assumed';
import { readableExperienceType } from '../../contract/published';
import { isoDate } from '../../util/iso-date';
import { EVENT_CATALOG } from './catalog';
import { describeVariationList } from '../experience/describe';
import type { EventFacts, JsonObject } from './facts';

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

export function toEventItem(facts: EventFacts): ExperienceEventItem {
  const { action, text } = facts;
  const typeCode = text.experience_type_code;
  // Spelled out rather than spread: the first six keys are, in order, the columns Intelligems maps into Sheets.
  return {
    experience_name: text.experience_name,
    action_type: action === '' ? '' : EVENT_CATALOG[action].actionType,
    experience_type: typeCode === '' ? '' : readableExperienceType(typeCode),
    timestamp: isoDate(facts.timestampMs) ?? '',
    experience_id: text.experience_id,
    triggered_by_email: text.triggered_by_email,
    id: eventId(text.experience_id, action, facts.idTime),
    action,
    experience_type_code: typeCode,
    experience_category: text.experience_category,
    experience_status: text.experience_status,
    triggered_by_name: text.triggered_by_name,
    organization_id: text.organization_id,
    organization_name: text.organization_name,
    shop: text.shop,
    variations: facts.variations ? describeVariationList(facts.variations) : '',
    summary: summarize(facts),
    experience: facts.experience,
    organization: facts.organization,
    raw: facts.raw,
  };
}

/** "Jane Doe started the Price Test “Spring pricing” on acme-outdoors.myshopify.com.", with what is known. */
function summarize({ action, text }: EventFacts): string {
  const typeCode = text.experience_type_code;
  const who = text.triggered_by_name.trim() || text.triggered_by_email.trim();
  const shop = text.shop.trim();
  const kind = typeCode === '' ? 'experience' : readableExperienceType(typeCode);
  const name = text.experience_name;
  const id = text.experience_id;
  const what = name !== '' ? `${kind} “${name}”` : id !== '' ? `${kind} ${id}` : kind;
  const where = shop ? ` on ${shop}` : '';
  const verb = action === '' ? 'changed' : EVENT_CATALOG[action].verb;
  return who ? `${who} ${verb} the ${what}${where}.` : `The ${what} was ${verb}${where}.`;
}
