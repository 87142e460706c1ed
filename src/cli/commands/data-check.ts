/**
 * `tegin data check`: load and validate every data file, and the reference files (prices, doses,
 * pack sizes: not law, kept in `reference/`, docs/adr/0019); list each problem with file, line,
 * path and reason. One check, so CI and an editor never forget the reference data.
 */
import { parseArgs } from 'node:util';
import { buildRegistry } from '../../registry/build.ts';
import { readDataDir, readFormularyFile, readReferenceDir } from '../../registry/load-files.ts';
import { parseFormularyNames } from '../../registry/formulary.ts';
import { buildReference } from '../../registry/reference.ts';
import type { Lang } from '../../domain/text.ts';
import { langFlag } from '../flags.ts';
import { EXIT, type CliIo } from '../io.ts';

type Counts = Record<
  'files' | 'regions' | 'acts' | 'lists' | 'items' | 'medicines' | 'diseases' | 'reference',
  number
>;

/** The closing line; each problem above it is a data editor's line (file:line path: CODE: reason). */
const SUMMARY: Record<Lang, (problems: number, c: Counts) => string> = {
  en: (n, c) =>
    `data check: ${n === 0 ? 'ok' : `${n} problem(s)`} (${c.files} files, ${c.regions} regions, ${c.acts} acts, ${c.lists} lists, ${c.items} items, ${c.medicines} medicines, ${c.diseases} diseases; ${c.reference} reference files)`,
  kk: (n, c) =>
    `деректерді тексеру: ${n === 0 ? 'қате жоқ' : `${n} мәселе`} (${c.files} файл, ${c.regions} өңір, ${c.acts} акт, ${c.lists} тізім, ${c.items} тармақ, ${c.medicines} дәрі, ${c.diseases} ауру; анықтамалық файл: ${c.reference})`,
  ru: (n, c) =>
    `проверка данных: ${n === 0 ? 'ошибок нет' : `проблем: ${n}`} (файлов: ${c.files}, регионов: ${c.regions}, актов: ${c.acts}, перечней: ${c.lists}, пунктов: ${c.items}, лекарств: ${c.medicines}, болезней: ${c.diseases}; справочных файлов: ${c.reference})`,
};

export function dataCheck(
  args: string[],
  io: CliIo,
  dataDir?: string,
  referenceDir?: string,
): number {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      dir: { type: 'string' },
      lang: { type: 'string' },
      'reference-dir': { type: 'string' },
    },
    strict: true,
  });
  const lang = langFlag(values.lang);
  const files = readDataDir(values.dir ?? dataDir);
  const { registry, issues: dataIssues } = buildRegistry(files);
  const referenceFiles = readReferenceDir(values['reference-dir'] ?? referenceDir);
  const reference = buildReference(referenceFiles, registry.medicines);
  // The national tables' medicine names the importer consults (third-party, not law).
  const formularyFile = readFormularyFile(values['reference-dir'] ?? referenceDir);
  const formulary = formularyFile
    ? parseFormularyNames(formularyFile.path, formularyFile.text).issues
    : [];
  const issues = [
    ...dataIssues,
    ...[...reference.issues, ...formulary].map((i) => ({ ...i, file: `reference/${i.file}` })),
  ];
  const counts = {
    files: files.length,
    regions: registry.regions.length,
    acts: registry.acts.size,
    lists: registry.versions.length,
    items: registry.versions.reduce(
      (n, v) => n + v.list.sections.reduce((m, s) => m + s.items.length, 0),
      0,
    ),
    medicines: registry.medicines.size,
    diseases: registry.diseases.length,
    reference: referenceFiles.length + (formularyFile ? 1 : 0),
  };
  if (values.json) {
    io.stdout(`${JSON.stringify({ ok: issues.length === 0, counts, issues }, null, 2)}\n`);
  } else {
    for (const issue of issues) {
      const where = `${issue.file}${issue.line === undefined ? '' : `:${issue.line}`}`;
      const path = issue.path.length > 0 ? ` ${issue.path.join('.')}` : '';
      io.stdout(`${where}${path}: ${issue.code}: ${issue.message}\n`);
    }
    io.stdout(`${SUMMARY[lang](issues.length, counts)}\n`);
  }
  return issues.length === 0 ? EXIT.ok : EXIT.dataProblems;
}
