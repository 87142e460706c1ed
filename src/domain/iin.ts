/**
 * The IIN (ЖСН/ИИН), Kazakhstan's 12-digit individual identification number.
 *
 * Digits 1–6 are the birth date YYMMDD; digit 7 the century and sex (1/2 =
 * 1800s, 3/4 = 1900s, 5/6 = 2000s; odd male, even female); 8–11 a serial;
 * 12 a check digit: r = Σ dᵢ·wᵢ mod 11 with weights 1..11, and if r = 10 again
 * with weights 3..11,1,2; if that is 10 too, no valid IIN has these digits.
 *
 * Since 2013 the digits need not match the person: the decoded birth date
 * and sex are advisory. Length, digit 7, a calendar-valid date and the check
 * digit are enforced strictly.
 */
import { isCalendarDate, type IsoDate } from './date.ts';

export interface DecodedIin {
  iin: string;
  birthDate: IsoDate;
  sex: 'male' | 'female';
}

export type IinResult = { ok: true; value: DecodedIin } | { ok: false; reason: string };

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;
const CENTURY: Record<string, number> = {
  '1': 1800,
  '2': 1800,
  '3': 1900,
  '4': 1900,
  '5': 2000,
  '6': 2000,
};

/** The check digit for the first 11 digits, or null when no valid IIN can have them. */
function iinCheckDigit(first11: readonly number[]): number | null {
  const weigh = (weights: readonly number[]) =>
    first11.reduce((sum, digit, i) => sum + digit * (weights[i] ?? 0), 0) % 11;
  const first = weigh(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weigh(SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

export function decodeIin(input: string): IinResult {
  const iin = input.trim();
  if (!/^\d+$/.test(iin)) return { ok: false, reason: 'an IIN has digits only' };
  if (iin.length !== 12)
    return { ok: false, reason: `an IIN has 12 digits, this one has ${iin.length}` };
  const centuryDigit = iin.charAt(6);
  const century = CENTURY[centuryDigit];
  if (century === undefined) {
    return { ok: false, reason: `digit 7 (century and sex) must be 1–6, not ${centuryDigit}` };
  }
  const birthDate = `${century + Number(iin.slice(0, 2))}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`;
  if (!isCalendarDate(birthDate)) {
    return {
      ok: false,
      reason: `digits 1–6 (${iin.slice(0, 6)}) are not a calendar date as YYMMDD`,
    };
  }
  const digits = [...iin].map(Number);
  const expected = iinCheckDigit(digits.slice(0, 11));
  if (expected === null) return { ok: false, reason: 'no valid IIN has these first 11 digits' };
  if (expected !== digits[11]) {
    return { ok: false, reason: `check digit is ${iin.charAt(11)}, expected ${expected}` };
  }
  return {
    ok: true,
    value: {
      iin,
      birthDate: birthDate as IsoDate,
      sex: Number(centuryDigit) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/**
 * An IIN for a birth date, sex and 4-digit serial (synthetic data, tests), or null when no
 * valid IIN has these first 11 digits (then try the next serial).
 */
export function encodeIin(person: {
  birthDate: IsoDate;
  sex: 'male' | 'female';
  serial: number;
}): string | null {
  const [year, month, day] = person.birthDate.split('-').map(Number) as [number, number, number];
  const centuryBase = Math.floor(year / 100) * 100;
  const base = Object.entries(CENTURY).find(
    ([digit, c]) => c === centuryBase && (Number(digit) % 2 === 1) === (person.sex === 'male'),
  );
  if (!base) throw new RangeError(`no IIN century digit for ${year}`);
  if (!Number.isInteger(person.serial) || person.serial < 0 || person.serial > 9999) {
    throw new RangeError(`serial must be 0–9999, not ${person.serial}`);
  }
  const two = (n: number) => String(n).padStart(2, '0');
  const first11 = `${two(year % 100)}${two(month)}${two(day)}${base[0]}${String(person.serial).padStart(4, '0')}`;
  const check = iinCheckDigit([...first11].map(Number));
  return check === null ? null : `${first11}${check}`;
}
