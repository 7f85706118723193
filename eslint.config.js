import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'os', 'crypto', 'stream', 'http', 'zlib'];

// The server's layers point one way: routes → use cases → domain and ports → adapters.
const serverAdapters = ['builds', 'components', 'db', 'elf', 'engines', 'oci', 'process', 'retention', 'staging', 'supply', 'uploads'];
const compositionRoot = ['**/app.ts', '**/createServer.ts', '**/createServerContext.ts', '**/apiModules.ts', '**/main.ts'];
const layerRule = (patterns) => ['error', { patterns }];

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

  {
    // Routes only translate HTTP: they call use cases, never the database, files or processes.
    files: ['server/routes/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': layerRule([
        { group: serverAdapters.map((d) => `**/${d}/**`), message: 'routes call use cases (server/usecases/), not adapters.' },
        { group: ['better-sqlite3', 'node:fs', 'node:fs/*', 'node:child_process'], message: 'routes do no I/O of their own: put it in a use case.' },
        { group: compositionRoot, message: 'only the composition root wires routers.' },
      ]),
    },
  },
  {
    files: ['server/usecases/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': layerRule([
        { group: ['**/routes/**', 'express', ...compositionRoot], message: 'use cases know nothing of HTTP or of the wiring.' },
        { group: ['node:child_process'], message: 'spawn only through server/process/runProcess.ts.' },
      ]),
    },
  },
  {
    files: serverAdapters.map((d) => `server/${d}/**/*.ts`),
    ignores: ['server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': layerRule([
        { group: ['**/routes/**', '**/usecases/**', 'express', ...compositionRoot], message: 'domain and adapters must not depend on routes, use cases or the wiring.' },
      ]),
    },
  },
);
