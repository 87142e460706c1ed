/** Flags every command reads the same way; a bad value is a UsageError naming the flag and why. */
import { dateProblem, IsoDate } from '../domain/date.ts';
import { MAX_AGE } from '../domain/patient.ts';
import { Lang } from '../domain/text.ts';
import { UsageError } from './io.ts';

/** `--from 2025-06-01` → the date; refused: not a calendar date, or before 1900. */
export function dateFlag(flag: string, value: string): IsoDate {
  const parsed = IsoDate.safeParse(value);
  if (!parsed.success) throw new UsageError(`${flag}: ${dateProblem(value) ?? 'not a date'}`);
  return parsed.data;
}

/** `--lang kk|ru|en` (default en). */
export function langFlag(value: string | undefined): Lang {
  const lang = Lang.safeParse(value ?? 'en');
  if (!lang.success) throw new UsageError(`--lang: "${value}" is not one of kk, ru, en`);
  return lang.data;
}

/** `--age N`: a whole number of years 0–130. */
export function ageFlag(value: string): number {
  const age = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(age <= MAX_AGE)) {
    throw new UsageError(`--age: expected a whole number of years 0–${MAX_AGE}, not "${value}"`);
  }
  return age;
}
