// The platform's own validator: compileApp + validateApp are what `zapier-platform validate` runs on the definition.
import { compileApp, validateApp } from 'zapier-platform-core/src/tools/schema';
import { App } from '../helpers/app-tester';

describe('the app definition', () => {
  it('is valid against the platform schema', () => {
    const errors = validateApp(compileApp(App)) as Array<{ property: string; message: string }>;
    expect(errors.map((e) => `${e.property} ${e.message}`)).toEqual([]);
  });

  it('is what the entry Zapier loads hands over', () => {
    // index.js hands over dist/, which `npm test` builds before jest runs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const entry = require('../../index.js');
    expect(Object.keys(entry.triggers).sort()).toEqual(Object.keys(App.triggers).sort());
    expect(entry.version).toBe(App.version);
  });
});
