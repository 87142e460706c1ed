/** The real registry and engine, built once per test process. */
import { Engine } from '../../src/domain/engine.ts';
import { readDataDir } from '../../src/registry/load-files.ts';
import { buildRegistry } from '../../src/registry/build.ts';
import type { Registry } from '../../src/registry/registry.ts';

let cached: { registry: Registry; engine: Engine } | undefined;

export function realData(): { registry: Registry; engine: Engine } {
  if (!cached) {
    const { registry, issues } = buildRegistry(readDataDir());
    if (issues.length > 0) throw new Error(`the data has problems: ${JSON.stringify(issues)}`);
    cached = { registry, engine: new Engine(registry) };
  }
  return cached;
}
