/**
 * The audit trail as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads
 * Cyrillic and Kazakh letters), CRLF lines, every cell quoted. A cell that a spreadsheet would
 * run as a formula (starting with =, +, -, @, a tab or a carriage return) gets a leading
 * apostrophe (OWASP, "CSV injection"): the detail and purpose come from clients.
 */
import type { AuditRecord } from './audit.ts';

export const CSV_BOM = '\uFEFF';

export const AUDIT_CSV_COLUMNS = [
  'sequence',
  'at',
  'actor',
  'role',
  'organisation',
  'action',
  'patient',
  'purpose',
  'request',
  'outcome',
  'detail',
  'prev_hash',
  'hash',
] as const;

/** One cell: formula-safe, quoted, inner quotes doubled. */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

const row = (cells: readonly (string | number | null)[]): string =>
  `${cells.map(csvCell).join(',')}\r\n`;

/** The first line: the BOM and the column names. */
export const auditCsvHeader = (): string => `${CSV_BOM}${row(AUDIT_CSV_COLUMNS)}`;

export function auditCsvRow(r: AuditRecord): string {
  return row([
    r.sequence,
    r.at,
    r.actorId,
    r.role,
    r.organisation,
    r.action,
    r.patientRef,
    r.purpose,
    r.requestId,
    r.outcome,
    r.detail,
    r.prevHash,
    r.hash,
  ]);
}
