/**
 * Compares an answer with the app's own schema (src/contract) and, when it differs, says how in words that name
 * the keys it saw and never a value: a value in an answer could be a secret.
 */
import type { z } from 'zod';
import { describeIssues } from '../../src/contract/describe-issues';
import { visibleText } from '../../src/util/visible-text';

const MAX_KEYS_SHOWN = 25;
const MAX_KEY_LENGTH = 60;

export type ShapeCheck<T> = { ok: true; data: T } | { ok: false; detail: string };

export function checkShape<T>(schema: z.ZodType<T>, value: unknown): ShapeCheck<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  // Where the first problems are, what was there: the keys of the object that holds each one, said once for
  // places that look alike (every item of a list missing the same key).
  const placesBySight = new Map<string, string[]>();
  for (const issue of result.error.issues.slice(0, 3)) {
    const parent = issue.path.slice(0, -1);
    const where = parent.length === 0 ? 'the top level' : parent.map(String).join('.');
    const sight = describeValue(valueAt(value, parent));
    const places = placesBySight.get(sight) ?? [];
    if (!places.includes(where)) places.push(where);
    placesBySight.set(sight, places);
  }
  const seen = [...placesBySight]
    .map(([sight, places]) => `at ${places[0]}${places.length > 1 ? ` (and ${places.length - 1} more alike)` : ''}: ${sight}`)
    .join('; ');
  return { ok: false, detail: `${describeIssues(result.error)}. Saw ${seen}` };
}

/** "keys a, b, c", "an array of 3", "a string": the shape of a value without the value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty object';
    const shown = keys.slice(0, MAX_KEYS_SHOWN).map(keyName).join(', ');
    return `keys ${shown}${keys.length > MAX_KEYS_SHOWN ? ` and ${keys.length - MAX_KEYS_SHOWN} more` : ''}`;
  }
  return `a ${typeof value}`;
}

function keyName(key: string): string {
  const visible = visibleText(key);
  return visible.length > MAX_KEY_LENGTH ? `${visible.slice(0, MAX_KEY_LENGTH)}…` : visible;
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at = value;
  for (const step of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[step];
  }
  return at;
}
