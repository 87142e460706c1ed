/** `tegin compare --regions R1,R2 --date D`: which diagnoses and INNs are covered where, on which terms. */
import { parseArgs } from 'node:util';
import { compareFor } from '../../app/queries.ts';
import { legalDate } from '../../domain/citation.ts';
import type { ComparisonRow, CoverageCell } from '../../domain/compare.ts';
import { dateFlag } from '../flags.ts';
import { AGE_LABELS, CONDITION_LABELS, productName } from '../../domain/labels.ts';
import { Lang } from '../../domain/text.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadRegistryOrFail } from '../registry.ts';
import { unitsText } from '../../domain/units.ts';

const WORDS = {
  kk: {
    diagnoses: 'Диагноздар (АХЖ-10 санаты)',
    inns: 'Дәрілер (ХПА)',
    only: 'тек',
    both: 'барлығында',
    not: 'жоқ',
    reg: 'диспансерлік есеп',
  },
  ru: {
    diagnoses: 'Диагнозы (рубрика МКБ-10)',
    inns: 'Лекарства (МНН)',
    only: 'только',
    both: 'во всех',
    not: 'нет',
    reg: 'диспансерный учёт',
  },
  en: {
    diagnoses: 'Diagnoses (ICD-10 category)',
    inns: 'Medicines (INN)',
    only: 'only',
    both: 'all',
    not: 'not covered',
    reg: 'dispensary registration',
  },
} as const;

export async function compareCommand(args: string[], io: CliIo, dataDir?: string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      regions: { type: 'string' },
      date: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const lang = Lang.safeParse(values.lang);
  if (!lang.success) throw new UsageError(`--lang: "${values.lang}" is not one of kk, ru, en`);
  if (!values.regions) throw new UsageError('--regions is required, e.g. --regions KZ-27,KZ-35');
  if (!values.date) throw new UsageError('--date is required (YYYY-MM-DD)');
  const date = dateFlag('--date', values.date);
  const registry = await loadRegistryOrFail(io, dataDir);
  if (!registry) return EXIT.dataProblems;
  const keys = values.regions
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length < 2)
    throw new UsageError('--regions: name at least two regions, separated by commas');
  const regions = keys.map((key) => {
    const region = registry.region(key);
    if (!region) throw new UsageError(`--regions: "${key}" is not a region; run "tegin regions"`);
    return region;
  });
  const comparison = compareFor(registry, regions, date);
  if (values.json) {
    io.stdout(`${JSON.stringify(comparison, null, 2)}\n`);
    return EXIT.ok;
  }
  const l = lang.data;
  const w = WORDS[l];
  const codes = comparison.regions.map((r) => r.code);
  const out = [`${codes.join(' · ')} — ${legalDate(date)}`];
  for (const r of comparison.regions) {
    if (r.coverage.status !== 'covered') out.push(`! ${r.code}: ${r.coverage.reason[l]}`);
  }
  const cell = (cells: CoverageCell[]) =>
    cells.length === 0
      ? w.not
      : cells
          .map((c) => {
            const terms = [AGE_LABELS[c.age][l]];
            if (c.dispensaryRegistration === 'required') terms.push(w.reg);
            for (const cond of c.conditions)
              if (cond !== 'any_severity') terms.push(CONDITION_LABELS[cond][l]);
            const names = [...new Set(c.products.map((p) => productName(p)[l]))];
            return `${unitsText(c.units)[l]}${c.status === 'unknown' ? '?' : ''}: ${names.join(', ')} (${terms.join('; ')})`;
          })
          .join(' | ');
  const section = (title: string, rows: ComparisonRow[]) => {
    out.push('', `${title}:`);
    for (const row of rows) {
      const where =
        row.coveredIn.length === codes.length ? w.both : `${w.only} ${row.coveredIn.join(', ')}`;
      out.push(`  ${row.key}  ${row.label[l]} — ${where}`);
      for (const code of codes) out.push(`      ${code}: ${cell(row.cells[code] ?? [])}`);
    }
  };
  section(w.diagnoses, comparison.byDiagnosis);
  section(w.inns, comparison.byInn);
  io.stdout(`${out.join('\n')}\n`);
  return EXIT.ok;
}
