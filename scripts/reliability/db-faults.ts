/**
 * Database faults under write load, on PostgreSQL: the connection dropped (a TCP proxy cut,
 * test/support/tcp-proxy.ts, in front of the shared server and a schema of the run's own), or
 * the database itself crashed and started again (a cluster of the run's own, cluster.ts). While
 * the database is away every request that needs it must answer 503 problem+json
 * STORE_UNAVAILABLE with Retry-After, fast; the process must survive (same pid), service resume
 * by itself, and every write acknowledged before, during or after be there exactly once.
 */
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.ts';
import { checkLedger, type LedgerCheck } from './check.ts';
import { startCluster, type Cluster } from './cluster.ts';
import { Recorder, runClinical, runReaders, type ClientOptions } from './client.ts';
import { answers } from './figures.ts';
import { freePort, startServerProcess, stopServerProcess, type RunningServer } from './server.ts';
import { makeTarget, withSchema, type Target } from './target.ts';
import { prepareWorld } from './world.ts';

export type DbFault = 'connection-drop' | 'database-restart';

export interface DbFaultOptions {
  fault: DbFault;
  outageMs: number;
  patients: number;
  clients: number;
  seed: number;
}

export interface DbFaultReport {
  ok: boolean;
  failures: string[];
  options: DbFaultOptions;
  /** 503 answers during the outage, and the slowest of them. */
  unavailable: number;
  slowest503Ms: number;
  /** From the end of the outage until /ready answered 200. */
  recoveryMs: number;
  samePid: boolean;
  answers: ReturnType<typeof answers>;
  ledger: LedgerCheck;
  errors: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A 503 must come well within the pool's connection timeout and the 1.5 s deadline. */
export const FAIL_FAST_MS = 2500;

export async function runDbFault(options: DbFaultOptions, log = (m: string) => console.log(m)) {
  let cluster: Cluster | null = null;
  let proxy: TcpProxy | null = null;
  let target: Target | null = null;
  let server: RunningServer | null = null;
  try {
    let serverEnv: Record<string, string>;
    if (options.fault === 'database-restart') {
      cluster = await startCluster();
      target = await makeTarget('postgres', cluster.url);
      serverEnv = target.env;
    } else {
      target = await makeTarget('postgres');
      const direct = new URL(target.serverUrl as string);
      proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
      const viaProxy = new URL(target.serverUrl as string);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      serverEnv = {
        ...target.env,
        DATABASE_URL: withSchema(viaProxy.toString(), target.schema as string),
      };
    }
    const world = await prepareWorld(target.env, { patients: options.patients, staff: 4 });
    server = await startServerProcess({ ...serverEnv, PORT: String(await freePort()) });
    const pid = server.pid;
    const url = server.url;
    const recorder = new Recorder();
    let faultOn = false;
    recorder.faultOn = () => faultOn;
    const client: ClientOptions = {
      url: () => url,
      recorder,
      acknowledged: { dispenses: new Map(), prescriptions: new Set() },
      timeoutMs: 5_000,
      retryMs: 150,
      deadline: performance.now() + 120_000,
    };
    let finished = false;
    const load = runClinical(client, world, {
      clients: options.clients,
      thinkMs: 0,
      until: Number.POSITIVE_INFINITY,
      seed: options.seed,
      replayShare: 0.1,
    }).finally(() => (finished = true));
    const readers = runReaders(client, world, {
      clients: 2,
      thinkMs: 50,
      until: Number.POSITIVE_INFINITY,
      seed: options.seed,
    });
    const failures: string[] = [];
    while (client.acknowledged.dispenses.size < 10 && !finished) await sleep(20);
    if (finished) failures.push('the load ended before the fault');

    faultOn = true;
    const outageStart = recorder.samples.length;
    if (cluster) await cluster.crash();
    else await proxy?.cut();
    log(`${options.fault}: database away for ${options.outageMs} ms`);
    await sleep(options.outageMs);
    const during = recorder.samples.slice(outageStart).filter((s) => s.outcome === 'unavailable');
    if (cluster) await cluster.start();
    else await proxy?.restore();
    const back = performance.now();
    let recoveryMs = -1;
    while (performance.now() - back < 30_000) {
      const res = await fetch(`${url}/ready`).catch(() => null);
      await res?.arrayBuffer();
      if (res?.status === 200) {
        recoveryMs = Math.round(performance.now() - back);
        break;
      }
      await sleep(50);
    }
    // Requests sent just before the database came back may still be answered 503.
    await sleep(1000);
    faultOn = false;
    await load;
    client.deadline = 0; // the readers stop
    await readers;
    const samePid = server.child.exitCode === null && server.pid === pid;
    const unavailable = during.length;
    const slowest503Ms = Math.round(Math.max(0, ...during.map((s) => s.ms)));
    const stopped = await stopServerProcess(server);
    server = null;
    const ledger = await checkLedger(target.env, client.acknowledged);
    failures.push(...ledger.problems);
    if (recorder.counts.error > 0) failures.push(`${recorder.counts.error} error(s)`);
    if (recorder.counts.down > 0) failures.push(`${recorder.counts.down} request(s) got no answer`);
    if (unavailable === 0) failures.push('no 503 STORE_UNAVAILABLE during the outage');
    if (slowest503Ms > FAIL_FAST_MS) failures.push(`a 503 took ${slowest503Ms} ms`);
    if (recoveryMs < 0) failures.push('service did not resume within 30 s');
    if (!samePid) failures.push('the process did not survive');
    if (stopped !== '0') failures.push(`the server stopped with ${stopped}`);
    if (ledger.acknowledgedDispenses !== 2 * options.patients) {
      failures.push(
        `${ledger.acknowledgedDispenses} dispenses acknowledged, not ${2 * options.patients}`,
      );
    }
    const report: DbFaultReport = {
      ok: failures.length === 0,
      failures,
      options,
      unavailable,
      slowest503Ms,
      recoveryMs,
      samePid,
      answers: answers(recorder),
      ledger,
      errors: recorder.errors,
    };
    return report;
  } finally {
    if (server) await stopServerProcess(server, 'SIGKILL');
    await proxy?.close();
    await target?.dispose();
    await cluster?.dispose();
  }
}

export function dbFaultSummary(r: DbFaultReport): string {
  const a = r.answers;
  return [
    `${r.options.fault} ${r.ok ? 'PASSED' : 'FAILED'}: outage ${r.options.outageMs} ms, ${r.options.clients} clinical clients, ${r.options.patients} prescriptions`,
    `  requests ${a.requests} (ok ${a.ok}, 503 during the outage ${r.unavailable}, slowest ${r.slowest503Ms} ms, no answer ${a.down}, errors ${a.error}), retries ${a.retries}; recovered ${r.recoveryMs} ms after; process ${r.samePid ? 'survived' : 'LOST'}`,
    `  dispenses acknowledged ${r.ledger.acknowledgedDispenses}, rows ${r.ledger.dispenseRows}, lost ${r.ledger.lost}, duplicated ${r.ledger.duplicated}, orphans ${r.ledger.orphanDispenses}; prescriptions ${r.ledger.prescriptionRows} (inconsistent ${r.ledger.inconsistentPrescriptions}, bad signatures ${r.ledger.badSignatures}); audit ${r.ledger.audit.message} (${r.ledger.audit.records} records)`,
    ...r.failures.map((f) => `  FAILURE: ${f}`),
    ...r.errors.slice(0, 10).map((e) => `  error: ${e}`),
  ].join('\n');
}
