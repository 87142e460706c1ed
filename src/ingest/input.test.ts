import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readInput } from './input.ts';

describe('readInput', () => {
  it('accepts UTF-8 text, dropping a BOM and normalising line ends', () => {
    const result = readInput(new TextEncoder().encode('\uFEFFбір\r\nекі\rүш'));
    assert.deepEqual(result, { ok: true, text: 'бір\nекі\nүш' });
  });

  it('refuses empty and blank input', () => {
    for (const input of ['', '  \n\t\n']) {
      const result = readInput(input);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.issue.code, 'PARSE_INPUT_EMPTY');
    }
  });

  it('refuses NUL bytes, invalid UTF-8 and control-character noise as binary', () => {
    const cases: (string | Uint8Array)[] = [
      'text\u0000more',
      new Uint8Array([0xd0, 0x90, 0xff, 0xfe]),
      '\u0001\u0002\u0003\u0004ab',
    ];
    for (const input of cases) {
      const result = readInput(input);
      assert.equal(!result.ok && result.issue.code, 'PARSE_INPUT_BINARY');
    }
  });

  it('refuses input above the limit, counting UTF-8 bytes', () => {
    const result = readInput('әә', 3);
    assert.equal(!result.ok && result.issue.code, 'PARSE_INPUT_TOO_LARGE');
    assert.match(!result.ok ? result.issue.message : '', /4 bytes; the import limit is 3 bytes/);
    assert.equal(readInput('ә', 3).ok, true);
  });
});
