/** The lint rule that keeps src/analytics pure must reject a violation (STYLE.md: boundaries are tested). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();
const ruleIds = async (code: string, filePath: string) =>
  (await eslint.lintText(code, { filePath })).flatMap((r) => r.messages).map((m) => m.ruleId);

describe('the src/analytics boundary', () => {
  it('rejects I/O and the storage in the analyses', async () => {
    const io = await ruleIds(
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'src/analytics/bad.ts',
    );
    assert.deepEqual(io, ['no-restricted-imports']);
    const outer = await ruleIds(
      "import type { AnalyticsStorage } from '../storage/analytics/port.ts';\nexport type X = AnalyticsStorage;\n",
      'src/analytics/bad.ts',
    );
    assert.deepEqual(outer, ['no-restricted-imports']);
  });

  it('allows the domain and the operations domain', async () => {
    const ok = await ruleIds(
      "import { factsFromRegister } from '../ops/facts.ts';\nexport const x = factsFromRegister;\n",
      'src/analytics/ok.ts',
    );
    assert.deepEqual(ok, []);
  });
});
