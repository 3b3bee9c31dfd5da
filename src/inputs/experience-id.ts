/** The "Experience" input: a dynamic dropdown fed by the hidden `experience_list` trigger, or a mapped ID. */
import { unsafePathSegmentReason } from '../contract/published';
import { visibleText } from '../util/visible-text';
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
  const id = optionalExperienceId(inputData);
  if (id === null) {
    throw new InvalidInputError(
      'experience_id',
      `The ${EXPERIENCE_ID_LABEL} field is empty. Pick an experience from the dropdown, or map an Experience ID from an earlier Intelligems step.`,
    );
  }
  return id;
}

/**
 * The experience ID when one is given, else null. An ID goes into the address of the request, so one that would
 * change that address (`..` would turn `/experiences/../actions/start` into `/actions/start`) is refused here,
 * before any request.
 */
export function optionalExperienceId(inputData: Record<string, unknown> | undefined): string | null {
  const id = optionalText(inputData?.experience_id);
  if (id === null) return null;
  const reason = unsafePathSegmentReason(id);
  if (reason !== null) {
    throw new InvalidInputError(
      'experience_id',
      `The ${EXPERIENCE_ID_LABEL} field holds “${visibleText(id)}”, which cannot be an experience ID (${reason}). Pick the experience from the dropdown, or map the Experience ID from an earlier Intelligems step.`,
    );
  }
  return id;
}
