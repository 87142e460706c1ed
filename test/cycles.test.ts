/** scripts/check-cycles.ts finds an import cycle in a fixture, and none where imports are one-way or type-only. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findCycles, importGraph } from '../scripts/check-cycles.ts';

const root = mkdtempSync(join(tmpdir(), 'tegin-cycles-'));
after(() => rmSync(root, { recursive: true, force: true }));

function fixture(dir: string, files: Record<string, string>): void {
  mkdirSync(join(root, dir), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, dir, name), text);
}

describe('import cycles', () => {
  it('finds a cycle of three modules and a self-import, not a diamond', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', ['d']],
      ['e', ['f', 'g']],
      ['f', ['h']],
      ['g', ['h']],
      ['h', []],
    ]);
    assert.deepEqual(findCycles(graph), [['a', 'b', 'c'], ['d']].reverse());
  });

  it('reads the cycle between two source files', async () => {
    fixture('cyclic', {
      'a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'c.ts': "import { a } from './a.ts';\nexport const c = a;\n",
    });
    assert.deepEqual(findCycles(await importGraph(root, 'cyclic')), [
      ['cyclic/a.ts', 'cyclic/b.ts'],
    ]);
  });

  it('ignores type-only and dynamic imports back', async () => {
    fixture('acyclic', {
      'a.ts': "import { b } from './b.ts';\nexport type A = { n: number };\nexport const a = b;\n",
      'b.ts':
        "import type { A } from './a.ts';\nexport const b: A = { n: 1 };\nexport const later = () => import('./a.ts');\n",
    });
    assert.deepEqual(findCycles(await importGraph(root, 'acyclic')), []);
  });
});
