/**
 * Hidden trigger behind every "Experience" dropdown (`experience_list.id.name`). Zapier asks for one page at a time
 * (`bundle.meta.page`, from 0) as the user scrolls, and each is one page of `experiences-list`.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiClient, MAX_PAGE_SIZE } from '../api/client';
import { readableExperienceType, type Experience } from '../contract/published';

export interface ExperienceChoice {
  id: string;
  /** What the dropdown shows: "Spring pricing (Price Test, started)". */
  name: string;
  experience_name: string;
  experience_type: string;
  experience_status: string;
}

export function toExperienceChoice(experience: Experience): ExperienceChoice {
  const type = readableExperienceType(experience.type);
  return {
    id: experience.id,
    name: `${experience.name} (${type}, ${experience.status})`,
    experience_name: experience.name,
    experience_type: type,
    experience_status: experience.status,
  };
}

export async function listExperienceChoices(z: ZObject, bundle: Bundle): Promise<ExperienceChoice[]> {
  const zeroBasedPage = Number(bundle.meta?.page ?? 0);
  const page = Number.isInteger(zeroBasedPage) && zeroBasedPage >= 0 ? zeroBasedPage + 1 : 1;
  const experiences = await apiClient(z, bundle).listExperiences({ limit: MAX_PAGE_SIZE, page }, 'loading experiences for the dropdown');
  return experiences.map(toExperienceChoice);
}

export const experienceListTrigger = {
  key: 'experience_list',
  noun: 'Experience',
  display: {
    label: 'List Experiences',
    description: 'Lists experiences for the Experience dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling' as const,
    canPaginate: true,
    perform: listExperienceChoices,
    sample: {
      id: '8f14e45f-ceea-4e7a-9f6b-2c3d4e5f6a7b',
      name: 'Spring pricing (Price Test, started)',
      experience_name: 'Spring pricing',
      experience_type: 'Price Test',
      experience_status: 'started',
    } satisfies ExperienceChoice,
    outputFields: [
      { key: 'id', label: 'Experience ID', type: 'string' as const, required: true },
      { key: 'name', label: 'Experience (Name, Type and Status)', type: 'string' as const, required: true },
      { key: 'experience_name', label: 'Experience Name', type: 'string' as const },
      { key: 'experience_type', label: 'Experience Type', type: 'string' as const },
      { key: 'experience_status', label: 'Experience Status', type: 'string' as const },
    ],
  },
};
