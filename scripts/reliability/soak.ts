/**
 * `npm run soak [-- --minutes N | --seconds N] [--pglite] [--out FILE]`: the real server under a
 * realistic mix for a bounded time — public readers (catalogue, pages, entitlement checks,
 * search) and clinical clients (a doctor issues, a pharmacist dispenses in two parts under
 * Idempotency-Keys, some answers replayed on purpose) — on a fresh PostgreSQL schema or PGlite
 * directory, loopback only. Passes when: no error (every answer 2xx, or a 409/422 the flow
 * accounts for), the p99 of the last window within P99_FACTOR of the first (or under
 * P99_FLOOR_MS), resident memory after warm-up grown by less than RSS_LIMIT_PERCENT, and the
 * ledger check (scripts/reliability/check.ts) holds. Prints a summary, writes the figures as
 * JSON, exits 1 on a failure. RELIABILITY.md states the promises.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { checkLedger, type LedgerCheck } from './check.ts';
import { Recorder, runClinical, runReaders, warmUp, type ClientOptions } from './client.ts';
import { answers, latency, rssGrowth, type RssSample } from './figures.ts';
import { freePort, rssOf, startServerProcess, stopServerProcess } from './server.ts';
import { makeTarget, type Backend } from './target.ts';
import { prepareWorld } from './world.ts';

export const P99_FACTOR = 2;
export const P99_FLOOR_MS = 50;
export const RSS_LIMIT_PERCENT = 10;

export interface SoakOptions {
  seconds: number;
  backend: Backend;
  readers: number;
  clinical: number;
  seed: number;
  /** Prescriptions a second the clinical clients aim at (patients are made for it). */
  issueRate: number;
  /** A last-window p99 under this passes whatever the first (default P99_FLOOR_MS). */
  p99FloorMs?: number;
}

export interface SoakReport {
  ok: boolean;
  failures: string[];
  date: string;
  machine: string;
  options: SoakOptions;
  windowSeconds: number;
  answers: ReturnType<typeof answers>;
  latency: { first: ReturnType<typeof latency>; last: ReturnType<typeof latency> };
  rss: ReturnType<typeof rssGrowth>;
  ledger: LedgerCheck;
  errors: string[];
}

