/**
 * The auditor's search of the audit trail, in one set-based statement: the filter becomes
 * parameterised conditions, newest first, paged by sequence (keyset, never OFFSET). The region
 * is the organisation id's prefix (`KZ-27/`), matched with LIKE so the pattern index of
 * migration 140 serves it; patient and actor have their own indexes.
 */
import type { AuditRecord } from '../../ops/audit.ts';
import type { AuditQuery } from '../../ops/audit-search.ts';
import type { SqlClient } from '../sql-client.ts';
import { toAuditRecord, type AuditRow } from './audit-sql.ts';

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchAudit(db: SqlClient, query: AuditQuery): Promise<AuditRecord[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  add((n) => `organisation LIKE ${n}`, `${likeLiteral(query.region)}/%`);
  if (query.patientRef !== undefined) add((n) => `patient_ref = ${n}`, query.patientRef);
  if (query.actorId !== undefined) add((n) => `actor_id = ${n}`, query.actorId);
  if (query.organisation !== undefined) add((n) => `organisation = ${n}`, query.organisation);
  if (query.atFrom !== undefined) add((n) => `at >= ${n}`, query.atFrom);
  if (query.atBefore !== undefined) add((n) => `at < ${n}`, query.atBefore);
  if (query.action !== undefined) add((n) => `action = ${n}`, query.action);
  if (query.outcome !== undefined) add((n) => `outcome = ${n}`, query.outcome);
  if (query.before !== null) add((n) => `sequence < ${n}`, query.before);
  params.push(query.limit);
  const rows = await db.query<AuditRow>(
    `SELECT * FROM ops_audit WHERE ${where.join(' AND ')}
     ORDER BY sequence DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map(toAuditRecord);
}
