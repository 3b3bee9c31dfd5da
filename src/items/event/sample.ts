/**
 * The polling event triggers' static sample: an item of the published list with one history record of the event,
 * read by the same code as a poll (./from-experience.ts), so it cannot drift from what `perform` returns.
 */
import type { EventName } from '../../contract/assumed';
import type { Experience } from '../../contract/published';
import { SAMPLE_EVENT_EXPERIENCE, SAMPLE_EVENT_TIME, SAMPLE_ORGANIZATION, SAMPLE_USER } from '../sample-data';
import { EVENT_CATALOG } from './catalog';
import { eventsOfExperience, HISTORY_EVENTS, listedEventItem } from './from-experience';
import type { ExperienceEventItem } from './item';

export function listedEventSample(action: EventName): ExperienceEventItem {
  const historyAction = Object.keys(HISTORY_EVENTS).find((name) => HISTORY_EVENTS[name] === action);
  const experience = {
    ...SAMPLE_EVENT_EXPERIENCE,
    organizationId: SAMPLE_ORGANIZATION.id,
    ...(action === 'createExperience' ? { createdAtTs: SAMPLE_EVENT_TIME } : {}),
    history: historyAction ? [{ action: historyAction, createdAtTs: SAMPLE_EVENT_TIME, user: SAMPLE_USER }] : [],
  } as Experience;
  const event = eventsOfExperience(experience).find((e) => e.action === action);
  // Every event is read from this experience: a creation from createdAtTs, the others from their history record.
  if (!event) throw new Error(`No sample ${EVENT_CATALOG[action].actionType} event`);
  return listedEventItem(event);
}
