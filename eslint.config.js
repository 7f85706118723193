import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'os', 'crypto', 'stream', 'http', 'zlib'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.lago-grey/**', 'test-results/**', 'playwright-report/**', 'components/**/zig-cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['express', ...nodeBuiltins, '**/server/**'], message: 'client/ runs in the browser: no Node or server imports.' }] }],
    },
  },
  {
    // shared/ is the pure domain used by both sides.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'express', ...nodeBuiltins], message: 'shared/ is pure: no React, Express or Node imports.' },
            { group: ['**/server/**', '**/client/**'], message: 'shared/ must not depend on server/ or client/.' },
          ],
        },
      ],
    },
  },
);
