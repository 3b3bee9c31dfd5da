/**
 * The app definition stays lean: under Lambda, core prepares the whole definition on every call Zapier makes, so its
 * size costs every delivery and poll. Measured as `JSON.stringify` of the app, as docs/performance.md reports it.
 */
import { App } from '../helpers/app-tester';

/** The ceiling for every operation the app has, including those still to come this release (results, End on winner). */
const MAX_DEFINITION_BYTES = 87_000;

it(`the definition is under ${MAX_DEFINITION_BYTES} bytes`, () => {
  expect(JSON.stringify(App).length).toBeLessThan(MAX_DEFINITION_BYTES);
});

it('the event triggers share the output fields and filters of the one factory per kind, not copies of their own', () => {
  const triggers = Object.values(App.triggers as Record<string, any>) as Array<{ key: string; operation: Record<string, unknown> }>;
  const events = triggers.filter((t) => t.key.startsWith('experience_') && t.key !== 'experience_list');
  expect(events).toHaveLength(14);
  expect(new Set(events.map((t) => t.operation.outputFields)).size).toBe(1);
});
