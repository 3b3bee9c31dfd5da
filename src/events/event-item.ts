/** Shapes an experience event into the item a Zap maps: same keys whether it came from a delivery or the list. */
import type { EventName, Organization } from '../contract/assumed';
import { readableExperienceType, type Experience } from '../contract/published';
import { EVENT_CATALOG } from './event-catalog';

export interface ExperienceEventItem {
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
}

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
  return {
    experience_name: experience.name,
    action_type: EVENT_CATALOG[action].actionType,
    experience_type: readableExperienceType(experience.type),
    timestamp: new Date(event.timestamp).toISOString(),
    experience_id: experience.id,
    triggered_by_email: email,
    id: eventId(experience.id, action, event.timestamp),
    action,
    experience_type_code: experience.type,
    experience_category: experience.category,
    experience_status: experience.status,
    triggered_by_name: name,
    organization_id: organization?.id ?? experience.organizationId ?? null,
    organization_name: nonEmpty(organization?.name),
    shop,
    variations: describeVariations(experience),
    summary: summarize(action, experience, name ?? email, shop),
    experience,
    organization,
  };
}

/** "Control 50%, +10% price 50%", in the variations' own order. */
export function describeVariations(experience: Experience): string {
  const variations = [...(experience.variations ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  return variations.map((v) => `${v.name} ${formatPercent(v.percentage)}%`).join(', ');
}

function summarize(action: EventName, experience: Experience, who: string | null, shop: string | null): string {
  const what = `${readableExperienceType(experience.type)} “${experience.name}”`;
  const where = shop ? ` on ${shop}` : '';
  const verb = EVENT_CATALOG[action].verb;
  return who ? `${who} ${verb} the ${what}${where}.` : `The ${what} was ${verb}${where}.`;
}

function formatPercent(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}

function nonEmpty(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
