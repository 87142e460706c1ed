/**
 * Loads and checks reference/formulary/names.csv (src/domain/formulary.ts): `#` lines are the
 * provenance header, then the column line, then one name a line. Pure over the file's text;
 * never throws on bad data: each problem names the line and the column.
 */
import { FormularyName } from '../domain/formulary.ts';
import type { DataIssue } from '../domain/issues.ts';
import { parseCsvLine } from './csv.ts';

export const FORMULARY_FILE = 'formulary/names.csv';
export const FORMULARY_COLUMNS = ['name', 'kind', 'inn_ru', 'atc', 'table'] as const;

export function parseFormularyNames(
  path: string,
  text: string,
): { names: FormularyName[]; issues: DataIssue[] } {
  const names: FormularyName[] = [];
  const issues: DataIssue[] = [];
  const seen = new Map<string, number>();
  let header = false;
  text.split(/\r?\n/u).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const fields = parseCsvLine(raw);
    if (!fields) {
      issues.push({
        code: 'DATA_SCHEMA',
        file: path,
        path: [],
        line,
        message: 'a quote is left open',
      });
      return;
    }
    if (!header) {
      header = true;
      if (fields.join(',') !== FORMULARY_COLUMNS.join(','))
        issues.push({
          code: 'DATA_SCHEMA',
          file: path,
          path: [],
          line,
          message: `expected the columns ${FORMULARY_COLUMNS.join(',')}, got ${fields.join(',')}`,
        });
      return;
    }
    if (fields.length !== FORMULARY_COLUMNS.length) {
      issues.push({
        code: 'DATA_SCHEMA',
        file: path,
        path: [],
        line,
        message: `expected ${FORMULARY_COLUMNS.length} fields, got ${fields.length}`,
      });
      return;
    }
    const [name, kind, innRu, atc, table] = fields as [string, string, string, string, string];
    const parsed = FormularyName.safeParse({
      name,
      kind,
      innRu,
      atc: atc.split(' ').filter((c) => c !== ''),
      table,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push(fieldIssue(path, line, issue));
      return;
    }
    const key = `${parsed.data.name}|${parsed.data.kind}|${parsed.data.innRu}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        code: 'DATA_DUPLICATE',
        file: path,
        path: ['name'],
        line,
        message: `"${parsed.data.name}" (${parsed.data.kind} of ${parsed.data.innRu}) is also on line ${first}`,
      });
      return;
    }
    seen.set(key, line);
    names.push(parsed.data);
  });
  if (!header)
    issues.push({ code: 'DATA_SCHEMA', file: path, path: [], line: 1, message: 'no column line' });
  return { names, issues };
}

const COLUMN: Record<string, string> = { innRu: 'inn_ru' };

function fieldIssue(
  path: string,
  line: number,
  issue: { path: readonly PropertyKey[]; message: string },
): DataIssue {
  const field = String(issue.path[0] ?? '');
  return {
    code: 'DATA_SCHEMA',
    file: path,
    path: [
      COLUMN[field] ?? field,
      ...issue.path.slice(1).map((p) => (typeof p === 'number' ? p : String(p))),
    ],
    line,
    message: issue.message,
  };
}

/** The national tables' names from a file read by `readFormularyFile`, or none; bad rows left out (`tegin data check` names them). */
export function formularyNamesOf(file: { path: string; text: string } | null): FormularyName[] {
  return file ? parseFormularyNames(file.path, file.text).names : [];
}
