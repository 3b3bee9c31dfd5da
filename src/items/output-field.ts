/** Zapier output fields: the label a user sees when mapping a value, and the type Zapier shows for it. */
export interface OutputField {
  key: string;
  label: string;
  type?: 'string' | 'datetime' | 'number' | 'integer' | 'boolean';
  required?: boolean;
}

/** A record keyed by an item's fields (so the compiler flags a missing label), in the record's order. */
export function outputFieldsOf<K extends string>(fields: Record<K, Omit<OutputField, 'key'>>): OutputField[] {
  return (Object.entries(fields) as Array<[K, Omit<OutputField, 'key'>]>).map(([key, field]) => ({ key, ...field }));
}

/** Intelligems' own verdict, as every results item carries it. */
export const VERDICT_LABELS = {
  intelligems_verdict: { label: 'Intelligems Verdict' },
  action_to_take: { label: 'Action to Take' },
} as const satisfies Record<string, Omit<OutputField, 'key'>>;
