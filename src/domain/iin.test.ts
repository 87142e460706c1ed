import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate } from './date.ts';
import { decodeIin, encodeIin } from './iin.ts';

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

describe('encodeIin', () => {
  it('makes IINs that decode to the same birth date and sex, for each century since 1900 and each sex', () => {
    let made = 0;
    let impossible = 0;
    for (const birthDate of ['1900-03-01', '1950-02-28', '2000-01-01', '2024-02-29'] as const) {
      for (const sex of ['male', 'female'] as const) {
        for (let serial = 0; serial < 500; serial++) {
          const iin = encodeIin({ birthDate: isoDate(birthDate), sex, serial });
          if (iin === null) {
            impossible++;
            continue;
          }
          const decoded = decodeIin(iin);
          assert.ok(decoded.ok, iin);
          assert.deepEqual(decoded.value, { iin, birthDate, sex });
          made++;
        }
      }
    }
    assert.equal(made + impossible, 4000);
    assert.ok(impossible > 0 && impossible < 100, `${impossible} serials had no check digit`);
  });

  it('refuses a serial outside 0–9999 and a year no century digit encodes', () => {
    assert.throws(
      () => encodeIin({ birthDate: isoDate('2000-01-01'), sex: 'male', serial: 10_000 }),
      RangeError,
    );
    assert.throws(
      () => encodeIin({ birthDate: isoDate('2100-01-01'), sex: 'male', serial: 1 }),
      RangeError,
    );
  });
});
