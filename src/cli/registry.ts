/** The registry for a command: from the snapshot cache when the data is unchanged (src/registry/cache.ts). */
import { loadRegistry } from '../registry/cache.ts';
import { readDataDir } from '../registry/load-files.ts';
import type { Registry } from '../registry/registry.ts';
import type { CliIo } from './io.ts';

export async function loadRegistryOrFail(
  io: CliIo,
  dataDir?: string,
): Promise<Registry | undefined> {
  const { registry, issues } = await loadRegistry(readDataDir(dataDir));
  if (issues.length > 0) {
    io.stderr(
      `tegin: the data has ${issues.length} problem(s); run "tegin data check" for the list\n`,
    );
    return undefined;
  }
  return registry;
}
