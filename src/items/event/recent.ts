/**
 * Recent events of one kind, rebuilt from `experiences-list` for `performList` (Zapier's "load sample" and the
 * editor's test step). Each is shaped from the body the assumed contract would deliver for it, by the same reader
 * as a real delivery, so the keys match. The list does not say who acted or for which store, so those are empty,
 * and `raw` honestly holds only what the list knows: `{action, timestamp, experience}`.
 */
import type { EventName } from '../../contract/assumed';
import type { Experience } from '../../contract/published';
import { readDelivery } from '../../contract/read-delivery';
import { EVENT_CATALOG } from './catalog';
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

export function listedEventItem(event: ListedEvent): ExperienceEventItem {
  // The listed time keys the id even when it is no usable date (a nanosecond value), so two events stay two.
  return toEventItem(readDelivery({ action: event.action, timestamp: event.timestamp, experience: event.experience }), String(event.timestamp));
}
