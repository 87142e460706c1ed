/**
 * The layer rules of eslint.config.js reject what they claim to: ESLint's API lints a small
 * fixture placed in each layer that imports a layer above it (and, as a control, one that
 * imports a layer below, which must pass).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('..', import.meta.url)) });

async function restrictedImports(file: string, from: string): Promise<number> {
  const code = `import { value } from '${from}';\nexport const copy = value;\n`;
  const [result] = await eslint.lintText(code, { filePath: file });
  assert.ok(result, file);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

const UPWARD: [string, string][] = [
  ['src/domain/fixture.ts', '../registry/registry.ts'],
  ['src/domain/fixture.ts', '../app/queries.ts'],
  ['src/domain/fixture.ts', '../fhir/index.ts'],
  ['src/domain/fixture.ts', 'node:fs'],
  ['src/registry/fixture.ts', '../app/queries.ts'],
  ['src/registry/fixture.ts', '../storage/storage.ts'],
  ['src/registry/fixture.ts', '../cli/main.ts'],
  ['src/registry/cache.ts', '../app/queries.ts'],
  ['src/fhir/fixture.ts', '../registry/registry.ts'],
  ['src/ingest/fixture.ts', '../registry/registry.ts'],
  ['src/storage/fixture.ts', '../app/services.ts'],
  ['src/storage/fixture.ts', '../http/app.ts'],
  ['src/app/fixture.ts', '../http/app.ts'],
  ['src/app/fixture.ts', '../web/routes.tsx'],
  ['src/app/fixture.ts', '../cli/main.ts'],
  ['src/web/fixture.ts', '../http/app.ts'],
  ['src/web/fixture.ts', '../storage/storage.ts'],
  ['src/web/client/fixture.ts', '../ui.ts'],
  ['src/http/fixture.ts', '../cli/main.ts'],
];

const DOWNWARD: [string, string][] = [
  ['src/registry/fixture.ts', '../domain/date.ts'],
  ['src/storage/fixture.ts', '../registry/registry.ts'],
  ['src/app/fixture.ts', '../storage/storage.ts'],
  ['src/web/fixture.ts', '../app/queries.ts'],
  ['src/http/fixture.ts', '../web/routes.tsx'],
  ['src/cli/fixture.ts', '../app/queries.ts'],
];

describe('layer boundaries (eslint.config.js)', () => {
  for (const [file, from] of UPWARD) {
    it(`${file} may not import ${from}`, async () => {
      assert.equal(await restrictedImports(file, from), 1);
    });
  }
  for (const [file, from] of DOWNWARD) {
    it(`${file} may import ${from}`, async () => {
      assert.equal(await restrictedImports(file, from), 0);
    });
  }
});
