/**
 * A polling event trigger's perform: the Zapier edge of one poll. It reads every page of the published list (100 a
 * time, within the rate budget and the poll's deadline of src/polling/budget.ts), remembers the listing in z.cache to
 * see deletions by absence (src/polling/listing-memory.ts), reads the events of each list item
 * (src/items/event/from-experience.ts) and returns the newest, at most MAX_EVENTS_PER_POLL.
 *
 * Failures: the first page's fail the poll as any call does (401 reconnect, 403, a 429 as ThrottledError with its
 * Retry-After). A later page's failure, a reserve reached or the deadline returns what was read, and then no deletion
 * is inferred from absence. An absence from a full reading is looked up before it counts (`deletionsByAbsence`).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiClient, readableMessage, type IntelligemsClient } from '../../api/client';
import { apiKeyAsSent } from '../../api/secrets';
import type { EventName } from '../../contract/assumed';
import type { RateLimitReading } from '../../contract/published';
import { matchesExperienceFilters, readExperienceFilters } from '../../inputs/experience-filter';
import { absenceEvent, listedEventItem, MAX_EVENTS_PER_POLL, recentEvents, type ListedEvent } from '../../items/event/from-experience';
import type { ExperienceEventItem } from '../../items/event/item';
import { MIN_TIME_TO_START_MS, RATE_LIMIT_RESERVE, mayStartCall, pollDeadlineMs } from '../../polling/budget';
import {
  confirmDeletions,
  deletedByDetail,
  listingMemoryKey,
  loadListingMemory,
  missingFromListing,
  nextListingMemory,
  saveListingMemory,
} from '../../polling/listing-memory';
import { failsThePoll, isThrottled } from '../poll-ports';

const CALL = 'checking for new experience events';

/**
 * Why a poll starts no further page, or null when it may: the rate reserve (the pages still in flight count as
 * spent), or too little time before the deadline.
 */
export function pageStop(reading: RateLimitReading | undefined, deadline: number, now: number, inFlight = 0): string | null {
  if (!mayStartCall(reading, inFlight)) return `the key's rate budget is down to the ${RATE_LIMIT_RESERVE} calls left for other Zaps and actions`;
  if (deadline - now < MIN_TIME_TO_START_MS) return 'the poll reached its time limit';
  return null;
}

export async function pollEvents(z: ZObject, bundle: Bundle, events: ReadonlyArray<EventName>, now: () => number = Date.now): Promise<ExperienceEventItem[]> {
  const filters = readExperienceFilters(bundle.inputData);
  const deadline = now() + pollDeadlineMs();
  const client = apiClient(z, bundle, { deadline });
  const reading = await client.readAllExperiences({}, CALL, {
    beforePage: (_page, inFlight) => pageStop(client.rateLimit, deadline, now(), inFlight),
    // 401 and 403 concern the whole account: they fail the poll on any page.
    keepsWhatWasRead: (error) => !failsThePoll(error),
  });
  if (!reading.complete) {
    z.console.log(
      `Read ${reading.pages} page(s) of the experience list this time, not all of them (${reading.stoppedBecause ?? 'stopped'}): ` +
        'the events found are returned, and no deletion is inferred from an experience missing from the list.',
    );
  }
  const gone = events.includes('deleteExperience') ? await deletionsByAbsence(z, bundle, client, reading, deadline, now) : [];
  const matching = (experience: { id: string; type: string }) => matchesExperienceFilters(filters, experience);
  return recentEvents(
    reading.experiences.filter(matching),
    events,
    MAX_EVENTS_PER_POLL,
    gone.filter((event) => matching(event.experience)),
  ).map(listedEventItem);
}

/**
 * Deletions seen as absence from the list, remembered per connection; none without z.cache. An experience missing
 * from a full reading counts only once `GET /experiences/{id}` confirms it is deleted: one the newest-first list
 * shifted past a page boundary while the pages were read is still there.
 */
async function deletionsByAbsence(
  z: ZObject,
  bundle: Bundle,
  client: IntelligemsClient,
  reading: Parameters<typeof nextListingMemory>[1],
  deadline: number,
  now: () => number,
): Promise<ListedEvent[]> {
  const log = (line: string) => z.console.log(line);
  const key = listingMemoryKey(apiKeyAsSent(bundle));
  const previous = await loadListingMemory(z.cache, key, log, readableMessage);
  if (previous === undefined) return [];
  const missing = missingFromListing(previous, reading);
  const checks = await confirmDeletions(missing, (id) => isDeleted(client, id), {
    deadline,
    now,
    rateLimit: () => client.rateLimit,
    stopsTheRun: (error) => isThrottled(error) || failsThePoll(error),
  });
  if (checks.unsettled > 0) {
    log(
      `${checks.unsettled} experience(s) missing from the list could not be looked up this time (the limit per poll, the rate budget, the time limit ` +
        'or a failed call): none is reported deleted until a later poll confirms it.',
    );
  }
  const memory = nextListingMemory(previous, reading, now(), checks.deleted);
  await saveListingMemory(z.cache, key, memory, log, readableMessage);
  return [...memory.gone.values()].map(absenceEvent);
}

/** Whether an experience missing from the list is deleted: a 404, `isDeleted` or an archive says so; any other answer says it is there. */
async function isDeleted(client: IntelligemsClient, id: string): Promise<boolean> {
  const experience = await client.findExperience(id, CALL);
  return experience === null || deletedByDetail(experience);
}
