/** The registry's regions and vocabulary, loaded once, and a one-call import for tests. */
import { readFileSync } from 'node:fs';
import { isoDate } from '../../src/domain/date.ts';
import { importDecision, type ImportResult } from '../../src/ingest/import.ts';
import { IngestVocabulary } from '../../src/ingest/vocabulary.ts';
import { readDataDir, readFormularyFile } from '../../src/registry/load-files.ts';
import { formularyNamesOf } from '../../src/registry/formulary.ts';
import { buildRegistry } from '../../src/registry/build.ts';

export const { registry } = buildRegistry(readDataDir());
/** The national tables' names (reference/formulary/names.csv), consulted after the vocabulary. */
export const formulary = formularyNamesOf(readFormularyFile());
export const vocabulary = new IngestVocabulary({
  medicines: [...registry.medicines.values()],
  diseases: registry.diseases,
  formulary,
});

export const SEEDS = {
  'KZ-35': 'data/KZ-35/source/000_03337a6d4cca10b4.txt',
  'KZ-27': 'data/KZ-27/source/001_85faccb45ed901bf.txt',
} as const;

export function importText(input: string | Uint8Array, file = 'input.txt'): ImportResult {
  return importDecision(input, {
    file,
    currentAsOf: { date: isoDate('2026-11-22'), stated: true },
    regions: registry.regions,
    regionNames: registry.regionNames,
    vocabulary,
  });
}

export function importFile(path: string): ImportResult {
  return importText(readFileSync(path), path.split('/').pop());
}
