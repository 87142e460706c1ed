/**
 * `npm run build` (run by `npm ci` through `prepare`): bundles the CLI and the server into
 * dist/ with esbuild, so a call does not compile TypeScript at start (bin/tegin.js and
 * bin/server.js use dist/ when it is fresh, and the sources through tsx otherwise).
 * Writes dist/build.json: every source file the bundle holds, with its size, mtime and
 * SHA-256, for that freshness check (bin/fresh.js).
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleScript } from '../src/web/assets.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist');

/**
 * Left to node_modules: the database drivers (PGlite finds its WASM beside itself; each is
 * loaded only when configured), @node-rs/argon2 (a native addon), pino (its transports run from files), esbuild (a native binary,
 * used for the page script) and swagger-ui-dist (its files are read from the package).
 */
const EXTERNAL = [
  '@electric-sql/pglite',
  '@node-rs/argon2',
  'pg',
  'pg-native',
  'pino',
  'esbuild',
  'swagger-ui-dist',
];

export async function buildDist(): Promise<{ inputs: number; bytes: number }> {
  rmSync(OUT, { recursive: true, force: true });
  const page = bundleScript();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'src/cli/main.ts', server: 'src/server.ts' },
    outdir: OUT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS packages may call require(): give them one.
    banner: {
      js: "import { createRequire as __teginRequire } from 'node:module'; const require = __teginRequire(import.meta.url);",
    },
    // The page script, bundled now rather than at every server start (src/web/assets.ts).
    define: { TEGIN_PAGE_SCRIPT: JSON.stringify(page.text) },
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  const sources = [...Object.keys(result.metafile.inputs), ...page.inputs]
    .filter((path) => !path.startsWith('node_modules/') && !path.includes('/node_modules/'))
    .concat('package-lock.json')
    .filter((path, index, all) => all.indexOf(path) === index)
    .sort();
  const inputs = sources.map((path) => {
    const full = join(ROOT, path);
    const { size, mtimeMs } = statSync(full);
    const sha256 = createHash('sha256').update(readFileSync(full)).digest('hex');
    return { path, size, mtimeMs, sha256 };
  });
  writeFileSync(join(OUT, 'build.json'), `${JSON.stringify({ inputs }, null, 1)}\n`);
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { inputs: inputs.length, bytes };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const started = performance.now();
  const { inputs, bytes } = await buildDist();
  console.log(
    `dist/: ${inputs} source files, ${(bytes / 1024).toFixed(0)} KB, ${(performance.now() - started).toFixed(0)} ms`,
  );
}
