// Lint rules, including the layer boundaries of docs/architecture.md:
// the domain is pure (no I/O, no node:*), the registry does no I/O either,
// the FHIR mappings are pure over the domain (FHIR types only, nothing of
// @medplum runs there), inner layers never import outer ones, the web pages
// use the app's use cases (not the HTTP routes, storage or CLI), and the page
// script in src/web/client imports nothing of the server.
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
  { ignores: ['node_modules/**', 'data/**', 'artifacts/**', '.tegin/**'] },
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
    files: ['src/registry/**/*.ts'],
    ignores: ['src/registry/load-files.ts', 'src/registry/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path'], message: 'Only load-files.ts reads files.' },
            { group: ['**/cli/**'], message: 'The registry must not import the CLI.' },
          ],
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
