/** A dropdown's choices from [value, label] pairs, in order. Zapier wants a sample for each; the value is the honest one. */
export function choicesOf(pairs: ReadonlyArray<readonly [string, string]>): Array<{ value: string; label: string; sample: string }> {
  return pairs.map(([value, label]) => ({ value, label, sample: value }));
}
