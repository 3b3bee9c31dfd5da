/** When an experiment went live, as every item that says how long it has run reads it. */
import type { Experience } from '../../contract/published';

/** `startedAtTs`, else its latest recorded start; null when it says neither. */
export function startedAt(experience: Experience): number | null {
  if (typeof experience.startedAtTs === 'number') return experience.startedAtTs;
  // A loop, not Math.max(...starts): spreading 150,000 starts into a call throws a RangeError.
  let latest: number | null = null;
  for (const action of experience.experienceActions ?? [])
    if (action.action === 'start' && (latest === null || action.actionTs > latest)) latest = action.actionTs;
  return latest;
}
