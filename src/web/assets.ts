/**
 * The two static files of the pages: one stylesheet and one progressive-
 * enhancement script (TypeScript in ./client, bundled and minified by esbuild:
 * into dist/ by `npm run build`, or once when the server starts from source). Both are served under a content hash, so
 * they can be cached for a year; `gzipBytes` is what the budget test checks.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths.ts';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

export interface Asset {
  /** `/assets/site.3f2a9c1b.js` */
  url: string;
  body: string;
  type: string;
  gzipBytes: number;
}

export interface Assets {
  css: Asset;
  js: Asset;
  byUrl: ReadonlyMap<string, Asset>;
}

const here = (path: string) => join(ROOT, 'src/web', path);

function asset(name: string, ext: 'css' | 'js', body: string, type: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return {
    url: `/assets/${name}.${hash}.${ext}`,
    body,
    type,
    gzipBytes: gzipSync(body, { level: 9 }).length,
  };
}

/** The page script, put into the server bundle by scripts/build.ts (undefined in source). */
declare const TEGIN_PAGE_SCRIPT: string | undefined;

/** Bundles the page script; `inputs` are its source files (for dist/'s freshness check). */
export function bundleScript(): { text: string; inputs: string[] } {
  const result = buildSync({
    absWorkingDir: ROOT,
    entryPoints: [here('./client/site.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the page script');
  return { text: file.text, inputs: Object.keys(result.metafile.inputs) };
}

let cached: Assets | undefined;

export function loadAssets(): Assets {
  if (!cached) {
    const css = asset(
      'site',
      'css',
      readFileSync(here('./assets/site.css'), 'utf8'),
      'text/css; charset=utf-8',
    );
    const script = typeof TEGIN_PAGE_SCRIPT === 'string' ? TEGIN_PAGE_SCRIPT : bundleScript().text;
    const js = asset('site', 'js', script, 'text/javascript; charset=utf-8');
    cached = { css, js, byUrl: new Map([css, js].map((a) => [a.url, a])) };
  }
  return cached;
}
