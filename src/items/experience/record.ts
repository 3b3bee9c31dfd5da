/**
 * An experience as the actions and the search return it: the same field names (and labels) as the event triggers'
 * items, from the same `experienceFields`, plus the dates a Slack message or a Sheets row wants.
 *
 * Missing values follow the app's one convention: a missing text or date is "" (never null), a missing number stays
 * null, and no key is ever absent, so a Zap maps every field of every operation's item the same way.
 */
import type { Experience } from '../../contract/published';
import { isoDate } from '../../util/iso-date';
import { experienceFields, type ExperienceFields } from './describe';

export type ExperienceRecord = ExperienceFields & {
  /** The experience's own ID (Zapier wants an `id`; it equals `experience_id`). */
  id: string;
  /** "" when the experience names no organization. */
  organization_id: string;
  /** ISO 8601, or "" when Intelligems gave no usable time (e.g. an experience never started). */
  created_at: string;
  started_at: string;
  paused_at: string;
  ended_at: string;
  /** The untouched experience, for power users. */
  experience: Experience;
};

export function toExperienceRecord(experience: Experience): ExperienceRecord {
  return {
    id: experience.id,
    ...experienceFields(experience),
    organization_id: experience.organizationId ?? '',
    created_at: isoDate(experience.createdAtTs) ?? '',
    started_at: isoDate(experience.startedAtTs) ?? '',
    paused_at: isoDate(experience.pausedAtTs) ?? '',
    ended_at: isoDate(experience.endedAtTs) ?? '',
    experience,
  };
}
