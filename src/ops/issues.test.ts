import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { OPS_ISSUE_CODES } from './issues.ts';

describe('operations problem codes', () => {
  it('are each documented in docs/errors.md with the same sentence', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    for (const [code, meaning] of Object.entries(OPS_ISSUE_CODES)) {
      assert.ok(doc.includes(`| \`${code}\` | ${meaning} |`), code);
    }
  });
});
