/**
 * One catalogue of problem codes: every code a client can meet (src/domain/issues.ts, which
 * takes in src/ops/issues.ts) has its row in docs/errors.md, and no row names a code that
 * does not exist.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ISSUE_CODES } from '../src/domain/issues.ts';
import { OPS_ISSUE_CODES } from '../src/ops/issues.ts';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const rows = [...doc.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1] ?? '');

describe('the catalogue of problem codes', () => {
  it('documents every code, once', () => {
    for (const code of Object.keys(ISSUE_CODES)) {
      assert.equal(rows.filter((r) => r === code).length, 1, code);
    }
  });

  it('documents no code that is not in the catalogue', () => {
    assert.deepEqual(
      rows.filter((r) => !(r in ISSUE_CODES)),
      [],
    );
  });

  it('holds the operations and account codes, so an HTTP problem may carry them', () => {
    for (const code of Object.keys(OPS_ISSUE_CODES)) assert.ok(code in ISSUE_CODES, code);
  });
});
