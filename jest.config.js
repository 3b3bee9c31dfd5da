/**
 * Two projects, run one after the other by `npm test` (never in one jest run): suites that fake Intelligems with nock,
 * and suites that run the app against the sandbox over real loopback HTTP. Jest runs many files in one worker
 * process, and after a loopback suite has run zapier-platform-core against real HTTP, a nock suite that follows in
 * the same process can find its interceptors bypassed (its calls go to the real network). Separate runs mean
 * separate worker processes. A suite in a new folder lands with the loopback suites, which is always safe.
 */
const NOCK_SUITES = ['<rootDir>/test/unit/', '<rootDir>/test/app/', '<rootDir>/test/cross-cutting/'];

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-test-file.ts'],
  transform: {
    // tsc already type-checks everything in `npm test`; with isolatedModules (tsconfig) ts-jest only strips types, which is much faster.
    // The tests' config has source maps on (the app's stays off for dist/): a failing assertion is reported at its own line.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: 'tsconfig.test.json' }],
  },
};

/** @type {import('jest').Config} */
module.exports = {
  // No test bets on the clock, but a heavy one (200 experiments polled day after day) can take seconds on a loaded
  // 2-core machine: jest's default 5 s would fail it for being slow, not wrong. (A global option: inside a project
  // entry jest ignores it.)
  testTimeout: 30_000,
  projects: [
    { ...shared, displayName: 'nock', testMatch: NOCK_SUITES.map((folder) => `${folder}**/*.test.ts`) },
    { ...shared, displayName: 'loopback', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: NOCK_SUITES },
  ],
};
