/** The lint rule that keeps src/ops pure must reject a violation (STYLE.md: boundaries are tested). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();
const ruleIds = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath })).flatMap((r) => r.messages).map((m) => m.ruleId);

describe('the src/ops boundary', () => {
  it('rejects I/O and outer layers in the operations domain', async () => {
    const io = await ruleIds(
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'src/ops/bad.ts',
    );
    assert.deepEqual(io, ['no-restricted-imports']);
    const outer = await ruleIds(
      "import type { OpsStorage } from '../storage/ops/port.ts';\nexport type X = OpsStorage;\n",
      'src/ops/bad.ts',
    );
    assert.deepEqual(outer, ['no-restricted-imports']);
  });

  it('allows the same imports in the adapters and the domain imports in src/ops', async () => {
    const adapter = await ruleIds(
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'src/storage/ops/ok.ts',
    );
    assert.deepEqual(adapter, []);
    const domain = await ruleIds(
      "import { isoDate } from '../domain/date.ts';\nexport const x = isoDate;\n",
      'src/ops/ok.ts',
    );
    assert.deepEqual(domain, []);
  });
});
