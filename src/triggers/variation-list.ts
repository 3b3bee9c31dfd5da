/**
 * Hidden trigger behind the Winning Variation dropdown (`variation_list.id.name`): the variations of the experience
 * chosen in the same step, which Zapier hands over in `bundle.inputData.experience_id`.
 */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { apiClient } from '../api/client';
import { readInput } from '../errors';
import { requiredExperienceId } from '../inputs/experience-id';
import { toVariationChoice, variationChoiceSample, type VariationChoice } from '../items/experience/variation-choice';

const listVariationChoices = (async (z, bundle) => {
  const id = readInput(z, () => requiredExperienceId(bundle.inputData));
  const experience = await apiClient(z, bundle).getExperience(id, 'loading the experience’s variations for the dropdown');
  return [...(experience.variations ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map(toVariationChoice);
}) satisfies PollingTriggerPerform<Record<string, unknown>, VariationChoice>;

export const variationListTrigger = defineTrigger({
  key: 'variation_list',
  noun: 'Variation',
  display: { label: 'List Variations', description: 'For the Winning Variation dropdown.', hidden: true },
  operation: {
    type: 'polling',
    perform: listVariationChoices,
    sample: variationChoiceSample,
  },
});
