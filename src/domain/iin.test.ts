import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeIin } from './iin.ts';

describe('IIN', () => {
  it('accepts the reference examples, including two that need the second weight pass', () => {
    const expected: Record<string, [string, string]> = {
      '900101300126': ['1990-01-01', 'male'],
      '850725401230': ['1985-07-25', 'female'],
      '120311500018': ['2012-03-11', 'male'],
      '000229600074': ['2000-02-29', 'female'],
      '991231400014': ['1999-12-31', 'female'],
      '880315300511': ['1988-03-15', 'male'],
    };
    for (const [iin, [birthDate, sex]] of Object.entries(expected)) {
      const result = decodeIin(iin);
      assert.deepEqual(result, { ok: true, value: { iin, birthDate, sex } }, iin);
    }
  });

  it('rejects the reference counter-examples and says why', () => {
    const cases: [string, RegExp][] = [
      ['900101300125', /check digit is 5, expected 6/],
      ['900101700128', /digit 7 .* must be 1–6, not 7/],
      ['901301300121', /not a calendar date/],
      ['900230300125', /not a calendar date/],
      ['000000000000', /digit 7 .* not 0/],
      ['12345678901', /12 digits, this one has 11/],
      ['9001013001a6', /digits only/],
    ];
    for (const [iin, reason] of cases) {
      const result = decodeIin(iin);
      assert.equal(result.ok, false, iin);
      if (!result.ok) assert.match(result.reason, reason, iin);
    }
  });
});
