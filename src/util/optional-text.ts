/** A trimmed string, or null for missing, empty and whitespace-only values (Zapier sends '' for a cleared field); a finite number as its text. */
export function optionalText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
