/**
 * Experience events read from an item of the published `experiences-list`, pure, in one place: the polling event
 * triggers (their `perform`) and the instant ones (their `performList`, the editor's samples) both read events here,
 * never through the reader of the assumed webhook body. docs/event-reading.md has the same table in words.
 *
 * | event                  | read from                                                                                      |
 * | ---------------------- | ---------------------------------------------------------------------------------------------- |
 * | started, paused, ended | `history` startExperience, pauseExperience, endExperience; `experienceActions` start, pause, end |
 * | updated                | `history` saveExperience                                                                       |
 * | deleted                | `history` deleteExperience, archiveExperience; `experienceActions` delete; `isDeleted`, `archivedAtTs`; and an experience gone from the list (`absenceEvent`) |
 * | created                | `createdAtTs`                                                                                  |
 *
 * `lastUpdateTs`, `startedAtTs`, `pausedAtTs` and `endedAtTs` only say when the latest change happened: alone they
 * are never an event. Who acted comes from the history record's user. Sightings of one event on one experience within
 * SAME_OCCURRENCE_MS of the first are one occurrence, one item, whose id is keyed on that first sighting's time.
 */
import type { EventName } from '../../contract/assumed';
import type { Experience, HistoryRecord, HistoryUser } from '../../contract/published';
import { isRepresentableTime } from '../../util/iso-date';
import { optionalText } from '../../util/optional-text';
import type { EventFacts, JsonObject } from './facts';
import { eventId, toEventItem, type ExperienceEventItem } from './item';

/** Two sightings of one event on one experience this close to the first are one occurrence. */
export const SAME_OCCURRENCE_MS = 5 * 60 * 1000;

/** The `history` actions that are events; any other (duplicateExperience, saveCampaign, an unknown one) is none. */
export const HISTORY_EVENTS: Readonly<Record<string, EventName>> = {
  startExperience: 'startExperience',
  pauseExperience: 'pauseExperience',
  endExperience: 'endExperience',
  saveExperience: 'updateExperience',
  deleteExperience: 'deleteExperience',
  archiveExperience: 'deleteExperience',
};

/** The `experienceActions` actions that are events (reset is none). */
export const RECORDED_ACTION_EVENTS: Readonly<Record<string, EventName>> = {
  start: 'startExperience',
  pause: 'pauseExperience',
  end: 'endExperience',
  delete: 'deleteExperience',
};

/** Who acted; both empty when nothing says (a system action, a creation, a deletion seen only by absence). */
export interface Actor {
  email: string;
  name: string;
}
const NOBODY: Actor = { email: '', name: '' };

export interface ListedEvent {
  action: EventName;
  /** When it happened (Unix ms, a usable date). */
  timestamp: number;
  /** What keys the item's id: the occurrence's first sighting's time, or for an absence a stamp just as stable. */
  idTime: number | string;
  experience: Experience;
  who: Actor;
}

type Source = 'history' | 'action' | 'state' | 'created';
interface Sighting {
  action: EventName;
  time: number;
  source: Source;
  who: Actor;
}

/** Text as an item shows it: trimmed, '' when missing. */
const text = (value: unknown): string => optionalText(value) ?? '';

/** "Jane Doe": the preferred name, else first and last name; the email from `email`, else `preferredEmail`. */
export function actorOf(user: HistoryUser | null | undefined): Actor {
  if (!user) return NOBODY;
  const preferred = text(user.preferredName);
  const name = preferred !== '' ? preferred : [text(user.firstName), text(user.lastName)].filter((part) => part !== '').join(' ');
  const email = text(user.email) || text(user.preferredEmail);
  return { email, name };
}

/** Every event one list item records, one per occurrence, oldest first. */
export function eventsOfExperience(experience: Experience): ListedEvent[] {
  const sightings = sightingsOf(experience);
  const events: ListedEvent[] = [];
  for (const action of new Set(sightings.map((s) => s.action))) {
    const ofAction = sightings.filter((s) => s.action === action).sort((a, b) => a.time - b.time || SOURCE_RANK[a.source] - SOURCE_RANK[b.source]);
    let occurrence: Sighting[] = [];
    const close = () => {
      const first = occurrence[0];
      if (first) events.push({ action, timestamp: first.time, idTime: first.time, experience, who: whoOf(occurrence) });
      occurrence = [];
    };
    for (const sighting of ofAction) {
      if (occurrence[0] && sighting.time - occurrence[0].time > SAME_OCCURRENCE_MS) close();
      occurrence.push(sighting);
    }
    close();
  }
  return events.sort((a, b) => a.timestamp - b.timestamp);
}

/** Who acted in one occurrence: a history record's user first (it has a name), else an action's `performedBy`. */
function whoOf(occurrence: ReadonlyArray<Sighting>): Actor {
  const known = occurrence.filter((s) => s.who.email !== '' || s.who.name !== '');
  return known.find((s) => s.source === 'history')?.who ?? known[0]?.who ?? NOBODY;
}

const SOURCE_RANK: Record<Source, number> = { history: 0, action: 1, state: 2, created: 3 };

