/** An experience as one entry of the Experience dropdowns: "Spring pricing (Price Test, started)". */
import { readableExperienceType, type Experience } from '../../contract/published';
import { outputFieldsOf, type OutputField } from '../output-field';
import { SAMPLE_EXPERIENCE } from '../sample-data';
import { EXPERIENCE_LABELS } from './output-fields';

export type ExperienceChoice = {
  id: string;
  /** What the dropdown shows: "Spring pricing (Price Test, started)". */
  name: string;
  experience_name: string;
  experience_type: string;
  experience_status: string;
};

export function toExperienceChoice(experience: Experience): ExperienceChoice {
  const type = readableExperienceType(experience.type);
  return {
    id: experience.id,
    // An empty type or status (Intelligems sent '') is left out of the label, not shown as an empty slot.
    name: `${experience.name} (${[type, experience.status].filter((part) => part !== '').join(', ')})`,
    experience_name: experience.name,
    experience_type: type,
    experience_status: experience.status,
  };
}

export const experienceChoiceOutputFields: OutputField[] = outputFieldsOf<keyof ExperienceChoice>({
  id: EXPERIENCE_LABELS.experience_id,
  name: { label: 'Experience (Name, Type and Status)', type: 'string', required: true },
  experience_name: EXPERIENCE_LABELS.experience_name,
  experience_type: EXPERIENCE_LABELS.experience_type,
  experience_status: EXPERIENCE_LABELS.experience_status,
});

export const experienceChoiceSample: ExperienceChoice = toExperienceChoice(SAMPLE_EXPERIENCE);
