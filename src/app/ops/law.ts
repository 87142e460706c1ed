/**
 * What the operations use cases ask of the law: the engine's answer on a date from the
 * register's own facts, and the region's operational parameters (provision.yaml). A function
 * returning the current `Law`, because a server that picks up a newer registry version builds
 * new services: a prescription freezes the version it was issued under.
 */
import type { Engine } from '../../domain/engine.ts';
import { provisionTable, type ProvisionTable } from '../../domain/provision.ts';
import type { Registry } from '../../registry/registry.ts';
import { evaluateFor, type EvaluateAnswer } from '../queries.ts';

export interface Law {
  /** The content hash of the registry version the answers come from (frozen into prescriptions). */
  readonly version: string;
  /** The one entry to the engine: raw patient facts (src/domain/patient.ts) in. */
  evaluate(facts: unknown): EvaluateAnswer;
  readonly provision: ProvisionTable;
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
  };
}
