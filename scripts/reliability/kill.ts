/**
 * Process kill under write load: clinical clients issue and dispense (Idempotency-Keys) against
 * the real server while it is SIGKILLed at seeded random moments and started again on the same
 * port; every unanswered request is retried with its same key (an issue is looked up first).
 * On PGlite each restart must reclaim the directory lock the killed process left, and a second
 * server opened on the directory while the first serves writes must refuse with STORE_LOCKED
 * (exit 4). Afterwards the ledger check (check.ts) must hold.
 */
import { mulberry32 } from '../../src/ops/demo/random.ts';
import { checkLedger, type LedgerCheck } from './check.ts';
import { Recorder, runClinical, type ClientOptions } from './client.ts';
import { answers } from './figures.ts';
import { freePort, startServerProcess, stopServerProcess, type RunningServer } from './server.ts';
import { makeTarget, type Backend } from './target.ts';
import { prepareWorld } from './world.ts';

export interface KillOptions {
  backend: Backend;
  kills: number;
  seed: number;
  patients: number;
  clients: number;
  /** A kill comes this long after the server is ready, at random within [min, max] ms. */
  delayMs: [number, number];
}

export interface KillReport {
  ok: boolean;
  failures: string[];
  options: KillOptions;
  kills: { afterMs: number; acknowledgedBefore: number; restartMs: number }[];
  secondOpener: { exit: string; storeLocked: boolean } | null;
  answers: ReturnType<typeof answers>;
  ledger: LedgerCheck;
  errors: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runKillLoop(options: KillOptions, log = (m: string) => console.log(m)) {
  const target = await makeTarget(options.backend);
  let server: RunningServer | null = null;
  try {
    const world = await prepareWorld(target.env, { patients: options.patients, staff: 4 });
    const env = { ...target.env, PORT: String(await freePort()) };
    server = await startServerProcess(env);
    const url = server.url;
    const recorder = new Recorder();
    // From a kill until the restarted server has had time to answer what was in flight.
    let downUntil = 0;
    recorder.faultOn = () => performance.now() < downUntil;
    const client: ClientOptions = {
      url: () => url,
      recorder,
      acknowledged: { dispenses: new Map(), prescriptions: new Set() },
      timeoutMs: 5_000,
      retryMs: 100,
      deadline: performance.now() + 120_000 + options.kills * 30_000,
    };
    const failures: string[] = [];
    let finished = false;
    const load = runClinical(client, world, {
      clients: options.clients,
      thinkMs: 0,
      until: Number.POSITIVE_INFINITY,
      seed: options.seed,
      replayShare: 0.1,
    }).finally(() => (finished = true));

    let secondOpener: KillReport['secondOpener'] = null;
    if (options.backend === 'pglite') {
      // Under write load, a second server on the same directory must refuse, not share it.
      await sleep(300);
      const second = await startServerProcess({ ...env, PORT: '0' }).then(
        async (s) => {
          await stopServerProcess(s, 'SIGKILL');
          return { exit: 'started', out: s.output() };
        },
        (error: Error) => ({
          exit: /exited \((\w+)\)/.exec(error.message)?.[1] ?? '?',
          out: error.message,
        }),
      );
      secondOpener = { exit: second.exit, storeLocked: /STORE_LOCKED/.test(second.out) };
      if (second.exit !== '4' || !secondOpener.storeLocked) {
        failures.push(
          `a second server on the directory: ${second.exit} ${second.out.slice(0, 300)}`,
        );
      }
    }

    const random = mulberry32(options.seed);
    const kills: KillReport['kills'] = [];
    for (let k = 0; k < options.kills && !finished; k++) {
      const [min, max] = options.delayMs;
      const afterMs = Math.round(min + random() * (max - min));
      // Writes flowing again (one more acknowledged), then the random moment.
      const written = () =>
        client.acknowledged.dispenses.size + client.acknowledged.prescriptions.size;
      const before = written();
      while (written() === before && !finished) await sleep(20);
      await sleep(afterMs);
      if (finished) break;
      const acknowledgedBefore = client.acknowledged.dispenses.size;
      downUntil = Number.POSITIVE_INFINITY;
      await stopServerProcess(server, 'SIGKILL');
      const restarting = performance.now();
      server = await startServerProcess(env);
      const restartMs = Math.round(performance.now() - restarting);
      if (
        options.backend === 'pglite' &&
        !/reclaimed the lock of \S+ left by process/.test(server.output())
      ) {
        failures.push(`restart ${k + 1} did not say it reclaimed the killed process's lock`);
      }
      kills.push({ afterMs, acknowledgedBefore, restartMs });
      log(
        `kill ${k + 1}: after ${afterMs} ms (${acknowledgedBefore} dispenses acknowledged), restarted in ${restartMs} ms`,
      );
      // Requests in flight at the kill fail over the next moments: still the fault.
      downUntil = performance.now() + client.timeoutMs + 500;
    }
    await load;
    const stopped = await stopServerProcess(server);
    server = null;
    const ledger = await checkLedger(target.env, client.acknowledged);
    failures.push(...ledger.problems);
    if (recorder.counts.error > 0) failures.push(`${recorder.counts.error} error(s)`);
    if (stopped !== '0') failures.push(`the server stopped with ${stopped}`);
    if (kills.length < options.kills)
      failures.push(`only ${kills.length} kill(s): the load ended first`);
    if (ledger.acknowledgedDispenses !== 2 * options.patients) {
      failures.push(
        `${ledger.acknowledgedDispenses} dispenses acknowledged, not ${2 * options.patients}`,
      );
    }
    const report: KillReport = {
      ok: failures.length === 0,
      failures,
      options,
      kills,
      secondOpener,
      answers: answers(recorder),
      ledger,
      errors: recorder.errors,
    };
    return report;
  } finally {
    if (server) await stopServerProcess(server, 'SIGKILL');
    await target.dispose();
  }
}

export function killSummary(r: KillReport): string {
  const a = r.answers;
  return [
    `kill -9 ${r.ok ? 'PASSED' : 'FAILED'}: ${r.options.backend}, ${r.kills.length} kills (seed ${r.options.seed}), ${r.options.clients} clients, ${r.options.patients} prescriptions`,
    `  requests ${a.requests} (ok ${a.ok}, refused while down ${a.down + a.unavailable}, errors ${a.error}), retries ${a.retries}, replays ${a.replays}`,
    `  restarts ${r.kills.map((k) => `${k.restartMs} ms`).join(', ')}${r.secondOpener ? `; second opener exit ${r.secondOpener.exit}${r.secondOpener.storeLocked ? ' STORE_LOCKED' : ''}` : ''}`,
    `  dispenses acknowledged ${r.ledger.acknowledgedDispenses}, rows ${r.ledger.dispenseRows}, lost ${r.ledger.lost}, duplicated ${r.ledger.duplicated}, orphans ${r.ledger.orphanDispenses}; prescriptions ${r.ledger.prescriptionRows} (inconsistent ${r.ledger.inconsistentPrescriptions}, bad signatures ${r.ledger.badSignatures}); audit ${r.ledger.audit.message} (${r.ledger.audit.records} records)`,
    ...r.failures.map((f) => `  FAILURE: ${f}`),
    ...r.errors.slice(0, 10).map((e) => `  error: ${e}`),
  ].join('\n');
}
