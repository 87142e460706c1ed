/** The validator the FHIR tests rely on finds what it should. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFhir } from './fhir-validator.ts';

describe('validateFhir', () => {
  it('accepts a valid resource', () => {
    assert.deepEqual(validateFhir({ resourceType: 'Basic', code: { text: 'x' } }), []);
  });

  it('reports missing required elements, unknown properties, bad dates and broken invariants', () => {
    const problems = validateFhir({
      resourceType: 'InsurancePlan',
      period: { start: '2026-13-01' },
      extension: [{ url: 'https://tegin.kz/x' }],
      colour: 'red',
    } as never);
    const text = problems.join('\n');
    assert.match(text, /ipn-1/);
    assert.match(text, /period\.start/);
    assert.match(text, /ext-1/);
    assert.match(text, /colour/);
    assert.deepEqual(validateFhir({ resourceType: 'Basic' } as never), [
      'error structure at Basic.code: Missing required property',
    ]);
  });
});
