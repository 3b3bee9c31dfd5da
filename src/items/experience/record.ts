/**
 * An experience as the actions and the search return it: the same field names (and labels) as the event triggers'
 * items, from the same `experienceFields`, plus the dates a Slack message or a Sheets row wants.
 */
import type { Experience } from '../../contract/published';
import { isoDate } from '../../util/iso-date';
import { experienceFields, type ExperienceFields } from './describe';

export type ExperienceRecord = ExperienceFields & {
  /** The experience's own ID (Zapier wants an `id`; it equals `experience_id`). */
  id: string;
  organization_id: string | null;
  created_at: string | null;
  started_at: string | null;
  paused_at: string | null;
  ended_at: string | null;
  /** The untouched experience, for power users. */
  experience: Experience;
};

export function toExperienceRecord(experience: Experience): ExperienceRecord {
  return {
    id: experience.id,
    ...experienceFields(experience),
    organization_id: experience.organizationId ?? null,
    created_at: isoDate(experience.createdAtTs),
    started_at: isoDate(experience.startedAtTs),
    paused_at: isoDate(experience.pausedAtTs),
    ended_at: isoDate(experience.endedAtTs),
    experience,
  };
}
