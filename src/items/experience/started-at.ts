/** When an experiment went live, as every item that says how long it has run reads it. */
import type { Experience } from '../../contract/published';

/** `startedAtTs`, else its latest recorded start; null when it says neither. */
export function startedAt(experience: Experience): number | null {
  if (typeof experience.startedAtTs === 'number') return experience.startedAtTs;
  const starts = (experience.experienceActions ?? []).filter((a) => a.action === 'start').map((a) => a.actionTs);
  return starts.length > 0 ? Math.max(...starts) : null;
}
