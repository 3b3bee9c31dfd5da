// The zapier-platform-cli internals this project calls, so that it builds, and checks a release, exactly as the CLI
// does: the source zip of `build`, the `_zapier-build` hook of `build`/`push`/`validate`, and `promote`'s changelog.
declare module 'zapier-platform-cli/src/utils/build' {
  export function makeSourceZip(workingDir: string, zipPath: string): Promise<void>;
  export function maybeRunBuildScript(options?: { cwd?: string; printProgress?: boolean }): Promise<void>;
}

declare module 'zapier-platform-cli/src/utils/changelog' {
  export function getVersionChangelog(version: string, appDir?: string): Promise<{ changelog: string }>;
}
