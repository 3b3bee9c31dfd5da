/**
 * `npm run build:zip` (after `npm run build`): build/build.zip and build/source.zip, ready for
 * `zapier-platform upload`, with only production dependencies in the zip, offline from the npm cache.
 *
 * Why not `zapier-platform build` in the project: with `--skip-dep-install` it zips over the dev node_modules, and
 * its preset pattern takes every `package.json` there (1,042 files of jest, typescript, the CLI, …); without it, it
 * copies the whole project, dev node_modules included (≈ 32,000 files, all at once), into a temp folder and runs
 * `npm install --production` online. So the CLI builds here in a staging folder that holds only what runs —
 * index.js, dist/app.js, package.json, package-lock.json, .zapierapprc — plus `npm ci --omit=dev`'s node_modules.
 * The zip is then checked (tools/check-zip.ts) and refused if a dev dependency's file or stale code got in.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeSourceZip } from 'zapier-platform-cli/src/utils/build';
import { checkZip, zipProblems } from './check-zip';

const STAGED = ['index.js', 'dist/app.js', 'package.json', 'package-lock.json', '.zapierapprc'];

type Log = (line: string) => void;

/** Runs a step quietly; when it fails, its own output is the error. */
function run(log: Log, what: string, command: string, args: string[], cwd: string): void {
  log(`${what}…`);
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status}`})${output ? `:\n${output}` : ''}`);
  }
}

/** Builds `build.zip` and `source.zip` into outDir (default: root/build) and returns the path of build.zip. */
export async function buildZip(root: string, { outDir = path.join(root, 'build'), log = () => {} }: { outDir?: string; log?: Log } = {}): Promise<string> {
  const stage = mkdtempSync(path.join(os.tmpdir(), 'intelligems-zip-'));
  try {
    for (const file of STAGED) {
      mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
      copyFileSync(path.join(root, file), path.join(stage, file));
    }
    // --prefer-offline: take what `npm install` already put in the npm cache (metadata and tarballs) without asking
    // the registry whether it is current; only what is missing is fetched.
    run(
      log,
      'production dependencies: npm ci --omit=dev, from the npm cache',
      'npm',
      ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      stage,
    );
    // Nothing is built inside the zip; the CLI would run `_zapier-build` from any package.json that names it.
    const { scripts: _scripts, ...productionPackage } = JSON.parse(readFileSync(path.join(stage, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(productionPackage, null, 2)}\n`);
    // --skip-validation: the build's validation includes the style checks on Zapier's servers; `npm run validate`
    // runs the schema checks offline.
    run(
      log,
      'zapier-platform build --skip-dep-install, in the staging folder',
      process.execPath,
      [require.resolve('zapier-platform-cli/src/bin/run'), 'build', '--skip-dep-install', '--skip-validation'],
      stage,
    );

    mkdirSync(outDir, { recursive: true });
    const zipFile = path.join(outDir, 'build.zip');
    copyFileSync(path.join(stage, 'build/build.zip'), zipFile);
    // The source zip is of the project itself (.gitignore respected), as `zapier-platform build` writes it.
    await makeSourceZip(root, path.join(outDir, 'source.zip'));
    return zipFile;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const root = process.cwd(); // npm runs every script from the project root
  const zipFile = await buildZip(root, { log: (line) => process.stdout.write(`${line}\n`) });
  const report = checkZip(zipFile, root);
  const problems = zipProblems(report);
  const where = path.relative(root, zipFile);
  if (problems.length) {
    rmSync(zipFile); // so that `zapier-platform upload` cannot send it
    process.stderr.write(`${where} was removed, because it must not be uploaded:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    `${where}: ${report.entries.length} entries, ${report.packages.length} production packages, no dev-dependency file, ` +
      `dist/app.js is the bundle of the current src/. Upload it with \`npx zapier-platform upload\`.\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm run build:zip failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