function sightingsOf(experience: Experience): Sighting[] {
  const sightings: Sighting[] = [];
  if (isRepresentableTime(experience.createdAtTs)) {
    sightings.push({ action: 'createExperience', time: experience.createdAtTs, source: 'created', who: NOBODY });
  }
  for (const record of experience.history ?? []) {
    const action = eventOfHistory(record);
    const time = record.createdAtTs ?? record.lastUpdateTs;
    if (action !== null && isRepresentableTime(time)) sightings.push({ action, time, source: 'history', who: actorOf(record.user) });
  }
  for (const recorded of experience.experienceActions ?? []) {
    const action = Object.hasOwn(RECORDED_ACTION_EVENTS, recorded.action) ? RECORDED_ACTION_EVENTS[recorded.action] : undefined;
    const performedBy = text(recorded.performedBy);
    if (action && isRepresentableTime(recorded.actionTs))
      sightings.push({ action, time: recorded.actionTs, source: 'action', who: { email: performedBy, name: '' } });
  }
  if (isRepresentableTime(experience.archivedAtTs)) {
    sightings.push({ action: 'deleteExperience', time: experience.archivedAtTs, source: 'state', who: NOBODY });
  } else if (experience.isDeleted === true && !sightings.some((s) => s.action === 'deleteExperience') && isRepresentableTime(experience.lastUpdateTs)) {
    // Deleted, and nothing else says when: its last change is the deletion.
    sightings.push({ action: 'deleteExperience', time: experience.lastUpdateTs, source: 'state', who: NOBODY });
  }
  return sightings;
}

function eventOfHistory(record: HistoryRecord): EventName | null {
  const action = record.action;
  return typeof action === 'string' && Object.hasOwn(HISTORY_EVENTS, action) ? (HISTORY_EVENTS[action] ?? null) : null;
}

/** The most events one poll returns. */
export const MAX_EVENTS_PER_POLL = 100;

/**
 * The events of the given kinds that the experiences record, newest first, at most `limit`, each occurrence once
 * (a list that repeats an experience repeats none of its events).
 */
export function recentEvents(
  experiences: ReadonlyArray<Experience>,
  actions: ReadonlyArray<EventName>,
  limit: number,
  more: ReadonlyArray<ListedEvent> = [],
): ListedEvent[] {
  const wanted = new Set(actions);
  const seen = new Set<string>();
  const events: Array<{ id: string; event: ListedEvent }> = [];
  const add = (event: ListedEvent) => {
    if (!wanted.has(event.action)) return;
    const id = eventId(event.experience.id, event.action, event.idTime);
    if (seen.has(id)) return;
    seen.add(id);
    events.push({ id, event });
  };
  for (const experience of experiences) for (const event of eventsOfExperience(experience)) add(event);
  for (const event of more) add(event);
  // Newest first; one time's events in a fixed order, so a poll's items come in the same order every time.
  events.sort((a, b) => b.event.timestamp - a.event.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return events.slice(0, limit).map(({ event }) => event);
}

/**
 * An experience that was listed before and is gone from a list read in full: deleted, noticed at `noticedAt`. No
 * record says who, or exactly when; the id is keyed on the experience's last known change, so every poll (and
 * every Zap) that notices the same disappearance gives it the same id.
 */
export function absenceEvent(gone: { experience: Experience; lastKnownChange: number; noticedAt: number }): ListedEvent {
  return { action: 'deleteExperience', timestamp: gone.noticedAt, idTime: `gone-after-${gone.lastKnownChange}`, experience: gone.experience, who: NOBODY };
}

/** The experience as an event item carries it: everything the list said but its `history` (the event says who). */
function withoutHistory(experience: Experience): JsonObject {
  const { history: _history, ...rest } = experience;
  return rest;
}

/** The facts of one listed event: the experience's own fields and who acted; the list does not say for which store. */
export function listedEventFacts({ action, timestamp, idTime, experience, who }: ListedEvent): EventFacts {
  const organizationId = experience.organizationId ?? '';
  const shown = withoutHistory(experience);
  return {
    action,
    timestampMs: isRepresentableTime(timestamp) ? timestamp : null,
    idTime,
    text: {
      experience_id: experience.id,
      experience_name: experience.name,
      experience_type_code: experience.type,
      experience_category: experience.category,
      experience_status: experience.status,
      organization_id: organizationId,
      organization_name: '',
      shop: '',
      triggered_by_email: who.email,
      triggered_by_name: who.name,
    },
    variations: Array.isArray(experience.variations) ? experience.variations : null,
    experience: shown,
    // Every key the output fields declare (organization__name, organization__shopId), '' where the list does not say.
    organization: { id: organizationId, name: '', shopId: '' },
    // What the list says of the event itself, with a delivery body's names; the experience is the item's `experience`.
    raw: { action, timestamp, triggeredBy: who.email === '' && who.name === '' ? null : { email: who.email, name: who.name } },
  };
}

export function listedEventItem(event: ListedEvent): ExperienceEventItem {
  return toEventItem(listedEventFacts(event));
}
