/**
 * Where `tegin import --out` writes each draft, relative to the output directory: one place, so the
 * report names the files the CLI writes. An act number may hold a slash ("17/155-VII", "72/675-6с"):
 * the file name stem is the registry's (`actFileStem`), so a file name never turns into a directory
 * and `tegin data check` expects the draft where it was written.
 */
import { actFileStem as stem } from '../domain/act.ts';

export const draftPaths = {
  act: (region: string, adopted: string, number: string): string =>
    `${region}/acts/${stem(adopted, number)}.yaml`,
  list: (region: string, adopted: string, number: string, annex: string): string =>
    `${region}/lists/${stem(adopted, number)}.annex-${annex}.yaml`,
  effects: (region: string, adopted: string, number: string): string =>
    `${region}/effects/${stem(adopted, number)}.yaml`,
} as const;
