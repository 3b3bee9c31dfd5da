/**
 * The optional filters on every experience trigger, pure. A delivery or listed event whose experience does not
 * match is dropped before it becomes a Zap run, so a filtered-out event costs the user no task.
 */
import type { Experience } from '../contract/published';
import { experienceIdField } from './experience-id';
import { optionalText } from './invalid-input';
import { choicesOf } from './choices';

/** The choices a merchant picks from: readable labels, and values matched by `matchesExperienceType`. */
export const EXPERIENCE_TYPE_FILTERS = [
  { value: 'pricing', label: 'Price Test' },
  { value: 'shipping', label: 'Shipping Test' },
  { value: 'content', label: 'Content Test' },
  { value: 'personalization/offer', label: 'Offer' },
  { value: 'personalization', label: 'Personalization' },
  { value: 'checkoutBlock', label: 'Checkout Block Test' },
  { value: 'sitewide', label: 'Sitewide Experience' },
] as const;

/**
 * The optional filter inputs every experience event trigger carries (added once, in each trigger factory). Without
 * `type: 'string'` and `required: false`, Zapier's defaults: fourteen triggers carry them, and the definition's size
 * costs every call Zapier makes.
 */
export const experienceFilterFields = [
  {
    key: 'experience_type',
    label: 'Experience Type',
    choices: choicesOf(EXPERIENCE_TYPE_FILTERS.map((choice) => [choice.value, choice.label])),
    helpText: 'Only run this Zap for this kind of experience (Content Test covers theme, template, split URL and onsite edit tests). Empty: every kind.',
  },
  (({ type: _string, required: _optional, ...field }) => field)(
    experienceIdField({ required: false, helpText: 'Only run this Zap for this experience. Empty: every experience.' }),
  ),
];

/** `content` matches every `content/*` type (theme, template, split URL, onsite edits, advanced); all else is exact. */
export function matchesExperienceType(filter: string, type: string): boolean {
  if (filter === 'content') return type === 'content' || type.startsWith('content/');
  return type === filter;
}

export interface ExperienceFilters {
  /** A value from EXPERIENCE_TYPE_FILTERS (or an exact type code typed in as a custom value); null means any. */
  type: string | null;
  experienceId: string | null;
}

export function readExperienceFilters(inputData: Record<string, unknown> | undefined): ExperienceFilters {
  return { type: optionalText(inputData?.experience_type), experienceId: optionalText(inputData?.experience_id) };
}

export function matchesExperienceFilters(filters: ExperienceFilters, experience: Pick<Experience, 'id' | 'type'>): boolean {
  if (filters.experienceId !== null && experience.id !== filters.experienceId) return false;
  if (filters.type !== null && !matchesExperienceType(filters.type, experience.type)) return false;
  return true;
}
