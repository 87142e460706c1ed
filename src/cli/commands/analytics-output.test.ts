/** The analytics commands' output flags: formats checked before any work, files never overwritten. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UsageError } from '../io.ts';
import { outputOf, writeAnswer } from './analytics-output.ts';

const dir = mkdtempSync(join(tmpdir(), 'tegin-analytics-out-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const answer = {
  value: { a: 1 },
  tables: [
    { key: 'first', name: 'first', header: ['k', 'n'], rows: [['x', 1]] },
    { key: 'second', name: 'second', header: ['k'], rows: [['=y']] },
  ],
  text: () => 'text\n',
};

describe('analytics output', () => {
  it('refuses an unknown format, xlsx without --out, and an existing --out', () => {
    assert.throws(() => outputOf({ format: 'pdf' }), UsageError);
    assert.throws(() => outputOf({ format: 'xlsx' }), /needs --out/);
    const existing = join(dir, 'exists.csv');
    writeFileSync(existing, '');
    assert.throws(() => outputOf({ format: 'csv', out: existing }), /never overwrites/);
    assert.deepEqual(outputOf({ json: true }), { format: 'json', out: null, table: undefined });
  });

  it('CSV of the table asked for (defused), XLSX of every table to a file', () => {
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: () => undefined };
    writeAnswer(io, outputOf({ format: 'csv', table: 'second' }), answer);
    assert.equal(out, "\uFEFFk\r\n'=y\r\n");
    assert.throws(
      () => writeAnswer(io, outputOf({ format: 'csv', table: 'nope' }), answer),
      /--table/,
    );
    const file = join(dir, 'all.xlsx');
    writeAnswer(io, outputOf({ format: 'xlsx', out: file }), answer);
    const bytes = readFileSync(file);
    assert.equal(bytes.readUInt32LE(0), 0x04034b50, 'a ZIP');
    assert.ok(bytes.includes('xl/worksheets/sheet2.xml'), 'a sheet per table');
  });
});
