/** The "Experience" input: a dynamic dropdown fed by the hidden `experience_list` trigger, or a mapped ID. */
import { InvalidInputError, optionalText } from './invalid-input';

export const EXPERIENCE_DROPDOWN = 'experience_list.id.name';
export const EXPERIENCE_ID_LABEL = 'Experience';

export function experienceIdField(options: { required: boolean; helpText: string }) {
  return {
    key: 'experience_id',
    label: EXPERIENCE_ID_LABEL,
    type: 'string' as const,
    required: options.required,
    dynamic: EXPERIENCE_DROPDOWN,
    helpText: options.helpText,
  };
}

/** The chosen experience's ID, or an error that says what to fill in. */
export function requiredExperienceId(inputData: Record<string, unknown> | undefined): string {
  const id = optionalText(inputData?.experience_id);
  if (id === null) {
    throw new InvalidInputError(
      'experience_id',
      `The ${EXPERIENCE_ID_LABEL} field is empty. Pick an experience from the dropdown, or map an Experience ID from an earlier Intelligems step.`,
    );
  }
  return id;
}
