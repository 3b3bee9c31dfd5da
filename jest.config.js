/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-test-file.ts'],
  transform: {
    // tsc already type-checks everything in `npm test`; with isolatedModules (tsconfig) ts-jest only strips types, which is much faster.
    // The tests' config has source maps on (the app's stays off for dist/): a failing assertion is reported at its own line.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: 'tsconfig.test.json' }],
  },
};
