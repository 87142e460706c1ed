/**
 * Working days for due dates (deferred service). A working day is Monday to Friday: tegin
 * does not know Kazakhstan's public holidays or the government's transferred days off, so a
 * due date counted here may fall on a holiday. Every deferral says so on its record
 * (`DeferralDueRule.calendar`); a holiday calendar, when one is kept as data, replaces
 * `isWorkingDay` and nothing else.
 */
import { addDays, type IsoDate } from '../domain/date.ts';

/** 0 = Sunday … 6 = Saturday, from the calendar date alone (no time zone involved). */
export function weekday(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWorkingDay(date: IsoDate): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

/**
 * The `days`-th working day after `date` (the day itself does not count, whether or not it is
 * a working day): Friday + 1 is Monday, Saturday + 1 is Monday.
 */
export function addWorkingDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(`addWorkingDays: expected a whole number of days, 0 or more (${days})`);
  }
  let current = date;
  for (let left = days; left > 0;) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left--;
  }
  return current;
}
