/**
 * `npm run test:watch [-- jest arguments]`: the developer's loop for the suites that load dist/ (the bundle, the
 * built sandbox, the tools). `tsc --watch` recompiles on every change under src/, sandbox/, bench/, tools/ and test/;
 * after each compile without errors this rebuilds the bundle (dist/app.js) and then reruns jest with the given
 * arguments (e.g. a path: `npm run test:watch -- test/app`). A run still going when the next build lands is stopped
 * first, so jest never runs against a half-written dist/. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const jestArgs = process.argv.slice(2);
const tscBin = require.resolve('typescript/bin/tsc', { paths: [root] });
const jestBin = require.resolve('jest/bin/jest', { paths: [root] });

/** tsc's summary after each watch compile: "Found 0 errors. Watching for file changes." */
export function compiledCleanly(line: string): boolean | null {
  const found = /Found (\d+) errors?\b/.exec(line);
  return found ? found[1] === '0' : null;
}

function main(): void {
  let jest: ChildProcess | null = null;

  const rerun = () => {
    if (jest && jest.exitCode === null) jest.kill('SIGTERM');
    const bundle = spawn(process.execPath, [path.join(root, 'dist/tools/bundle.js')], { cwd: root, stdio: 'inherit' });
    bundle.once('exit', (code) => {
      if (code !== 0) return console.log('[test:watch] The bundle failed; waiting for the next change.');
      console.log(`[test:watch] dist/ rebuilt; running jest ${jestArgs.join(' ')}`.trimEnd());
      jest = spawn(process.execPath, [jestBin, ...jestArgs], { cwd: root, stdio: 'inherit' });
    });
  };

  const tsc = spawn(process.execPath, [tscBin, '-p', 'tsconfig.test.json', '--watch', '--preserveWatchOutput'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pending = '';
  tsc.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const clean = compiledCleanly(line);
      if (clean === true) rerun();
      else if (clean === false) console.log('[test:watch] Type errors: fix them and save; jest reruns after a clean compile.');
    }
  });

  const stop = () => {
    if (jest && jest.exitCode === null) jest.kill('SIGTERM');
    tsc.kill('SIGTERM');
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  tsc.once('exit', (code) => process.exit(code ?? 0));
}

if (require.main === module) main();
