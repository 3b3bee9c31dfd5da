/** A variation as one entry of the Winning Variation dropdown: "Control (control)", "+10% price". */
import type { Variation } from '../../contract/published';
import { SAMPLE_EXPERIENCE } from '../sample-data';

export type VariationChoice = { id: string; name: string };

export function toVariationChoice(variation: Variation): VariationChoice {
  return { id: variation.id, name: variation.isControl ? `${variation.name} (control)` : variation.name };
}

const [sampleChoice] = SAMPLE_EXPERIENCE.variations.filter((v) => !v.isControl).map(toVariationChoice);
if (sampleChoice === undefined) throw new Error('The sample experience needs a non-control variation.');
export const variationChoiceSample: VariationChoice = sampleChoice;
