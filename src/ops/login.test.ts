import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AFTER_SUCCESS, afterFailure, DEFAULT_LOGIN_POLICY, isLocked } from './login.ts';

describe('login throttling', () => {
  const now = new Date('2026-11-29T05:00:00Z');
  it('locks on the fifth failure for fifteen minutes, and not before', () => {
    let state = AFTER_SUCCESS;
    for (let i = 1; i <= 4; i++) state = afterFailure(state, DEFAULT_LOGIN_POLICY, now);
    assert.deepEqual(state, { failures: 4, lockedUntil: null });
    state = afterFailure(state, DEFAULT_LOGIN_POLICY, now);
    assert.equal(state.lockedUntil, '2026-11-29T05:15:00.000Z');
    assert.equal(isLocked(state, new Date('2026-11-29T05:14:59.999Z')), true);
    assert.equal(isLocked(state, new Date('2026-11-29T05:15:00.000Z')), false);
  });

  it('does not extend a lock by failing while locked', () => {
    const locked = { failures: 0, lockedUntil: '2026-11-29T05:15:00.000Z' };
    assert.deepEqual(afterFailure(locked, DEFAULT_LOGIN_POLICY, now), {
      failures: 0,
      lockedUntil: '2026-11-29T05:15:00.000Z',
    });
  });
});
