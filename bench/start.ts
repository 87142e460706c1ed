/**
 * Whole-process start, each against a baseline measured in the same run:
 * - `tegin regions` and one `tegin entitlements` call (the built CLI, snapshot cache warm)
 *   against `node -e 0`;
 * - `npm start`'s server (bin/server.js) from spawn to a 200 from /health on an existing PGlite
 *   directory, against a bare node:http server from spawn to its first answer; and the
 *   server's resident memory once healthy, against the bare server's.
 * Medians of several alternating runs, so a busy machine slows both sides alike.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { whyStale } from '../bin/fresh.js';
import { buildDist } from '../scripts/build.ts';

type Line = (name: string, value: number, unit: string, ratio: number, baseline: string) => void;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEGIN = join(ROOT, 'bin', 'tegin.js');
const ENTITLEMENTS = ['entitlements', '--region', 'KZ-27', '--date', '2026-11-24', '--age', '8'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function timeProcess(args: string[]): number {
  const start = performance.now();
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - start;
}

const BARE_SERVER =
  "require('node:http').createServer((q, s) => s.end('{\"status\":\"ok\"}')).listen(Number(process.env.PORT), '127.0.0.1')";

async function timeToHealthy(
  args: string[],
  env: Record<string, string>,
): Promise<{ ms: number; rssMb: number }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const start = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'silent', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const ms = performance.now() - start;
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { ms, rssMb: rssKb / 1024 };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export async function benchStart(line: Line, runs = 7): Promise<void> {
  const stale = whyStale(ROOT);
  if (stale !== undefined) {
    console.error(`bench: building dist/ (${stale})`);
    await buildDist();
  }
  timeProcess([TEGIN, 'regions']); // the registry snapshot for this data, and a warm disk cache
  const bare: number[] = [];
  const regions: number[] = [];
  const entitlements: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(timeProcess(['-e', '0']));
    regions.push(timeProcess([TEGIN, 'regions']));
    entitlements.push(timeProcess([TEGIN, ...ENTITLEMENTS, '--icd10', 'G80.1']));
  }
  const node = median(bare);
  line('start.cli.regions', median(regions), 'ms', median(regions) / node, 'node -e 0');
  line(
    'start.cli.entitlements',
    median(entitlements),
    'ms',
    median(entitlements) / node,
    'node -e 0',
  );

  const dir = mkdtempSync(join(tmpdir(), 'tegin-bench-start-'));
  try {
    const env = { TEGIN_DB_DIR: join(dir, 'db') };
    const server = [join(ROOT, 'bin', 'server.js')];
    const first = await timeToHealthy(server, env); // creates the database and loads the data
    const tegin: { ms: number; rssMb: number }[] = [];
    const plain: { ms: number; rssMb: number }[] = [];
    for (let i = 0; i < Math.ceil(runs / 2); i++) {
      plain.push(await timeToHealthy(['-e', BARE_SERVER], {}));
      tegin.push(await timeToHealthy(server, env));
    }
    const ms = median(tegin.map((r) => r.ms));
    const bareMs = median(plain.map((r) => r.ms));
    line('start.server.first', first.ms, 'ms', first.ms / bareMs, 'bare node:http to first answer');
    line('start.server.healthy', ms, 'ms', ms / bareMs, 'bare node:http to first answer');
    const rss = median(tegin.map((r) => r.rssMb));
    const bareRss = median(plain.map((r) => r.rssMb));
    line('start.server.rss', rss, 'MB', rss / bareRss, 'bare node:http RSS');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/start.ts`: only these lines (npm run bench runs them after the rest).
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await benchStart((name, value, unit, ratio, baseline) =>
    console.log(
      `BENCH ${name} ${value.toFixed(2)} ${unit} ratio=${ratio.toPrecision(3)} vs ${baseline}`,
    ),
  );
}