export async function runSoak(options: SoakOptions, log = (m: string) => console.log(m)) {
  const target = await makeTarget(options.backend);
  try {
    const patients = Math.ceil(options.seconds * options.issueRate * 1.2) + 10;
    log(`soak: ${options.backend}, ${options.seconds} s, ${patients} patients to set up`);
    const world = await prepareWorld(target.env, { patients, staff: 4 });
    const port = await freePort();
    const server = await startServerProcess({ ...target.env, PORT: String(port) });
    await warmUp(server.url, world);
    const recorder = new Recorder();
    const durationMs = options.seconds * 1000;
    const windowMs = Math.min(60_000, durationMs / 4);
    const rss: RssSample[] = [];
    const every = Math.min(5000, Math.max(250, durationMs / 120));
    const sampler = setInterval(() => {
      const bytes = rssOf(server.pid);
      if (bytes) rss.push({ at: performance.now() - recorder.started, bytes });
    }, every);
    const until = recorder.started + durationMs;
    const client: ClientOptions = {
      url: () => server.url,
      recorder,
      acknowledged: { dispenses: new Map(), prescriptions: new Set() },
      timeoutMs: 10_000,
      retryMs: 200,
      deadline: until + 30_000,
    };
    // Think times for the aimed rate: one prescription is three requests and three thinks.
    const clinicalThink = ((options.clinical / options.issueRate) * 1000) / 3;
    await Promise.all([
      runReaders(client, world, {
        clients: options.readers,
        thinkMs: 40,
        until,
        seed: options.seed,
      }),
      runClinical(client, world, {
        clients: options.clinical,
        thinkMs: clinicalThink,
        until,
        seed: options.seed,
        replayShare: 0.1,
      }),
    ]);
    clearInterval(sampler);
    const end = performance.now() - recorder.started;
    const stopped = await stopServerProcess(server);
    const ledger = await checkLedger(target.env, client.acknowledged);
    const first = latency(recorder.samples, 0, windowMs);
    const last = latency(recorder.samples, end - windowMs, end + 1);
    const memory = rssGrowth(rss, windowMs, end);
    const failures = [...ledger.problems];
    if (recorder.counts.error > 0) failures.push(`${recorder.counts.error} error(s)`);
    if (last.p99 > Math.max(P99_FACTOR * first.p99, options.p99FloorMs ?? P99_FLOOR_MS)) {
      failures.push(`p99 of the last window ${last.p99} ms > ${P99_FACTOR} × ${first.p99} ms`);
    }
    if (memory.growthPercent >= RSS_LIMIT_PERCENT) {
      failures.push(`resident memory grew ${memory.growthPercent} % after warm-up`);
    }
    if (stopped !== '0') failures.push(`the server stopped with ${stopped}`);
    if (client.acknowledged.dispenses.size === 0) failures.push('no dispense acknowledged');
    const report: SoakReport = {
      ok: failures.length === 0,
      failures,
      date: new Date().toISOString(),
      machine: `${hostname()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
      options,
      windowSeconds: windowMs / 1000,
      answers: answers(recorder),
      latency: { first, last },
      rss: memory,
      ledger,
      errors: recorder.errors,
    };
    return report;
  } finally {
    await target.dispose();
  }
}

export function summary(r: SoakReport): string {
  const a = r.answers;
  return [
    `soak ${r.ok ? 'PASSED' : 'FAILED'}: ${r.options.backend}, ${r.options.seconds} s, ${r.options.readers} readers + ${r.options.clinical} clinical clients`,
    `  requests ${a.requests} (ok ${a.ok}, expected ${a.expected}, errors ${a.error}), retries ${a.retries}, deliberate replays ${a.replays}`,
    `  p99 first ${r.windowSeconds} s ${r.latency.first.p99} ms (p50 ${r.latency.first.p50}), last ${r.latency.last.p99} ms (p50 ${r.latency.last.p50})`,
    `  RSS after warm-up ${r.rss.afterWarmUpMiB} MiB, last ${r.rss.lastMiB} MiB (${r.rss.growthPercent} %), max ${r.rss.maxMiB} MiB`,
    `  dispenses acknowledged ${r.ledger.acknowledgedDispenses}, rows ${r.ledger.dispenseRows}, lost ${r.ledger.lost}, duplicated ${r.ledger.duplicated}, orphans ${r.ledger.orphanDispenses}; prescriptions ${r.ledger.prescriptionRows} (inconsistent ${r.ledger.inconsistentPrescriptions}, bad signatures ${r.ledger.badSignatures}); audit ${r.ledger.audit.message} (${r.ledger.audit.records} records)`,
    ...r.failures.map((f) => `  FAILURE: ${f}`),
    ...r.errors.slice(0, 10).map((e) => `  error: ${e}`),
  ].join('\n');
}

if (process.argv[1]?.endsWith('scripts/reliability/soak.ts')) {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      seconds: { type: 'string' },
      pglite: { type: 'boolean', default: false },
      readers: { type: 'string', default: '12' },
      clinical: { type: 'string', default: '8' },
      rate: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'artifacts/soak.json' },
    },
  });
  const seconds = values.seconds ? Number(values.seconds) : 60 * Number(values.minutes ?? 10);
  const report = await runSoak({
    seconds,
    backend: values.pglite ? 'pglite' : 'postgres',
    readers: Number(values.readers),
    clinical: Number(values.clinical),
    issueRate: Number(values.rate),
    seed: Number(values.seed),
  });
  console.log(summary(report));
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`figures written to ${values.out}`);
  process.exitCode = report.ok ? 0 : 1;
}
