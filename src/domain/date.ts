/**
 * Calendar dates as ISO `YYYY-MM-DD` strings behind a branded type.
 *
 * Law speaks in calendar days, not instants: every computation here is done on
 * day numbers in the proleptic Gregorian calendar, by integer arithmetic (no
 * `Date`: it reads years 0–99 as 1900–1999 and carries a time zone).
 *
 * A date before 1900-01-01 is refused as not plausible: no act in the data, no
 * query date and no living person's birth date is earlier (the age bound is 130
 * years), while a typing slip such as `0201-05-03` would otherwise be answered.
 */
import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The earliest date tegin takes, from a person, a request or a data file. */
export const EARLIEST_DATE = '1900-01-01';

/** True when `text` is `YYYY-MM-DD` and names a real calendar day (any year 0000–9999). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/**
 * Why `text` is not a date tegin takes, in English for API and CLI messages
 * (`"0201-05-03" is not a plausible date: …`), or null when it is one.
 */
export function dateProblem(text: string): string | null {
  if (!isCalendarDate(text)) return `"${text}" is not a calendar date as YYYY-MM-DD`;
  if (text < EARLIEST_DATE)
    return `"${text}" is not a plausible date: the earliest is ${EARLIEST_DATE}`;
  return null;
}

export const IsoDate = z
  .string()
  .refine(isCalendarDate, { message: 'expected a calendar date as YYYY-MM-DD' })
  .refine((text) => text >= EARLIEST_DATE, {
    message: `not a plausible date: the earliest is ${EARLIEST_DATE}`,
  })
  .brand<'IsoDate'>();
export type IsoDate = z.infer<typeof IsoDate>;

/** Parses a date or throws; for literals in code and tests. */
export function isoDate(text: string): IsoDate {
  return IsoDate.parse(text);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * Days since 1970-01-01 (negative before), by the civil-from-days algorithm of
 * H. Hinnant ("chrono-compatible low-level date algorithms"), for any year.
 */
function toDayNumber(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function fromDayNumber(day: number): IsoDate {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` as IsoDate;
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(dates: readonly IsoDate[]): IsoDate | undefined {
  return dates.reduce<IsoDate | undefined>((m, d) => (m === undefined || d > m ? d : m), undefined);
}

export function minDate(dates: readonly IsoDate[]): IsoDate | undefined {
  return dates.reduce<IsoDate | undefined>((m, d) => (m === undefined || d < m ? d : m), undefined);
}

/**
 * Age in completed years on `on` for a person born on `birth`. A person born
 * on 29 February completes a year on 1 March in common years.
 */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = om > bm || (om === bm && od >= bd);
  return oy - by - (hadBirthday ? 0 : 1);
}
