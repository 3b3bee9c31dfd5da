/**
 * A user's input that cannot be used, named by the field's label. Pure code throws it; the Zapier edge turns it
 * into a `z.errors.Error` with `readInput` (src/errors.ts), so the message reaches the user as it is written here.
 */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    /** The input field's key, e.g. `confidence`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A trimmed string, or null for missing, empty and whitespace-only values (Zapier sends '' for a cleared field). */
export function optionalText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
