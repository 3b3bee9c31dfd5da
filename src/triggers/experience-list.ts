/**
 * Hidden trigger behind every "Experience" dropdown (`experience_list.id.name`). Zapier asks for one page at a time
 * (`bundle.meta.page`, from 0) as the user scrolls, and each is one page of `experiences-list`.
 */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { apiClient, MAX_PAGE_SIZE } from '../api/client';
import { experienceChoiceOutputFields, experienceChoiceSample, toExperienceChoice, type ExperienceChoice } from '../items/experience/choice';

const listExperienceChoices = (async (z, bundle) => {
  const zeroBasedPage = Number(bundle.meta?.page ?? 0);
  const page = Number.isInteger(zeroBasedPage) && zeroBasedPage >= 0 ? zeroBasedPage + 1 : 1;
  const experiences = await apiClient(z, bundle).listExperiences({ limit: MAX_PAGE_SIZE, page }, 'loading experiences for the dropdown');
  return experiences.map(toExperienceChoice);
}) satisfies PollingTriggerPerform<Record<string, unknown>, ExperienceChoice>;

export const experienceListTrigger = defineTrigger({
  key: 'experience_list',
  noun: 'Experience',
  display: {
    label: 'List Experiences',
    description: 'Lists experiences for the Experience dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: listExperienceChoices,
    sample: experienceChoiceSample,
    outputFields: experienceChoiceOutputFields,
  },
});
