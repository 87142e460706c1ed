import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fhirIssuesOf } from './patient-input.ts';

describe('fhirIssuesOf', () => {
  it('locates issues by own keys only: a `constructor` or `toString` path finds no prototype member', () => {
    const issues = fhirIssuesOf(
      [
        { code: 'EVAL_INPUT', path: ['constructor'], message: 'x' },
        { code: 'EVAL_INPUT', path: ['toString', 0], message: 'y' },
        { code: 'EVAL_DATE_INVALID', path: ['date'], message: 'z' },
      ],
      { date: 'CoverageEligibilityRequest.servicedDate' },
    );
    assert.deepEqual(
      issues.map((i) => i.path),
      [
        'CoverageEligibilityRequest.constructor',
        'CoverageEligibilityRequest.toString[0]',
        'CoverageEligibilityRequest.servicedDate',
      ],
    );
  });
});
