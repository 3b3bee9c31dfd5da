/** An experiment's results for its results item, read the same way by Find Experience Results and the daily trigger. */
import type { Analytics, Experience } from '../contract/published';
import { noResults } from '../items/results/item';
import { failureOf, type IntelligemsClient } from './client';

/**
 * The experience's analytics; a 404 (no results computed yet: a young or never-started test) is results with nothing
 * measured, so the item says "not enough data yet" honestly instead of failing or being skipped.
 */
export async function readResultsOrNone(client: IntelligemsClient, experience: Experience, call: string, timeoutMs?: number): Promise<Analytics> {
  try {
    return await client.getAnalytics(experience.id, call, timeoutMs);
  } catch (error) {
    if (failureOf(error)?.status !== 404) throw error;
    return noResults(experience);
  }
}
