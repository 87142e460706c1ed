/**
 * What the operations use cases ask of the law: the engine's answer on a date from the
 * register's own facts, and the region's operational parameters (provision.yaml). A function
 * returning the current `Law`, because a server that picks up a newer registry version builds
 * new services: a prescription freezes the version it was issued under.
 */
import type { IsoDate } from '../../domain/date.ts';
import type { Diff } from '../../domain/diff.ts';
import type { Engine } from '../../domain/engine.ts';
import { provisionTable, type ProvisionTable } from '../../domain/provision.ts';
import type { Registry } from '../../registry/registry.ts';
import { diffFor, evaluateFor, type EvaluateAnswer } from '../queries.ts';

/**
 * When a region's list changes around `today`, as far as the data knows: the first known date
 * after it a newer list text takes effect, and the last known one on or before it; a text whose
 * entry into force is a window (not known) is left out.
 */
export interface ListChanges {
  ahead: IsoDate | null;
  since: IsoDate | null;
}

export interface Law {
  /** The content hash of the registry version the answers come from (frozen into prescriptions). */
  readonly version: string;
  /** The one entry to the engine: raw patient facts (src/domain/patient.ts) in. */
  evaluate(facts: unknown): EvaluateAnswer;
  readonly provision: ProvisionTable;
  /** When the region's list changes around `today` (src/app/ops/my-records.ts tells a patient). */
  listChanges(region: string, today: IsoDate): ListChanges;
  /** What changed in the region's list between two dates (src/domain/diff.ts); null: no region. */
  diff(region: string, from: IsoDate, to: IsoDate): Diff | null;
}

export type LawSource = () => Law;

export function lawOf(services: {
  registry: Registry;
  engine: Engine;
  version: { contentHash: string };
}): Law {
  const provision = provisionTable(services.registry.provisions.map((p) => p.file));
  return {
    version: services.version.contentHash,
    evaluate: (facts) => evaluateFor(services.registry, services.engine, facts),
    provision,
    listChanges: (code, today) => {
      const region = services.registry.region(code);
      const dates = region
        ? services.registry
            .listVersions(region.code)
            .flatMap((v) => (v.effective.kind === 'known' ? [v.effective.date] : []))
        : [];
      const ahead = dates.filter((d) => d > today).sort()[0] ?? null;
      const since =
        dates
          .filter((d) => d <= today)
          .sort()
          .at(-1) ?? null;
      return { ahead, since };
    },
    diff: (code, from, to) => {
      const region = services.registry.region(code);
      return region ? diffFor(services.registry, region, from, to) : null;
    },
  };
}
