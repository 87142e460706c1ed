/**
 * A registry as a plain value: the validated data files after parsing, ready to be stored and
 * turned back into a `Registry` without YAML parsing, schema validation or cross-file checks.
 * Only a registry built without issues is snapshotted (cache.ts), so a registry restored from
 * a snapshot has nothing left to report: its `lineOf` (which only locates issues) answers
 * `undefined`. Pure over values; cache.ts stores it.
 */
import type { ActFile } from '../domain/act.ts';
import type { Disease } from '../domain/diseases.ts';
import { deepFreeze } from '../domain/freeze.ts';
import type { ListFile } from '../domain/list.ts';
import type { ProvisionFile } from '../domain/provision.ts';
import type { Region } from '../domain/region.ts';
import type { RegionName } from '../domain/region-names.ts';
import type { Medicine } from '../domain/vocabulary.ts';
import { Registry } from './registry.ts';

/** Bump when the snapshot's shape changes; part of the cache key. */
export const SNAPSHOT_FORMAT = 3;

export interface RegistrySnapshot {
  format: typeof SNAPSHOT_FORMAT;
  regions: readonly Region[];
  acts: readonly { path: string; act: ActFile }[];
  medicines: readonly Medicine[];
  diseases: readonly Disease[];
  sources: readonly (readonly [string, readonly string[]])[];
  lists: readonly { path: string; list: ListFile }[];
  provisions: readonly { path: string; file: ProvisionFile }[];
  regionNames: readonly RegionName[];
}

const noLine = (): undefined => undefined;

export function toSnapshot(registry: Registry): RegistrySnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    regions: registry.regions,
    acts: [...registry.acts.values()].map(({ path, act }) => ({ path, act })),
    medicines: [...registry.medicines.values()],
    diseases: registry.diseases,
    sources: [...registry.sources.entries()],
    lists: registry.versions.map(({ path, list }) => ({ path, list })),
    provisions: registry.provisions.map(({ path, file }) => ({ path, file })),
    regionNames: registry.regionNames,
  };
}

/** The registry a snapshot holds; `undefined` when the value is not a snapshot of this format. */
export function fromSnapshot(value: unknown): Registry | undefined {
  if (!isSnapshot(value)) return undefined;
  const snapshot = deepFreeze(value);
  return new Registry({
    regions: snapshot.regions,
    acts: new Map(snapshot.acts.map(({ path, act }) => [act.id, { path, act, lineOf: noLine }])),
    medicines: new Map(snapshot.medicines.map((m) => [m.inn, m])),
    diseases: snapshot.diseases,
    sources: new Map(snapshot.sources),
    lists: snapshot.lists.map(({ path, list }) => ({ path, list, lineOf: noLine })),
    provisions: snapshot.provisions.map(({ path, file }) => ({ path, file, lineOf: noLine })),
    regionNames: snapshot.regionNames,
  });
}

function isSnapshot(value: unknown): value is RegistrySnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.format === SNAPSHOT_FORMAT &&
    [
      'regions',
      'acts',
      'medicines',
      'diseases',
      'sources',
      'lists',
      'provisions',
      'regionNames',
    ].every((key) => Array.isArray(v[key]))
  );
}
