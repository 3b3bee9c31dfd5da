/** Recent events of the given kinds, read from the published experiences list: the editor's samples (`performList`). */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiClient } from '../../api/client';
import type { EventName } from '../../contract/assumed';
import { matchesExperienceFilters, readExperienceFilters } from '../../inputs/experience-filter';
import { listedEventItem, recentEvents } from '../../items/event/from-experience';
import type { ExperienceEventItem } from '../../items/event/item';

/** How many recent events `performList` returns for the editor's samples. */
export const PERFORM_LIST_LIMIT = 10;

export async function listRecentEvents(z: ZObject, bundle: Bundle, events: ReadonlyArray<EventName>): Promise<ExperienceEventItem[]> {
  const experiences = await apiClient(z, bundle).listAllExperiences({}, 'loading recent experience events');
  const filters = readExperienceFilters(bundle.inputData);
  const matching = experiences.filter((experience) => matchesExperienceFilters(filters, experience));
  return recentEvents(matching, events, PERFORM_LIST_LIMIT).map(listedEventItem);
}
