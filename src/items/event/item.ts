/** Shapes an experience event into the item a Zap maps: same keys whether it came from a delivery or the list. */
import type { EventName, Organization } from '../../contract/assumed';
import { readableExperienceType, type Experience } from '../../contract/published';
import { EVENT_CATALOG } from './catalog';
import { experienceFields } from '../experience/describe';

export type ExperienceEventItem = {
  experience_name: string;
  action_type: string;
  experience_type: string;
  timestamp: string;
  experience_id: string;
  triggered_by_email: string | null;
  id: string;
  action: EventName;
  experience_type_code: string;
  experience_category: string;
  experience_status: string;
  triggered_by_name: string | null;
  organization_id: string | null;
  organization_name: string | null;
  shop: string | null;
  variations: string;
  summary: string;
  experience: Experience;
  organization: Organization | null;
};

export interface ExperienceEvent {
  action: EventName;
  /** Milliseconds since the epoch, when the event happened. */
  timestamp: number;
  experience: Experience;
  organization?: Organization | null;
  triggeredBy?: { email?: string | null; name?: string | null } | null;
}

/** One id per event, derivable from a delivery and from the list alike, so Zapier's dedupe sees one event once. */
export function eventId(experienceId: string, action: EventName, timestamp: number): string {
  return `${experienceId}:${action}:${timestamp}`;
}

export function toEventItem(event: ExperienceEvent): ExperienceEventItem {
  const { experience, action } = event;
  const organization = event.organization ?? null;
  const email = nonEmpty(event.triggeredBy?.email);
  const name = nonEmpty(event.triggeredBy?.name);
  const shop = nonEmpty(organization?.shopId);
  const fields = experienceFields(experience);
  // Spelled out rather than spread: the first six keys are, in order, the columns Intelligems maps into Sheets.
  return {
    experience_name: fields.experience_name,
    action_type: EVENT_CATALOG[action].actionType,
    experience_type: fields.experience_type,
    timestamp: new Date(event.timestamp).toISOString(),
    experience_id: fields.experience_id,
    triggered_by_email: email,
    id: eventId(experience.id, action, event.timestamp),
    action,
    experience_type_code: fields.experience_type_code,
    experience_category: fields.experience_category,
    experience_status: fields.experience_status,
    triggered_by_name: name,
    organization_id: organization?.id ?? experience.organizationId ?? null,
    organization_name: nonEmpty(organization?.name),
    shop,
    variations: fields.variations,
    summary: summarize(action, experience, name ?? email, shop),
    experience,
    organization,
  };
}

function summarize(action: EventName, experience: Experience, who: string | null, shop: string | null): string {
  const what = `${readableExperienceType(experience.type)} “${experience.name}”`;
  const where = shop ? ` on ${shop}` : '';
  const verb = EVENT_CATALOG[action].verb;
  return who ? `${who} ${verb} the ${what}${where}.` : `The ${what} was ${verb}${where}.`;
}

function nonEmpty(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
