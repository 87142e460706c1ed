/**
 * What an auditor searches the audit trail by (issue 12, item 6): the patient (internal id,
 * never the IIN), the account that acted, the organisation the grant was used in, a range of
 * days in Kazakhstan, the action and the outcome. Every field may be left out. Pure: the schema
 * and the instants a range of days covers.
 */
import { z } from 'zod';
import { IsoDate } from '../domain/date.ts';
import { AUDIT_OUTCOMES } from './audit.ts';

/** Ids as the audit holds them: a UUID, `operator:<name>`, `KZ-27/POLY-1`. */
const Ref = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:._/-]{0,99}$/, 'expected an internal id');

export const AuditFilter = z.strictObject({
  patient: Ref.optional(),
  actor: Ref.optional(),
  organisation: Ref.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  action: z
    .string()
    .regex(/^[a-z]+(\.[a-z_]+)+$/, 'expected an action such as patient.read')
    .optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AUDIT_FILTER_FIELDS = [
  'patient',
  'actor',
  'organisation',
  'from',
  'to',
  'action',
  'outcome',
] as const satisfies readonly (keyof AuditFilter)[];

/** What the storage searches: the filter with its days turned into instants. */
export interface AuditQuery {
  /** Records acted in organisations of this region (`KZ-27/…`). */
  region: string;
  patientRef?: string;
  actorId?: string;
  organisation?: string;
  /** ISO instants (UTC, `Z`): `at >= atFrom` and `at < atBefore`. */
  atFrom?: string;
  atBefore?: string;
  action?: string;
  outcome?: AuditFilter['outcome'];
  /** Newest first: only records with a sequence below this one (the previous page's last). */
  before: number | null;
  limit: number;
}

/**
 * Kazakhstan keeps one time zone, UTC+5, since 1 March 2024; a day there starts at 19:00 UTC
 * the day before. NOTE: records before that date from the western regions (UTC+4 then) fall
 * one hour off at the edges of a day.
 */
const KZ_OFFSET = '+05:00';
const startOfDay = (day: string): string => new Date(`${day}T00:00:00${KZ_OFFSET}`).toISOString();
const startOfNextDay = (day: string): string =>
  new Date(new Date(`${day}T00:00:00${KZ_OFFSET}`).getTime() + 86_400_000).toISOString();

export function auditQueryOf(
  region: string,
  filter: AuditFilter,
  page: { before: number | null; limit: number },
): AuditQuery {
  return {
    region,
    ...(filter.patient ? { patientRef: filter.patient } : {}),
    ...(filter.actor ? { actorId: filter.actor } : {}),
    ...(filter.organisation ? { organisation: filter.organisation } : {}),
    ...(filter.from ? { atFrom: startOfDay(filter.from) } : {}),
    ...(filter.to ? { atBefore: startOfNextDay(filter.to) } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    before: page.before,
    limit: page.limit,
  };
}

/** The filter in words for the audit record of a search: internal ids only, as the filter is. */
export function describeFilter(region: string, filter: AuditFilter): string {
  const parts = AUDIT_FILTER_FIELDS.flatMap((k) =>
    filter[k] === undefined ? [] : [`${k}=${filter[k]}`],
  );
  return [region, ...parts].join(' ');
}
