/**
 * `npm run check:cycles`: fails when modules of src/ import each other in a circle. The import
 * graph comes from esbuild's metafile (type-only imports are erased, so only imports that run
 * count; a dynamic import() does not order module evaluation and is left out); cycles are its
 * strongly connected components (Tarjan).
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export type Graph = ReadonlyMap<string, readonly string[]>;

/** The static imports between the source files under `dir` (paths relative to `root`). */
export async function importGraph(root: string, dir = 'src'): Promise<Graph> {
  const entries: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name)) {
        entries.push(relative(root, full).split(sep).join('/'));
      }
    }
  };
  walk(join(root, dir));
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    splitting: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  const graph = new Map<string, string[]>();
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    if (path.includes('node_modules/')) continue;
    graph.set(
      path,
      input.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => i.path),
    );
  }
  return graph;
}

/** Every cycle (strongly connected component of more than one module, or a self-import). */
export function findCycles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) {
        cycles.push(component.sort());
      }
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const graph = await importGraph(root);
  const cycles = findCycles(graph);
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' ↔ ')}`);
  console.log(`${graph.size} modules, ${cycles.length} import cycle(s)`);
  if (cycles.length > 0) process.exitCode = 1;
}
