/** What "Find Experience" looks for, and the matching rules, pure. */
import { EXPERIENCE_STATUSES, type Experience, type ExperienceStatus } from '../contract/published';
import { EXPERIENCE_ID_LABEL, optionalExperienceId } from '../inputs/experience-id';
import { InvalidInputError, optionalText } from '../inputs/invalid-input';

export const NAME_MATCHES = ['exact', 'contains'] as const;
export type NameMatch = (typeof NAME_MATCHES)[number];

export const SEARCH_FIELD_LABELS = { name: 'Experience Name', nameMatch: 'Name Match', status: 'Status' } as const;

export interface ExperienceQuery {
  experienceId: string | null;
  name: string | null;
  nameMatch: NameMatch;
  status: ExperienceStatus | null;
}

export function readExperienceQuery(inputData: Record<string, unknown> | undefined): ExperienceQuery {
  const input = inputData ?? {};
  const experienceId = optionalExperienceId(input);
  const name = optionalText(input.name);
  if (experienceId === null && name === null) {
    throw new InvalidInputError('name', `Fill in ${EXPERIENCE_ID_LABEL} or ${SEARCH_FIELD_LABELS.name} to say which experience to find (both are empty).`);
  }
  const matchText = optionalText(input.name_match)?.toLowerCase() ?? 'exact';
  const nameMatch = NAME_MATCHES.find((m) => m === matchText);
  if (!nameMatch) throw new InvalidInputError('name_match', `The ${SEARCH_FIELD_LABELS.nameMatch} field has “${matchText}”. Pick exact or contains.`);
  const statusText = optionalText(input.status)?.toLowerCase() ?? null;
  const status = statusText === null ? null : (EXPERIENCE_STATUSES.find((s) => s === statusText) ?? null);
  if (statusText !== null && status === null) {
    throw new InvalidInputError(
      'status',
      `The ${SEARCH_FIELD_LABELS.status} field has “${statusText}”. Pick ${EXPERIENCE_STATUSES.join(', ')}, or leave it empty for any.`,
    );
  }
  return { experienceId, name, nameMatch, status };
}

/** Names compare case-insensitively, ignoring surrounding spaces and letter-case differences in Unicode. */
function normalizedName(name: string): string {
  return name.trim().normalize('NFC').toLocaleLowerCase('en');
}

export function matchesQuery(query: ExperienceQuery, experience: Experience): boolean {
  if (query.experienceId !== null && experience.id !== query.experienceId) return false;
  if (query.status !== null && experience.status !== query.status) return false;
  if (query.name !== null) {
    const wanted = normalizedName(query.name);
    const actual = normalizedName(experience.name);
    if (query.nameMatch === 'exact' ? actual !== wanted : !actual.includes(wanted)) return false;
  }
  return true;
}

/** Newest (`createdAtTs`) first; experiences without a creation time last. */
export function newestFirst(experiences: ReadonlyArray<Experience>): Experience[] {
  return [...experiences].sort((a, b) => (b.createdAtTs ?? -Infinity) - (a.createdAtTs ?? -Infinity) || 0);
}
