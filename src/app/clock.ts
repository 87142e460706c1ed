/** The calendar day in Kazakhstan, for answers that default to today. */
import type { IsoDate } from '../domain/date.ts';

/** Today in Kazakhstan (UTC+5 since March 2024). */
export function todayInKazakhstan(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 5 * 3_600_000).toISOString().slice(0, 10) as IsoDate;
}
