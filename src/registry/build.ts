/**
 * Builds a registry from the data files: parse each YAML file against its schema, then the
 * cross-file checks, then the indexes. Pure over file contents (see load-files.ts for the I/O);
 * `buildRegistry` never throws on bad data, it returns the problems it found beside what it
 * could build.
 */
import type { ActId } from '../domain/act.ts';
import type { Disease } from '../domain/diseases.ts';
import type { RegionsFile } from '../domain/files.ts';
import { deepFreeze } from '../domain/freeze.ts';
import type { DataIssue } from '../domain/issues.ts';
import type { RegionName } from '../domain/region-names.ts';
import type { Medicine } from '../domain/vocabulary.ts';
import type { RawFile } from './load-files.ts';
import { parseDataFile } from './parse.ts';
import { Registry, type ListVersion, type LoadedAct, type LoadedProvision } from './registry.ts';
import { validateRegistry } from './validate.ts';
import { validateProvisions } from './validate-provision.ts';
import { validateRegionNames } from './validate-region-names.ts';

export interface BuildResult {
  registry: Registry;
  issues: DataIssue[];
}

/** Parses, validates and indexes the data files. */
export function buildRegistry(files: readonly RawFile[]): BuildResult {
  const issues: DataIssue[] = [];
  const regionsFiles: { path: string; file: RegionsFile }[] = [];
  const acts = new Map<ActId, LoadedAct>();
  const medicines = new Map<string, Medicine>();
  const diseases: Disease[] = [];
  const diseaseNames = new Map<string, number>();
  const sources = new Map<string, string[]>();
  const lists: Omit<ListVersion, 'effective'>[] = [];
  const provisions: LoadedProvision[] = [];
  const regionNames: RegionName[] = [];
  let regionNamesPath = 'region-names.yaml';

  for (const raw of files) {
    if (raw.path.endsWith('.txt')) {
      sources.set(raw.path, raw.text.split(/\r?\n/));
      continue;
    }
    const parsed = parseDataFile(raw.path, raw.text);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      continue;
    }
    const { lineOf } = parsed;
    const file = deepFreeze(parsed.file);
    switch (file.kind) {
      case 'regions':
        regionsFiles.push({ path: raw.path, file });
        break;
      case 'act':
        if (acts.has(file.id)) {
          issues.push({
            code: 'DATA_DUPLICATE',
            file: raw.path,
            path: ['id'],
            line: lineOf(['id']) ?? 1,
            message: `act ${file.id} is also defined in ${acts.get(file.id)?.path}`,
          });
        } else acts.set(file.id, { path: raw.path, act: file, lineOf });
        break;
      case 'list':
        lists.push({ path: raw.path, list: file, lineOf });
        break;
      case 'medicines':
        for (const [index, medicine] of file.medicines.entries()) {
          if (medicines.has(medicine.inn)) {
            issues.push({
              code: 'DATA_DUPLICATE',
              file: raw.path,
              path: ['medicines', index, 'inn'],
              line: lineOf(['medicines', index, 'inn']) ?? 1,
              message: `INN "${medicine.inn}" is listed twice`,
            });
          } else medicines.set(medicine.inn, medicine);
        }
        break;
      case 'diseases':
        for (const [index, disease] of file.diseases.entries()) {
          const names = [disease.kk, ...(disease.variants ?? []).map((v) => v.name)];
          for (const name of names) {
            const key = name.toLowerCase().replace(/\s+/g, ' ');
            const first = diseaseNames.get(key);
            if (first !== undefined) {
              issues.push({
                code: 'DATA_DUPLICATE',
                file: raw.path,
                path: ['diseases', index],
                line: lineOf(['diseases', index]) ?? 1,
                message: `the wording "${name}" is also entry ${first + 1}`,
              });
            } else diseaseNames.set(key, index);
          }
          diseases.push(disease);
        }
        break;
      case 'provision':
        provisions.push({ path: raw.path, file, lineOf });
        break;
      case 'region-names':
        regionNames.push(...file.names);
        regionNamesPath = raw.path;
        break;
      default:
        assertNeverFile(file);
    }
  }
  const regions = regionsFiles.flatMap((r) => r.file.regions);
  const registry = new Registry({
    regions,
    acts,
    medicines,
    diseases,
    sources,
    lists,
    provisions,
    regionNames,
  });
  issues.push(...validateRegistry(registry, regionsFiles));
  issues.push(...validateProvisions(registry));
  issues.push(...validateRegionNames(regionNamesPath, regionNames, regions));
  return { registry, issues };
}

function assertNeverFile(file: never): never {
  throw new Error(`unhandled data file kind: ${JSON.stringify(file)}`);
}
