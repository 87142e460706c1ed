import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate } from '../domain/date.ts';
import { attachmentOn, changeAttachment } from './attachment.ts';

describe('attachment history', () => {
  it('closes the open attachment on the day the new one starts and keeps both', () => {
    const first = changeAttachment([], 'KZ-27/P1', isoDate('2024-01-10'));
    assert.ok(first.ok);
    const second = changeAttachment(first.history, 'KZ-27/P2', isoDate('2025-03-01'));
    assert.ok(second.ok);
    assert.deepEqual(second.history, [
      { organisation: 'KZ-27/P1', from: '2024-01-10', to: '2025-03-01' },
      { organisation: 'KZ-27/P2', from: '2025-03-01', to: null },
    ]);
    assert.equal(attachmentOn(second.history, isoDate('2025-02-28'))?.organisation, 'KZ-27/P1');
    assert.equal(attachmentOn(second.history, isoDate('2025-03-01'))?.organisation, 'KZ-27/P2');
    assert.equal(attachmentOn(second.history, isoDate('2024-01-09')), null);
  });

  it('refuses a change to the same organisation or starting before the current one', () => {
    const first = changeAttachment([], 'KZ-27/P1', isoDate('2024-01-10'));
    assert.ok(first.ok);
    const same = changeAttachment(first.history, 'KZ-27/P1', isoDate('2025-01-01'));
    assert.deepEqual(same.ok ? null : same.code, 'already_attached');
    const early = changeAttachment(first.history, 'KZ-27/P2', isoDate('2024-01-10'));
    assert.deepEqual(early.ok ? null : early.code, 'before_current');
  });
});
