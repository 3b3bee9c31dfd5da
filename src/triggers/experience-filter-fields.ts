/** The optional filter inputs every experience trigger carries (added once, in the hook trigger factory). */
import { EXPERIENCE_TYPE_FILTERS } from '../inputs/experience-filter';
import { experienceIdField } from '../inputs/experience-id';

export const experienceFilterFields = [
  {
    key: 'experience_type',
    label: 'Experience Type',
    type: 'string' as const,
    required: false,
    choices: EXPERIENCE_TYPE_FILTERS.map((choice) => ({ value: choice.value, label: choice.label, sample: choice.value })),
    helpText: 'Only run this Zap for this kind of experience. Content Test covers theme, template, split URL and onsite edit tests. Leave empty for every kind.',
  },
  experienceIdField({ required: false, helpText: 'Only run this Zap for this experience. Leave empty for every experience.' }),
];
