/**
 * `npm run faults [-- --kills N] [--seed N] [--backend pglite|postgres|both] [--no-db]
 * [--out FILE]`: the fault runs of RELIABILITY.md, loopback only — SIGKILL of the server under
 * write load on PGlite and on PostgreSQL (kill.ts), then the database connection dropped and
 * the database crashed and restarted (db-faults.ts). Prints a summary of each, writes the
 * figures as JSON, exits 1 when any run fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { dbFaultSummary, runDbFault, type DbFaultReport } from './db-faults.ts';
import { killSummary, runKillLoop, type KillReport } from './kill.ts';
import type { Backend } from './target.ts';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'both' },
    patients: { type: 'string', default: '200' },
    'no-db': { type: 'boolean', default: false },
    out: { type: 'string', default: 'artifacts/faults.json' },
  },
});
const seed = Number(values.seed);
const backends: Backend[] =
  values.backend === 'both' ? ['pglite', 'postgres'] : [values.backend as Backend];
const patients = Number(values.patients);
const kills: KillReport[] = [];
const db: DbFaultReport[] = [];
for (const backend of backends) {
  const report = await runKillLoop({
    backend,
    kills: Number(values.kills),
    seed,
    patients,
    clients: 8,
    delayMs: [50, 1500],
  });
  console.log(killSummary(report));
  kills.push(report);
}
if (!values['no-db']) {
  for (const fault of ['connection-drop', 'database-restart'] as const) {
    const report = await runDbFault({ fault, outageMs: 3000, patients, clients: 8, seed });
    console.log(dbFaultSummary(report));
    db.push(report);
  }
}
const ok = [...kills, ...db].every((r) => r.ok);
mkdirSync(dirname(values.out), { recursive: true });
const machine = `${hostname()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`;
writeFileSync(
  values.out,
  `${JSON.stringify({ ok, date: new Date().toISOString(), machine, kills, db }, null, 2)}\n`,
);
console.log(`faults ${ok ? 'PASSED' : 'FAILED'}; figures written to ${values.out}`);
process.exitCode = ok ? 0 : 1;
