/**
 * Every Zap run may be a cold Lambda start: the wall time of a fresh `node` that loads the app's entry, against one
 * that loads only zapier-platform-core (what any Zapier app pays), interleaved, medians.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { median } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');

function wallMs(script: string): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`cold load failed (${script}): ${run.stderr.toString().slice(0, 500)}`);
  return ms;
}

const APP_SCRIPT = `require(${JSON.stringify(path.join(ROOT, 'index.js'))})`;
const CORE_SCRIPT = `require(${JSON.stringify(require.resolve('zapier-platform-core', { paths: [ROOT] }))})`;

export function coldLoadRatio(runs: number): { ratio: number; appMs: number; coreMs: number; runs: number } {
  wallMs(CORE_SCRIPT); // the first spawn warms the OS file cache for both
  wallMs(APP_SCRIPT);
  const app: number[] = [];
  const core: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      core.push(wallMs(CORE_SCRIPT));
      app.push(wallMs(APP_SCRIPT));
    } else {
      app.push(wallMs(APP_SCRIPT));
      core.push(wallMs(CORE_SCRIPT));
    }
  }
  const appMs = median(app);
  const coreMs = median(core);
  return { ratio: appMs / coreMs, appMs, coreMs, runs };
}
