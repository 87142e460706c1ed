/**
 * CSV as RFC 4180 (CRLF line ends, fields with `"`, `,`, CR or LF quoted, quotes doubled) in
 * UTF-8 with a byte-order mark, which is how Excel knows the text is UTF-8 (Kazakh and Russian
 * letters). Text cells are defused against formula injection (table.ts).
 */
import { defuse, type Cell, type Table } from './table.ts';

const BOM = '\uFEFF';

function field(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : defuse(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: Pick<Table, 'header' | 'rows'>): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(field).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export const CSV_TYPE = 'text/csv; charset=utf-8; header=present';
