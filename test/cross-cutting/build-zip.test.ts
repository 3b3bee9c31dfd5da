/**
 * `npm run build:zip`, for real: the zip holds the app and production dependencies only, and the app of the current
 * src/. The zip is built into a temp folder (about 10 s: `npm ci --omit=dev` from the npm cache, then the CLI's build
 * and its own load test), never into build/, which `npm run build:zip` owns.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeSourceZip } from 'zapier-platform-cli/src/utils/build';
import { buildZip } from '../../tools/build-zip';
import { checkZip, packageFolderOf, zipProblems, type ZipReport } from '../../tools/check-zip';
import { readZip } from '../../tools/zip-entries';

const ROOT = path.join(__dirname, '../..');
const temp = mkdtempSync(path.join(os.tmpdir(), 'build-zip-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('npm run build:zip', () => {
  let zipFile: string;
  let report: ZipReport;
  beforeAll(async () => {
    zipFile = await buildZip(ROOT, { outDir: path.join(temp, 'out') });
    report = checkZip(zipFile, ROOT);
  }, 180_000);

  it('holds no file of a dev dependency, and none of a package the lockfile does not list', () => {
    expect(report.devDependencyFiles).toEqual([]);
    expect(report.unlockedFiles).toEqual([]);
    expect(zipProblems(report)).toEqual([]);
  });

  it('holds the production dependencies and not the tools', () => {
    expect(report.packages).toEqual(expect.arrayContaining(['node_modules/zapier-platform-core', 'node_modules/zod']));
    for (const tool of ['jest', 'typescript', 'esbuild', 'node', 'zapier-platform-cli', 'nock', '@types/node']) {
      expect(report.packages).not.toContain(`node_modules/${tool}`);
    }
  });

  it('outside node_modules, holds exactly what Zapier loads', () => {
    expect(report.entries.filter((name) => !name.startsWith('node_modules/')).sort()).toEqual([
      'definition.json',
      'dist/app.js',
      'index.js',
      'package.json',
      'zapierwrapper.js',
    ]);
  });

  it('carries the dist/app.js of the current src/, and the package.json version as the definition’s', () => {
    expect(report.bundle).toBe('fresh');
    const entries = readZip(zipFile);
    const json = (name: string) =>
      JSON.parse(
        entries
          .find((entry) => entry.name === name)!
          .read()
          .toString(),
      );
    expect(json('definition.json').version).toBe(json('package.json').version);
    expect(json('package.json').scripts).toBeUndefined();
  });

  it('writes the source zip `zapier-platform upload` sends with it: src/, never node_modules, dist/ or .env', () => {
    const names = readZip(path.join(temp, 'out/source.zip')).map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['package.json', 'src/index.ts', 'CHANGELOG.md']));
    expect(names.filter((name) => /^(node_modules|dist|build)\/|(^|\/)\.env$/.test(name))).toEqual([]);
  });
});

describe('the zip check', () => {
  it('names the folder of the innermost package a file belongs to', () => {
    expect(packageFolderOf('node_modules/zod/index.js')).toBe('node_modules/zod');
    expect(packageFolderOf('node_modules/a/node_modules/@scope/b/lib/x.js')).toBe('node_modules/a/node_modules/@scope/b');
    expect(packageFolderOf('dist/app.js')).toBeUndefined();
  });

  it('catches a dev dependency’s file, a file of no locked package, and a dist/app.js older than src/', async () => {
    const leaky = path.join(temp, 'leaky');
    const files: Record<string, string> = {
      'node_modules/zod/package.json': '{}',
      'node_modules/jest/package.json': '{}',
      'node_modules/left-pad/index.js': 'module.exports = 1;',
      'dist/app.js': 'module.exports = {}; // built before the last change to src/',
    };
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(leaky, name)), { recursive: true });
      writeFileSync(path.join(leaky, name), content.repeat(50)); // long enough to be deflated
    }
    await makeSourceZip(leaky, path.join(temp, 'leaky.zip'));

    const leak = checkZip(path.join(temp, 'leaky.zip'), ROOT);
    expect(leak.devDependencyFiles).toEqual(['node_modules/jest/package.json']);
    expect(leak.unlockedFiles).toEqual(['node_modules/left-pad/index.js']);
    expect(leak.bundle).toBe('stale');
    expect(zipProblems(leak)).toEqual([
      '1 file of dev dependencies: node_modules/jest/package.json',
      '1 file of packages package-lock.json does not list: node_modules/left-pad/index.js',
      'dist/app.js is not the bundle of the current src/: run `npm run build` first',
    ]);
  });
});
