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

/** "Control 50%, +10% price 50%", in the variations' own order. */
export function describeVariations(experience: Experience): string {
  const variations = [...(experience.variations ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  return variations.map((v) => `${v.name} ${formatPercent(v.percentage)}%`).join(', ');
}

function formatPercent(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}
