// ESLint: typescript-eslint's type-aware recommended rules over every TypeScript file (flat config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'coverage/', 'captures/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // Each file is checked as its own config compiles it: the app under the stricter tsconfig.json.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['test/**/*.ts', 'sandbox/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname } },
  },
  {
    rules: {
      // `_name` marks a parameter a signature needs but the body does not (Zapier's perform(z, bundle), handlers).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests, benchmarks and the sandbox's own client poke at JSON answers and mocks on purpose: `any` there is the
    // point, not a slip; and a fake of an async API is async without awaiting anything.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'sandbox/client.ts', 'sandbox/demo/**/*.ts'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
