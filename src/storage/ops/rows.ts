/**
 * Reading operations rows, as PGlite and node-postgres both return them: the one place a
 * column's value becomes a domain value. `date` columns are selected `::text`; `timestamptz`
 * comes back as a Date (node-postgres) or a string; `jsonb` comes back parsed.
 */
import type { IsoDate } from '../../domain/date.ts';

/** A `date` column selected as `::text`. */
export const day = (v: unknown): IsoDate => String(v) as IsoDate;
export const dayOrNull = (v: unknown): IsoDate | null => (v === null ? null : day(v));
/** A `timestamptz` as an ISO instant. */
export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
/** A `jsonb` value; a string (a driver that does not parse it) is parsed. */
export const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
