/**
 * A results item as small as it can be kept between polls: the daily trigger remembers today's items in z.cache, whose
 * values must stay well under 1 MB. The item's values without their keys, in the order the shaper makes them, and each
 * line item likewise: about half the JSON of the item.
 */
import type { ResultsItem, VariationResult } from './item';
import { resultsSample } from './sample';

// The sample is made by the shaper, so its keys are the item's, in the shaper's order.
const ITEM_KEYS = Object.keys(resultsSample) as Array<keyof ResultsItem>;
const LINE_KEYS = Object.keys(resultsSample.variations[0] ?? {}) as Array<keyof VariationResult>;

export function packResults(item: ResultsItem): unknown[] {
  return ITEM_KEYS.map((key) => (key === 'variations' ? item.variations.map((line) => LINE_KEYS.map((k) => line[k])) : item[key]));
}

/** The item again; null for anything that is not a packed item of this version (a foreign or older value). */
export function unpackResults(packed: unknown): ResultsItem | null {
  if (!Array.isArray(packed) || packed.length !== ITEM_KEYS.length) return null;
  const item: Record<string, unknown> = {};
  for (const [i, key] of ITEM_KEYS.entries()) {
    const value: unknown = packed[i];
    if (key !== 'variations') item[key] = value;
    else if (Array.isArray(value) && value.every((line) => Array.isArray(line) && line.length === LINE_KEYS.length))
      item[key] = (value as unknown[][]).map((line) => Object.fromEntries(LINE_KEYS.map((k, j) => [k, line[j]])));
    else return null;
  }
  return typeof item.id === 'string' && typeof item.experience_id === 'string' ? (item as ResultsItem) : null;
}
