/**
 * What a release relies on, read off the repository: `push` compiles what it ships, one version everywhere, and an
 * install that passes `--strict-allow-scripts`. (The zip itself: build-zip.test.ts; the docs' facts: docs.test.ts.)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { maybeRunBuildScript } from 'zapier-platform-cli/src/utils/build';
import { getVersionChangelog } from 'zapier-platform-cli/src/utils/changelog';
import { BUNDLE_FILE, freshBundle } from '../../tools/bundle';
import { App } from '../helpers/app-tester';

const ROOT = path.join(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const packageJson = JSON.parse(read('package.json')) as {
  version: string;
  scripts: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version: string; hasInstallScript?: boolean }> };

describe('push ships what you built', () => {
  it('package.json has the `_zapier-build` script, which `zapier-platform build`, `push` and `validate` run first', () => {
    expect(packageJson.scripts['_zapier-build']).toBe('npm run build');
  });

  it('the CLI’s own `_zapier-build` hook rebuilds dist/app.js from the src/ it finds, an edited label included', async () => {
    // A copy of what the build reads, so this test never rewrites the dist/app.js other test files are loading.
    const copy = mkdtempSync(path.join(os.tmpdir(), 'zapier-build-hook-'));
    try {
      // sandbox/ too: tools/capture-delivery.ts starts one, and the build compiles tools/.
      for (const part of ['src', 'tools', 'sandbox', 'index.js', 'package.json', 'tsconfig.json', 'tsconfig.test.json', 'test'])
        cpSync(path.join(ROOT, part), path.join(copy, part), { recursive: true });
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
      const trigger = path.join(copy, 'src/triggers/experience-events/table.ts');
      writeFileSync(trigger, readFileSync(trigger, 'utf8').replace("label: 'Any Experience Event'", "label: 'Any Experience Event, Edited'"));

      await maybeRunBuildScript({ cwd: copy });

      const built = readFileSync(path.join(copy, BUNDLE_FILE));
      expect(built.toString()).toContain('Any Experience Event, Edited');
      expect(built.equals(freshBundle(copy))).toBe(true);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);

  it('dist/app.js inlines the version, not the whole package.json (scripts, devDependencies)', () => {
    const bundle = freshBundle(ROOT).toString();
    expect(bundle).toContain(JSON.stringify(packageJson.version));
    for (const key of ['devDependencies', 'allowScripts', '_zapier-build']) expect(bundle).not.toContain(key);
  });
});

describe('one version everywhere', () => {
  it('the app definition’s version is package.json’s', () => {
    expect(App.version).toBe(packageJson.version);
  });

  it('CHANGELOG.md has a section for that version, found the way `zapier-platform promote` looks for it', async () => {
    const { changelog } = await getVersionChangelog(packageJson.version, ROOT);
    expect(changelog).not.toBe('');
  });

  it('the newest CHANGELOG.md section is that version (a bump without a changelog entry fails here)', () => {
    const newest = /^## (\S+)/m.exec(read('CHANGELOG.md'))?.[1];
    expect(newest).toBe(packageJson.version);
  });
});

describe('an install that keeps working as npm tightens', () => {
  it('allowScripts decides on every locked package with an install script, so `npm install --strict-allow-scripts` passes', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([folder, entry]) => folder !== '' && entry.hasInstallScript)
      .map(([folder]) => folder.replace(/^.*node_modules\//, ''));
    const decided = new Set(Object.keys(packageJson.allowScripts ?? {}).map((key) => key.replace(/(.)@.*$/, '$1')));
    expect(withScripts.filter((name) => !decided.has(name))).toEqual([]);
    expect(withScripts.length).toBeGreaterThan(0);
  });

  it('.ci/run installs with --strict-allow-scripts', () => {
    expect(read('.ci/run')).toMatch(/^npm install --strict-allow-scripts\b/m);
  });
});
