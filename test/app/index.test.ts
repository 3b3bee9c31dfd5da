// The platform's own validator: compileApp + validateApp are what `zapier-platform validate` runs on the definition.
import { compileApp, serializeApp, validateApp } from 'zapier-platform-core/src/tools/schema';
import { App } from '../helpers/app-tester';

describe('the app definition', () => {
  it('is valid against the platform schema', () => {
    const errors = validateApp(compileApp(App)) as Array<{ property: string; message: string }>;
    expect(errors.map((e) => `${e.property} ${e.message}`)).toEqual([]);
  });

  it('is exactly what the entry Zapier loads hands over (the bundle in dist/app.js)', () => {
    // index.js hands over the bundle that `npm test` builds before jest runs: same definition, function for function.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const entry = require('../../index.js');
    expect(serializeApp(compileApp(entry))).toEqual(serializeApp(compileApp(App)));
  });
});
