/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-test-file.ts'],
  transform: {
    // tsc already type-checks everything in `npm test`; with isolatedModules (tsconfig) ts-jest only strips types, which is much faster.
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
};
