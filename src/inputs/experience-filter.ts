/**
 * The optional filters on every experience trigger, pure. A delivery or listed event whose experience does not
 * match is dropped before it becomes a Zap run, so a filtered-out event costs the user no task.
 */
import type { Experience } from '../contract/published';
import { optionalText } from './invalid-input';

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
