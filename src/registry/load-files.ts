/** Reads the data directory: every YAML data file and every source text. The only I/O of the registry. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ROOT } from '../paths.ts';

export interface RawFile {
  /** Path relative to the data directory, with forward slashes. */
  path: string;
  text: string;
}

export const DEFAULT_DATA_DIR = join(ROOT, 'data');

export function readDataDir(dir: string = DEFAULT_DATA_DIR): RawFile[] {
  const files: RawFile[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'schema') walk(full);
      } else if (/\.(ya?ml|txt)$/.test(entry.name)) {
        files.push({
          path: relative(dir, full).split(sep).join('/'),
          text: readFileSync(full, 'utf8'),
        });
      }
    }
  };
  walk(dir);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The reference data (prices, doses, pack sizes): not law, kept apart from `data/` (docs/adr/0019). */
export const DEFAULT_REFERENCE_DIR = join(ROOT, 'reference');

/** Reads every YAML file under the reference directory (none if it does not exist). */
export function readReferenceDir(dir: string = DEFAULT_REFERENCE_DIR): RawFile[] {
  if (!existsSync(dir)) return [];
  return readDataDir(dir).filter((f) => !f.path.endsWith('.txt'));
}

/** The national tables' medicine names (reference/formulary/names.csv), or null if the file is absent. */
export function readFormularyFile(dir: string = DEFAULT_REFERENCE_DIR): RawFile | null {
  const path = 'formulary/names.csv';
  const full = join(dir, path);
  return existsSync(full) ? { path, text: readFileSync(full, 'utf8') } : null;
}
