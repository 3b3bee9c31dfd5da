/**
 * `npm run bundle`, the second half of `npm run build`: src/ with its dependencies in one file, dist/app.js, which
 * index.js hands to Zapier. One file loads markedly faster on every cold start than the ~100 files zod alone spreads
 * over (docs/performance.md). zapier-platform-core stays external: Zapier's runtime and the CLI load it themselves.
 * The options live here so that checking build/build.zip (tools/check-zip.ts) bundles exactly as the build does.
 */
import { buildSync, type BuildOptions } from 'esbuild';

export const BUNDLE_FILE = 'dist/app.js';

export const bundleOptions = (root: string): BuildOptions & { outfile: string } => ({
  absWorkingDir: root,
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['zapier-platform-core'],
  outfile: BUNDLE_FILE,
  logLevel: 'warning',
});

/** The bundle of the current src/, in memory: what dist/app.js must hold. */
export function freshBundle(root: string): Buffer {
  const [output] = buildSync({ ...bundleOptions(root), write: false }).outputFiles ?? [];
  return Buffer.from(output.contents);
}

if (require.main === module) {
  // npm runs every script from the project root.
  buildSync(bundleOptions(process.cwd()));
}
