import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtcCode, Icd10Code, icd10Covers, normaliseIcd10 } from './codes.ts';

const code = (s: string) => Icd10Code.parse(s);

describe('ICD-10 codes', () => {
  it('normalises case, spaces and a missing dot', () => {
    for (const [input, expected] of [
      ['m08.2', 'M08.2'],
      ['M082', 'M08.2'],
      [' m 08 ', 'M08'],
      ['g61.81', 'G61.81'],
    ] as const) {
      const result = normaliseIcd10(input);
      assert.deepEqual(result, { ok: true, code: expected }, input);
    }
  });

  it('rejects malformed codes and says why', () => {
    for (const input of ['', 'M8', 'MM08', 'M08.123', '08.1', 'M08-2']) {
      const result = normaliseIcd10(input);
      assert.equal(result.ok, false, input);
      if (!result.ok) assert.match(result.reason, /is not an ICD-10 code/);
    }
  });

  it('matches a patient code under a listed category or subcategory, never a sibling', () => {
    assert.equal(icd10Covers(code('M08'), code('M08.21')), true);
    assert.equal(icd10Covers(code('M08.2'), code('M08.21')), true);
    assert.equal(icd10Covers(code('M08.2'), code('M08.2')), true);
    assert.equal(icd10Covers(code('M08.2'), code('M08.3')), false);
    assert.equal(icd10Covers(code('M08.2'), code('M08')), false);
    assert.equal(icd10Covers(code('G40'), code('G41.0')), false);
  });

  it('validates canonical forms in data', () => {
    assert.equal(Icd10Code.safeParse('m08').success, false);
    assert.equal(Icd10Code.safeParse('M082').success, false);
    assert.equal(AtcCode.safeParse('L04AC07').success, true);
    assert.equal(AtcCode.safeParse('B05XC').success, true);
    assert.equal(AtcCode.safeParse('L04AC7').success, false);
  });
});
