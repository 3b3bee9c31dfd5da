/** The Google Sheets row `npm start` prints for an event item: Intelligems' own recipe's columns. */
import { experienceEventOutputFields } from '../../src/items/event/output-fields';

/** The first six fields of an event item: the Google Sheets columns of Intelligems' own recipe. */
export const SHEET_COLUMNS = experienceEventOutputFields.slice(0, 6);

/** A Sheets cell: text as it is, anything structured as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects were handled above
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
