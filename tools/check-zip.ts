/**
 * What a build zip holds, checked against package-lock.json and src/. Every file under node_modules must belong to
 * a package the lockfile installs in production: a dev dependency's file (jest, typescript, the CLI, the node binary,
 * …) is a leak, and so is a file of no locked package. dist/app.js must be the bundle of the current src/, or the
 * zip would ship code older than the source.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_FILE, freshBundle } from './bundle';
import { readZip } from './zip-entries';

interface Lockfile {
  packages: Record<string, { dev?: boolean }>;
}

export interface ZipReport {
  entries: string[];
  /** The node_modules package folders with files in the zip, e.g. `node_modules/zod`. */
  packages: string[];
  devDependencyFiles: string[];
  unlockedFiles: string[];
  bundle: 'fresh' | 'stale' | 'missing';
}

/** node_modules/a/node_modules/@s/b/lib/x.js → node_modules/a/node_modules/@s/b: the innermost package folder. */
export const packageFolderOf = (entry: string): string | undefined => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(entry)?.[1];

export function checkZip(zipFile: string, root: string): ZipReport {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  const zip = readZip(zipFile);
  const entries = zip.map((entry) => entry.name);
  const located = entries.flatMap((name) => {
    const folder = packageFolderOf(name);
    return folder === undefined ? [] : [{ name, folder, locked: lock.packages[folder] }];
  });
  const app = zip.find((entry) => entry.name === BUNDLE_FILE);
  return {
    entries,
    packages: [...new Set(located.map(({ folder }) => folder))].sort(),
    devDependencyFiles: located.filter(({ locked }) => locked?.dev === true).map(({ name }) => name),
    unlockedFiles: located.filter(({ locked }) => locked === undefined).map(({ name }) => name),
    bundle: app === undefined ? 'missing' : app.read().equals(freshBundle(root)) ? 'fresh' : 'stale',
  };
}

/** What is wrong with a zip, one readable line each; empty when nothing is. */
export function zipProblems(report: ZipReport): string[] {
  const files = (names: string[], of: string) =>
    names.length === 0
      ? []
      : [
          `${names.length === 1 ? '1 file' : `${names.length} files`} of ${of}: ${names.slice(0, 5).join(', ')}${names.length > 5 ? `, and ${names.length - 5} more` : ''}`,
        ];
  return [
    ...files(report.devDependencyFiles, 'dev dependencies'),
    ...files(report.unlockedFiles, 'packages package-lock.json does not list'),
    ...(report.bundle === 'missing' ? [`no ${BUNDLE_FILE}: run \`npm run build\` first`] : []),
    ...(report.bundle === 'stale' ? [`${BUNDLE_FILE} is not the bundle of the current src/: run \`npm run build\` first`] : []),
  ];
}
