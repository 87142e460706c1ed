// Lint rules, including the layer boundaries of docs/architecture.md:
// the domain is pure (no I/O, no node:*), the registry does no I/O either,
// the FHIR mappings are pure over the domain (FHIR types only, nothing of
// @medplum runs there), inner layers never import outer ones, the web pages
// use the app's use cases (not the HTTP routes, storage or CLI), and the page
// script in src/web/client imports nothing of the server. Layers, inner first:
// domain → registry, fhir, ingest → storage → app → web → http → cli.
// test/lint-boundaries.test.ts lints a fixture that imports upward from each.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outerLayers = [
  '**/cli/**',
  '**/registry/**',
  '**/app/**',
  '**/storage/**',
  '**/http/**',
  '**/web/**',
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'data/**', 'artifacts/**', '.tegin/**', 'dist/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os'], message: 'The domain is pure: no I/O.' },
            { group: outerLayers, message: 'The domain must not import outer layers.' },
            { group: ['**/fhir/**'], message: 'The domain must not import the FHIR mappings.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ops/**/*.ts'],
    ignores: ['src/ops/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os'],
              message: 'The operations domain is pure: no I/O.',
            },
            { group: outerLayers, message: 'The operations domain must not import outer layers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/analytics/**/*.ts'],
    ignores: ['src/analytics/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os'], message: 'The analyses are pure: no I/O.' },
            { group: outerLayers, message: 'The analyses must not import outer layers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/registry/**/*.ts'],
    ignores: ['src/registry/load-files.ts', 'src/registry/cache.ts', 'src/registry/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path'],
              message: 'Only load-files.ts (data) and cache.ts (snapshots) touch files.',
            },
            {
              group: [
                ...outerLayers.filter((l) => l !== '**/registry/**'),
                '**/fhir/**',
                '**/ingest/**',
              ],
              message: 'The registry imports the domain only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/registry/load-files.ts', 'src/registry/cache.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: outerLayers.filter((l) => l !== '**/registry/**'),
              message: 'The registry imports the domain only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/storage/**/*.ts'],
    ignores: ['src/storage/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/app/**', '**/http/**', '**/web/**', '**/cli/**'],
              message:
                'Storage sits below the use cases: it must not import app, http, web or cli.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    ignores: ['src/app/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http/**', '**/web/**', '**/cli/**'],
              message: 'The use cases must not import their clients (http, web, cli).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/http/**/*.{ts,tsx}'],
    ignores: ['src/http/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/cli/**'], message: 'The HTTP layer must not import the CLI.' }],
        },
      ],
    },
  },
  {
    files: ['src/fhir/**/*.ts'],
    ignores: ['src/fhir/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os'],
              message: 'The FHIR mappings are pure: no I/O.',
            },
            {
              group: outerLayers,
              message: 'The FHIR mappings take domain values, not outer layers.',
            },
            {
              group: ['@medplum/*', '!@medplum/fhirtypes'],
              message: 'Only FHIR types (@medplum/fhirtypes) in src/fhir; validation is for tests.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ingest/**/*.ts'],
    ignores: ['src/ingest/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os'],
              message: 'The import stages are pure: the CLI reads the file.',
            },
            {
              group: ['**/cli/**', '**/registry/**'],
              message: 'src/ingest depends on the domain only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    ignores: ['src/web/client/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http/**', '**/storage/**', '**/cli/**', '**/load-files*'],
              message: 'Pages call the use cases of src/app, not the API routes, storage or CLI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*', 'node:*'], message: 'The page script runs in the browser, alone.' },
          ],
        },
      ],
    },
  },
);
