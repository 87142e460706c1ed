/**
 * The national register in a schema of `url`: migrated, planned from the lists and loaded
 * (load.ts), resumable. Shared by the script (scripts/national-register.ts), the benchmark
 * (bench/national.ts) and the test that runs it at a small size.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isoDate, type IsoDate } from '../../src/domain/date.ts';
import { RegionCode } from '../../src/domain/region.ts';
import { DemoPopulationFile } from '../../src/ops/demo/plan.ts';
import type { Registry } from '../../src/registry/registry.ts';
import type { SqlClient } from '../../src/storage/sql-client.ts';
import { loadNational, type Progress } from './load.ts';
import { planRegions, REGION_POPULATION } from './plan.ts';

export const DEFAULT_UNTIL = isoDate('2026-11-30');

export function demoFile(): DemoPopulationFile {
  const url = new URL('../../demo/population.yaml', import.meta.url);
  return DemoPopulationFile.parse(parse(readFileSync(url, 'utf8')));
}

/** The regions whose own list tegin holds (the others get patients and no prescriptions). */
export const regionsWithList = (registry: Registry): string[] =>
  Object.keys(REGION_POPULATION).filter(
    (c) => registry.listVersions(RegionCode.parse(c)).length > 0,
  );

export async function generateNational(input: {
  db: SqlClient;
  registry: Registry;
  patients: number;
  until?: IsoDate;
  progress: Progress;
}): Promise<void> {
  const until = input.until ?? DEFAULT_UNTIL;
  const plan = planRegions(input.registry, input.patients, until, demoFile());
  await loadNational(input.db, plan, regionsWithList(input.registry), input.progress);
}

/** A progress bar on stderr: `patients [######----]  60 %  12.3 s`. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  const start = Date.now();
  let last = '';
  return (step, done, total) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    const text = `${step.padEnd(13)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round((done / total) * 100)).padStart(3)} %  ${((Date.now() - start) / 1000).toFixed(1)} s`;
    if (text === last) return;
    last = text;
    stream.write(`\r${text}${done === total ? '\n' : ''}`);
  };
}
