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

/** Inputs read their text through the one helper (src/util/optional-text.ts). */
export { optionalText } from '../util/optional-text';
