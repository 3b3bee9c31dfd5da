/**
 * Recent events of one kind, rebuilt from `experiences-list` for `performList` (Zapier's "load sample" and the
 * editor's test step). The list does not say who acted, so those fields are null here.
 */
import type { EventName } from '../../contract/assumed';
import type { Experience } from '../../contract/published';
import { EVENT_CATALOG } from './catalog';
import { eventId, type ExperienceEvent } from './item';

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
export function recentEvents(experiences: ReadonlyArray<Experience>, actions: ReadonlyArray<EventName>, limit: number): ExperienceEvent[] {
  const seen = new Set<string>();
  const events: ExperienceEvent[] = [];
  for (const experience of experiences) {
    for (const action of actions) {
      for (const timestamp of eventTimestamps(experience, action)) {
        const key = eventId(experience.id, action, timestamp);
        if (seen.has(key)) continue;
        seen.add(key);
        events.push({ action, timestamp, experience, organization: null, triggeredBy: null });
      }
    }
  }
  return events.sort((a, b) => b.timestamp - a.timestamp).slice(0, limit);
}
