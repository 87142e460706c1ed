/**
 * Loads and validates the reference files (`reference/`: prices, doses, pack sizes; src/domain/
 * reference.ts). Pure over file contents, like the registry; never throws on bad data. The
 * checks: each file sits in the folder of its kind, every INN is in the medicines vocabulary with
 * that ATC code, and no value is given twice.
 */
import { deepFreeze } from '../domain/freeze.ts';
import type { DataIssue, IssueCode, PathSegment } from '../domain/issues.ts';
import type { DosesFile, PacksFile, PricesFile, ReferenceFile } from '../domain/reference.ts';
import type { Medicine } from '../domain/vocabulary.ts';
import type { RawFile } from './load-files.ts';
import { parseYamlFile } from './parse.ts';
import { ReferenceFile as ReferenceFileSchema } from '../domain/reference.ts';

export interface LoadedReference<F> {
  path: string;
  file: F;
}

export interface ReferenceData {
  prices: readonly LoadedReference<PricesFile>[];
  doses: readonly LoadedReference<DosesFile>[];
  packs: readonly LoadedReference<PacksFile>[];
}

export const EMPTY_REFERENCE: ReferenceData = { prices: [], doses: [], packs: [] };

/** The folder each kind belongs in, relative to the reference directory. */
const FOLDER: Record<ReferenceFile['kind'], string> = {
  prices: 'prices/',
  doses: 'doses/',
  packs: 'packs/',
};

export function buildReference(
  files: readonly RawFile[],
  medicines: ReadonlyMap<string, Medicine>,
): { reference: ReferenceData; issues: DataIssue[] } {
  const issues: DataIssue[] = [];
  const prices: LoadedReference<PricesFile>[] = [];
  const doses: LoadedReference<DosesFile>[] = [];
  const packs: LoadedReference<PacksFile>[] = [];
  for (const raw of files) {
    const parsed = parseYamlFile(ReferenceFileSchema, raw.path, raw.text);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const file = deepFreeze(parsed.file);
    const report = (code: IssueCode, path: PathSegment[], message: string): void => {
      const line = parsed.lineOf(path);
      issues.push({ code, file: raw.path, path, ...(line === undefined ? {} : { line }), message });
    };
    if (!raw.path.startsWith(FOLDER[file.kind])) {
      report('DATA_FILE_PLACE', ['kind'], `a ${file.kind} file belongs under ${FOLDER[file.kind]}`);
    }
    const entries: readonly { inn: string; atc: string }[] =
      file.kind === 'prices' ? file.prices : file.kind === 'doses' ? file.doses : file.packs;
    const key = keyOf(file);
    const seen = new Map<string, number>();
    entries.forEach((entry, index) => {
      const at: PathSegment[] = [file.kind, index];
      checkInn(entry, at, medicines, report);
      const k = key(index);
      const first = seen.get(k);
      if (first !== undefined) {
        report('DATA_DUPLICATE', at, `the same value is also entry ${first + 1} (${k})`);
      } else seen.set(k, index);
    });
    switch (file.kind) {
      case 'prices':
        prices.push({ path: raw.path, file });
        break;
      case 'doses':
        doses.push({ path: raw.path, file });
        break;
      case 'packs':
        packs.push({ path: raw.path, file });
        break;
      default:
        assertNever(file);
    }
  }
  return { reference: { prices, doses, packs }, issues };
}

/** What makes an entry unique within its file. */
function keyOf(file: ReferenceFile): (index: number) => string {
  switch (file.kind) {
    case 'prices':
      return (i) => `row ${file.prices[i]?.row}`;
    case 'doses':
      return (i) => {
        const d = file.doses[i];
        return `${d?.inn} ${d?.atc} ${d?.route} ${d?.basis}`;
      };
    case 'packs':
      return (i) => {
        const p = file.packs[i];
        return `${p?.inn} ${p?.atc} ${p?.route} ${p?.content.amount} ${p?.content.unit}`;
      };
    default:
      return assertNever(file);
  }
}

function checkInn(
  entry: { inn: string; atc: string },
  at: PathSegment[],
  medicines: ReadonlyMap<string, Medicine>,
  report: (code: IssueCode, path: PathSegment[], message: string) => void,
): void {
  const medicine = medicines.get(entry.inn);
  if (!medicine) {
    report('DATA_INN_UNKNOWN', [...at, 'inn'], `"${entry.inn}" is not in the medicines vocabulary`);
  } else if (!medicine.atc.some((code) => code === entry.atc)) {
    report(
      'DATA_ATC_MISMATCH',
      [...at, 'atc'],
      `${entry.atc} is not an ATC code of ${entry.inn} (vocabulary: ${medicine.atc.join(', ')})`,
    );
  }
}

function assertNever(file: never): never {
  throw new Error(`unhandled reference file kind: ${JSON.stringify(file)}`);
}
