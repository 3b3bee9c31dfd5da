/**
 * Experience events read from an item of the published `experiences-list`: its recorded `experienceActions` and its
 * own timestamps. Used for `performList` (Zapier's "load sample" and the editor's test step). The list does not say
 * for which store, and (before `history` is read) who acted, so those facts are empty, and `raw` honestly holds only
 * what the list knows: `{action, timestamp, experience}`.
 */
import type { EventName } from '../../contract/assumed';
import type { Experience } from '../../contract/published';
import { isRepresentableTime } from '../../util/iso-date';
import { EVENT_CATALOG } from './catalog';
import type { EventFacts } from './facts';
import { eventId, toEventItem, type ExperienceEventItem } from './item';

export interface ListedEvent {
  action: EventName;
  /** Milliseconds since the epoch, when the event happened. */
  timestamp: number;
  experience: Experience;
}

export function eventTimestamps(experience: Experience, action: EventName): number[] {
  const recorded = EVENT_CATALOG[action].recordedAction;
  if (recorded) {
    const fromActions = (experience.experienceActions ?? []).filter((a) => a.action === recorded).map((a) => a.actionTs);
    if (fromActions.length > 0) return fromActions;
  }
  const fallback = experience[EVENT_CATALOG[action].timestampField];
  return typeof fallback === 'number' ? [fallback] : [];
}

/** Newest first, at most `limit`, one per (experience, event, time). */
export function recentEvents(experiences: ReadonlyArray<Experience>, actions: ReadonlyArray<EventName>, limit: number): ListedEvent[] {
  const seen = new Set<string>();
  const events: ListedEvent[] = [];
  for (const experience of experiences) {
    for (const action of actions) {
      for (const timestamp of eventTimestamps(experience, action)) {
        const key = eventId(experience.id, action, timestamp);
        if (seen.has(key)) continue;
        seen.add(key);
        events.push({ action, timestamp, experience });
      }
    }
  }
  return events.sort((a, b) => b.timestamp - a.timestamp).slice(0, limit);
}

/** The facts of one listed event: the experience's own fields, nothing of who acted or where. */
export function listedEventFacts({ action, timestamp, experience }: ListedEvent): EventFacts {
  const organizationId = experience.organizationId ?? '';
  return {
    action,
    timestampMs: isRepresentableTime(timestamp) ? timestamp : null,
    // The listed time keys the id even when it is no usable date (a nanosecond value), so two events stay two.
    idTime: timestamp,
    text: {
      experience_id: experience.id,
      experience_name: experience.name,
      experience_type_code: experience.type,
      experience_category: experience.category,
      experience_status: experience.status,
      organization_id: organizationId,
      organization_name: '',
      shop: '',
      triggered_by_email: '',
      triggered_by_name: '',
    },
    variations: Array.isArray(experience.variations) ? experience.variations : null,
    experience,
    organization: organizationId === '' ? {} : { id: organizationId },
    raw: { action, timestamp, experience },
  };
}

export function listedEventItem(event: ListedEvent): ExperienceEventItem {
  return toEventItem(listedEventFacts(event));
}
