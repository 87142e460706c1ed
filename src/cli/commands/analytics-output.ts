/**
 * How every `tegin analytics` command writes its answer: `--format text|json|csv|xlsx` (the old
 * `--json` and `--csv` still work) to standard output or `--out FILE`. CSV is one table
 * (`--table KEY`, default the first); XLSX holds every table, one sheet each, and needs `--out`
 * (a binary file on a terminal helps nobody). The tables are the API's and the web's
 * (src/app/analytics/tables.ts).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { toCsv } from '../../app/exports/csv.ts';
import { toXlsx } from '../../app/exports/xlsx.ts';
import { tableByKey, type AnalyticsTable } from '../../app/analytics/tables.ts';
import { UsageError, type CliIo } from '../io.ts';

export const FORMATS = ['text', 'json', 'csv', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];

/** The flags each analytics command adds to its own. */
export const OUTPUT_OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  table: { type: 'string' },
  json: { type: 'boolean', default: false },
  csv: { type: 'boolean', default: false },
} as const;

export interface OutputFlags {
  format?: string | undefined;
  out?: string | undefined;
  table?: string | undefined;
  json?: boolean | undefined;
  csv?: boolean | undefined;
}

export interface Output {
  format: Format;
  out: string | null;
  table: string | undefined;
}

/** The output asked for, checked before any work is done. */
export function outputOf(flags: OutputFlags): Output {
  const format = flags.format ?? (flags.json ? 'json' : flags.csv ? 'csv' : 'text');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}`);
  }
  if (format === 'xlsx' && !flags.out) throw new UsageError('--format xlsx needs --out FILE');
  if (flags.out && existsSync(flags.out)) {
    throw new UsageError(`--out: ${flags.out} exists; an export never overwrites a file`);
  }
  return { format: format as Format, out: flags.out ?? null, table: flags.table };
}

/** Writes the answer in the format asked for. */
export function writeAnswer(
  io: CliIo,
  output: Output,
  answer: { value: unknown; tables: AnalyticsTable[]; text: () => string },
): void {
  let body: string | Uint8Array;
  switch (output.format) {
    case 'text':
      body = answer.text();
      break;
    case 'json':
      body = `${JSON.stringify(answer.value, null, 2)}\n`;
      break;
    case 'csv': {
      const table = tableByKey(answer.tables, output.table);
      if (!table) {
        throw new UsageError(
          `--table: expected one of ${answer.tables.map((t) => t.key).join(', ')}`,
        );
      }
      body = toCsv(table);
      break;
    }
    case 'xlsx':
      body = toXlsx(answer.tables);
      break;
    default: {
      const unhandled: never = output.format;
      throw new Error(`unhandled format ${String(unhandled)}`);
    }
  }
  if (output.out) writeFileSync(output.out, body, { flag: 'wx' });
  else if (typeof body === 'string') io.stdout(body);
  else throw new UsageError('--out FILE is needed for a binary format');
}
