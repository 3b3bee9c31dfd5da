/**
 * The fields that describe an experience, shaped once: the event triggers, the actions and the search all map
 * them under the same names, so a Zap can swap one step for another without remapping.
 */
import { readableExperienceType, type Experience } from '../../contract/published';

export type ExperienceFields = {
  experience_name: string;
  /** Readable: "Price Test". */
  experience_type: string;
  experience_id: string;
  /** As Intelligems spells it: `pricing`. */
  experience_type_code: string;
  experience_category: string;
  experience_status: string;
  /** "Control 50%, +10% price 50%". */
  variations: string;
};

export function experienceFields(experience: Experience): ExperienceFields {
  return {
    experience_name: experience.name,
    experience_type: readableExperienceType(experience.type),
    experience_id: experience.id,
    experience_type_code: experience.type,
    experience_category: experience.category,
    experience_status: experience.status,
    variations: describeVariations(experience),
  };
}

/** The name a results item shows: the experience's, else the analytics' own, else its ID (never blank). */
export function resultsName(experience: Experience, analytics: { experienceName?: string | undefined }): string {
  return experience.name || analytics.experienceName || experience.id;
}

/** "Control 50%, +10% price 50%", in the variations' own order. */
export function describeVariations(experience: Experience): string {
  return describeVariationList(experience.variations ?? []);
}

/**
 * The same for a list as a delivery carries it, read loosely: an entry without a name is left out, one without a
 * usable percentage shows its name alone.
 */
export function describeVariationList(list: ReadonlyArray<unknown>): string {
  const variations = list.filter(isNamedVariation);
  return [...variations]
    .sort((a, b) => orderOf(a) - orderOf(b))
    .map((v) => (isFiniteNumber(v.percentage) ? `${v.name} ${formatPercent(v.percentage)}%` : String(v.name)))
    .join(', ');
}

type LooseVariation = { name: string | number; percentage?: unknown; order?: unknown };

function isNamedVariation(value: unknown): value is LooseVariation {
  if (typeof value !== 'object' || value === null) return false;
  const name = (value as { name?: unknown }).name;
  return (typeof name === 'string' && name !== '') || isFiniteNumber(name);
}

function orderOf(variation: LooseVariation): number {
  return isFiniteNumber(variation.order) ? variation.order : 0;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function formatPercent(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}
