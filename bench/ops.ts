/**
 * The operations layer on PostgreSQL (DATABASE_URL), through the use cases exactly as an API
 * client calls them, every guard and the audit record included:
 * - `ops.dispense`: dispense a pre-issued prescription in full (signature verify, engine
 *   re-check, idempotency key, prescription lock, ledger, audit);
 * - `ops.prescribe+dispense`: issue one (engine gate, supply guard, numbering, Ed25519, audit),
 *   then dispense it in full.
 * Baselines, same pool and concurrency, same run, alternated in rounds: bare INSERTs into
 * tables made `AS SELECT * FROM ops_… WITH NO DATA` (same columns and types, no key, index,
 * constraint or trigger) of rows copied from real ones (same column count and bytes):
 * - `pg.bare-insert.dispense`: one transaction of a dispense row and an audit row;
 * - `pg.bare-insert.pair`: a transaction of a prescription row and an audit row, then one of a
 *   dispense row and an audit row (the two commits of a prescribe+dispense).
 * Ends with a CHECK: every dispense there once, each prescription dispensed in full, the audit
 * chain verified.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { addDays } from '../src/domain/date.ts';
import { recordsOf } from '../src/ops/audit-check.ts';
import type { Prescription } from '../src/ops/clinical.ts';
import type { Actor } from '../src/ops/permissions.ts';
import type { Registry } from '../src/registry/registry.ts';
import { OPS_POOL_CONNECTIONS } from '../src/storage/ops/open.ts';
import { SqlOpsStorage } from '../src/storage/ops/sql-ops-storage.ts';
import { dropSchema } from '../src/storage/postgres.ts';
import type { SqlClient } from '../src/storage/sql-client.ts';
import type { Line } from './http-mixed.ts';
import { microsPerCall, Profile, StatementCount } from './ops-profile.ts';
import { adultIins, buildWorld, ctx, drive, REGION, serviceOn, type World } from './ops-world.ts';

/**
 * 16 clients over the pool's 8 connections: a server with many pharmacies and doctors keeps
 * more requests in flight than it has connections, so the pool never idles while one request
 * does its CPU work (engine, Ed25519) between statements; more clients only lengthen the queue
 * for a pooled connection (the audit's 16 shard heads rarely meet: docs/adr/0011, measured).
 */
const CONCURRENCY = Number(process.env.TEGIN_BENCH_OPS_CLIENTS ?? 16);
const ROUNDS = 3;
const PER_ROUND = Number(process.env.TEGIN_BENCH_OPS_UNITS ?? 600);
const WARM_UP = 100;

interface Totals {
  units: number;
  ms: number;
  /** This process's CPU time (user + system) while the units ran. */
  cpuMs: number;
  /** The pool's server processes' CPU time, when the server runs on this machine. */
  serverMs: number | null;
}
const totals = (): Totals => ({ units: 0, ms: 0, cpuMs: 0, serverMs: 0 });

/**
 * The CPU time (ms) of the server processes behind the pool's connections, read from /proc:
 * null when the database runs elsewhere (or a connection was replaced meanwhile). Each
 * connection is held at once to learn its process id.
 */
async function serverCpu(db: SqlClient): Promise<() => number | null> {
  const pids: number[] = [];
  let release = () => {};
  const all = new Promise<void>((resolve) => (release = resolve));
  await Promise.all(
    Array.from({ length: OPS_POOL_CONNECTIONS }, () =>
      db.transaction(async (tx) => {
        const [row] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        pids.push(Number(row?.pid));
        if (pids.length === OPS_POOL_CONNECTIONS) release();
        await all;
      }),
    ),
  );
  const tick = 1000 / 100; // ms a clock tick (USER_HZ)
  return () => {
    try {
      return pids.reduce((sum, pid) => {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        return sum + (Number(fields[11]) + Number(fields[12])) * tick;
      }, 0);
    } catch {
      return null;
    }
  };
}

const add = (t: Totals, units: number, server: () => number | null, run: () => Promise<number>) =>
  (async () => {
    const cpu = process.cpuUsage();
    const serverBefore = server();
    const ms = await run();
    const used = process.cpuUsage(cpu);
    const serverAfter = server();
    t.units += units;
    t.ms += ms;
    t.cpuMs += (used.user + used.system) / 1000;
    t.serverMs =
      t.serverMs === null || serverBefore === null || serverAfter === null
        ? null
        : t.serverMs + serverAfter - serverBefore;
  })();
const cpuLine = (name: string, t: Totals) =>
  `${name}: node ${(t.cpuMs / t.units).toFixed(2)} ms CPU a unit, ${((100 * t.cpuMs) / t.ms).toFixed(0)}% of one core${t.serverMs === null ? '' : `; server ${(t.serverMs / t.units).toFixed(2)} ms CPU a unit`}`;
/** Node's and the server's CPU a unit: what a unit costs the machine, whatever else runs on it. */
const costOf = (t: Totals) => (t.serverMs === null ? null : (t.cpuMs + t.serverMs) / t.units);
const rate = (t: Totals) => (t.units * 1000) / t.ms;

function prescribeInput(w: World, patientId: string) {
  return {
    patientId,
    organisation: `${REGION}/P1`,
    icd10: w.item.icd10,
    product: { inn: w.item.inn },
    quantity: 2,
    unit: 'pack',
    dosing: 'as directed',
    daysOfSupply: 30,
    issuedOn: w.today,
  };
}

function dispenseInput(w: World, p: Prescription) {
  return {
    prescriptionId: p.id,
    pharmacy: `${REGION}/PH1`,
    quantity: p.quantity,
    lot: 'LOT-2026-0417',
    expiry: addDays(w.today, 400),
    dispensedOn: w.today,
    idempotencyKey: randomBytes(12).toString('base64url'),
  };
}

class Units {
  readonly dispensed = new Map<string, string>(); // dispense id → prescription id
  readonly failures: string[] = [];
  constructor(private readonly w: World) {}

  async issue(i: number, patientId: string, ops = this.w.ops): Promise<Prescription | null> {
    const doctor = this.w.doctors[i % this.w.doctors.length] as Actor;
    const issued = await ops.prescriptions.issue(doctor, prescribeInput(this.w, patientId), ctx);
    if (issued.ok) return issued.value;
    this.failures.push(`issue: ${JSON.stringify(issued.issues)}`);
    return null;
  }

  async dispense(i: number, p: Prescription, ops = this.w.ops): Promise<void> {
    const pharmacist = this.w.pharmacists[i % this.w.pharmacists.length] as Actor;
    const done = await ops.dispensing.dispense(pharmacist, dispenseInput(this.w, p), ctx);
    if (done.ok) this.dispensed.set(done.value.id, p.id);
    else this.failures.push(`dispense: ${JSON.stringify(done.issues)}`);
  }
}

/** Bare inserts of copies of real rows: `INSERT INTO bench_bare_<table> VALUES (…)`. */
async function bareInserts(db: SqlClient) {
  const sample = async (table: string, where: string) => {
    await db.query(`CREATE TABLE bench_bare_${table} AS SELECT * FROM ops_${table} WITH NO DATA`);
    const [row] = await db.query(`SELECT * FROM ops_${table} WHERE ${where} LIMIT 1`);
    if (!row) throw new Error(`no ${table} row to copy`);
    const columns = Object.keys(row);
    const sql = `INSERT INTO bench_bare_${table} (${columns.join(', ')})
      VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
    // `last`: the second insert of a transaction is sent with its COMMIT, as a dispense's write.
    return (tx: SqlClient, id: string, last = false) =>
      tx.query(
        sql,
        columns.map((c) => (c === 'id' || c === 'sequence' || c === 'seq' ? id : row[c])),
        { last },
      );
  };
  const dispense = await sample('dispenses', 'true');
  const prescription = await sample('prescriptions', 'true');
  const audit = await sample('audit', `action = 'dispense.record'`);
  let n = 1_000_000;
  return {
    /** The inserts through `on` (a counting client over the same pool). */
    on: (client: SqlClient) => ({
      dispense: () =>
        client.transaction(async (tx) => {
          await dispense(tx, String((n += 1)));
          await audit(tx, String(n), true);
        }),
      prescription: () =>
        client.transaction(async (tx) => {
          await prescription(tx, String((n += 1)));
          await audit(tx, String(n), true);
        }),
    }),
  };
}

async function sizes(db: SqlClient): Promise<string> {
  const size = async (table: string) => {
    const [row] = await db.query<{ n: string; b: string }>(
      `SELECT count(*) AS n, round(avg(pg_column_size(t.*))) AS b FROM ${table} t`,
    );
    return `${table} ${row?.b} B×${row?.n}`;
  };
  const tables = ['dispenses', 'prescriptions', 'audit'];
  return [
    ...(await Promise.all(tables.map((t) => size(`ops_${t}`)))),
    ...(await Promise.all(tables.map((t) => size(`bench_bare_${t}`)))),
  ].join(', ');
}

/** Every dispense there exactly once and in full; the audit chain verifies. */
async function check(w: World, units: Units, expected: number): Promise<boolean> {
  const db = w.storage.db;
  const ids = [...units.dispensed.keys()];
  const [once] = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM ops_dispenses WHERE id = ANY($1)',
    [ids],
  );
  const [all] = await db.query<{ n: string }>('SELECT count(*) AS n FROM ops_dispenses');
  const [partial] = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM ops_prescriptions p WHERE p.id = ANY($1) AND (p.dispensed <> p.quantity
       OR p.status <> 'completed' OR p.quantity <> (SELECT sum(d.quantity) FROM ops_dispenses d
       WHERE d.prescription_id = p.id))`,
    [[...units.dispensed.values()]],
  );
  const [audited] = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM ops_audit WHERE action = 'dispense.record' AND outcome = 'allowed'`,
  );
  const chain = await w.storage.verifyAuditChain();
  const ok =
    units.failures.length === 0 &&
    ids.length === expected &&
    Number(once?.n) === expected &&
    Number(all?.n) === expected &&
    Number(partial?.n) === 0 &&
    Number(audited?.n) === expected &&
    chain.ok;
  console.log(
    `CHECK ops ${ok ? 'ok' : 'FAILED'}: ${ids.length}/${expected} dispenses written, ${once?.n} found once by id, ${all?.n} rows in all, ${partial?.n} prescriptions not dispensed in full, ${audited?.n} audited, ${units.failures.length} refusals, audit chain ${chain.ok ? `verified, ${recordsOf(chain.head)} records in ${chain.head.shards.length} shards, ${chain.head.anchor.number} anchors` : `broken: ${chain.message}`}`,
  );
  for (const f of units.failures.slice(0, 3)) console.error(`  ${f}`);
  return ok;
}

async function profile(w: World, units: Units, patients: string[], prescriptions: Prescription[]) {
  const p = new Profile();
  const ops = serviceOn(new SqlOpsStorage('postgres', p.wrap(w.storage.db)), w.law, w.signer);
  const half = patients.length;
  let wall = await drive(CONCURRENCY, half, async (i) => {
    const issued = await units.issue(i, patients[i] as string, ops);
    if (issued) await units.dispense(i, issued, ops);
  });
  for (const l of p.report(half, wall)) console.log(l.replace('PROFILE', 'PROFILE pair'));
  const d = new Profile();
  const opsD = serviceOn(new SqlOpsStorage('postgres', d.wrap(w.storage.db)), w.law, w.signer);
  wall = await drive(CONCURRENCY, prescriptions.length, (i) =>
    units.dispense(i, prescriptions[i] as Prescription, opsD),
  );
  for (const l of d.report(prescriptions.length, wall)) {
    console.log(l.replace('PROFILE', 'PROFILE dispense'));
  }
  const rx = prescriptions[0] as Prescription;
  const facts = {
    region: REGION,
    date: w.today,
    birthDate: '1975-03-01',
    citizenship: 'KZ',
    servedIn: REGION,
    diagnoses: [{ code: w.item.icd10, registered: true, commission: [], verified: true }],
  };
  const iin = { iin: (adultIins().next().value as { iin: string }).iin };
  console.log(
    `PROFILE cpu: engine evaluate ${microsPerCall(() => w.law.evaluate(facts)).toFixed(0)} µs, Ed25519 sign ${microsPerCall(() => w.signer.sign(rx, iin)).toFixed(0)} µs, verify ${microsPerCall(() => w.signer.verify(rx, iin)).toFixed(0)} µs`,
  );
}

/** Runs the operations benchmark; false when the CHECK fails. */
export async function benchOps(
  line: Line,
  url: string,
  registry: Registry,
  version: string,
): Promise<boolean> {
  const profiling = process.env.TEGIN_BENCH_PROFILE === '1';
  const extra = profiling ? 200 : 0;
  const perKind = WARM_UP + ROUNDS * PER_ROUND + extra;
  const w = await buildWorld(url, registry, version, {
    patients: 2 * perKind,
    concurrency: CONCURRENCY,
    staff: 8,
  });
  try {
    console.log(
      `ops: ${REGION} item ${w.item.item} (${w.item.icd10}, ${w.item.inn}) asks for registration alone; ${CONCURRENCY} clients over ${OPS_POOL_CONNECTIONS} pooled connections, ${ROUNDS} rounds of ${PER_ROUND}`,
    );
    const units = new Units(w);
    const forPairs = w.patients.slice(0, perKind);
    // Prescriptions the dispense-only runs hand over, issued through the use case beforehand.
    const preIssued: Prescription[] = [];
    await drive(CONCURRENCY, perKind, async (i) => {
      const issued = await units.issue(i, w.patients[perKind + i] as string);
      if (issued) preIssued.push(issued);
    });
    const pair = async (i: number, ops = w.ops) => {
      const issued = await units.issue(i, forPairs[i] as string, ops);
      if (issued) await units.dispense(i, issued, ops);
    };
    await drive(CONCURRENCY, WARM_UP, (i) => pair(i));
    await drive(CONCURRENCY, WARM_UP, (i) => units.dispense(i, preIssued[i] as Prescription));
    // Each kind through its own counting client: the statements and transactions of a unit.
    const counts = {
      bareDispense: new StatementCount(),
      dispense: new StatementCount(),
      barePair: new StatementCount(),
      pair: new StatementCount(),
    };
    const opsCounted = (c: StatementCount) =>
      serviceOn(new SqlOpsStorage('postgres', c.wrap(w.storage.db)), w.law, w.signer);
    const opsDispense = opsCounted(counts.dispense);
    const opsPair = opsCounted(counts.pair);
    const bare = await bareInserts(w.storage.db);
    const bareDispense = bare.on(counts.bareDispense.wrap(w.storage.db));
    const barePair = bare.on(counts.barePair.wrap(w.storage.db));
    const t = {
      bareDispense: totals(),
      dispense: totals(),
      barePair: totals(),
      pair: totals(),
    };
    const server = await serverCpu(w.storage.db);
    for (let r = 0; r < ROUNDS; r++) {
      const from = WARM_UP + r * PER_ROUND;
      await add(t.bareDispense, PER_ROUND, server, () =>
        drive(CONCURRENCY, PER_ROUND, () => bareDispense.dispense()),
      );
      const d = (i: number) => units.dispense(i, preIssued[from + i] as Prescription, opsDispense);
      await add(t.dispense, PER_ROUND, server, () => drive(CONCURRENCY, PER_ROUND, d));
      const bp = async () => {
        await barePair.prescription();
        await barePair.dispense();
      };
      await add(t.barePair, PER_ROUND, server, () => drive(CONCURRENCY, PER_ROUND, bp));
      await add(t.pair, PER_ROUND, server, () =>
        drive(CONCURRENCY, PER_ROUND, (i) => pair(from + i, opsPair)),
      );
    }
    if (profiling) {
      const at = WARM_UP + ROUNDS * PER_ROUND;
      await profile(w, units, forPairs.slice(at), preIssued.slice(at));
    }
    const bareD = rate(t.bareDispense);
    const bareP = rate(t.barePair);
    const how = (c: StatementCount) =>
      `${CONCURRENCY} clients, ${OPS_POOL_CONNECTIONS} connections; ${c.perUnit(ROUNDS * PER_ROUND)}`;
    line('pg.bare-insert.dispense', bareD, 'tx/s', 1, 'pg.bare-insert', how(counts.bareDispense));
    line('pg.bare-insert.pair', bareP, 'pairs/s', 1, 'pg.bare-insert', how(counts.barePair));
    line(
      'ops.dispense',
      rate(t.dispense),
      'dispenses/s',
      rate(t.dispense) / bareD,
      'pg.bare-insert',
      how(counts.dispense),
    );
    line(
      'ops.prescribe+dispense',
      rate(t.pair),
      'pairs/s',
      rate(t.pair) / bareP,
      'pg.bare-insert',
      how(counts.pair),
    );
    line(
      'ops.prescribe+dispense',
      2 * rate(t.pair),
      'tx/s',
      rate(t.pair) / bareP,
      'pg.bare-insert',
    );
    for (const [name, kind] of Object.entries(t)) console.log(cpuLine(name, kind));
    const cost = (bare: Totals, unit: Totals) => {
      const [b, u] = [costOf(bare), costOf(unit)];
      return b === null || u === null ? 'not measured' : (b / u).toFixed(3);
    };
    console.log(
      `ops cost ratio (node + server CPU a unit, the bare one's over the unit's: the ratio on a machine with nothing else to run): dispense ${cost(t.bareDispense, t.dispense)}, prescribe+dispense ${cost(t.barePair, t.pair)}`,
    );
    console.log(`ops rows (avg size × count): ${await sizes(w.storage.db)}`);
    const expected = 2 * perKind;
    return await check(w, units, expected);
  } finally {
    await w.storage.close();
    await dropSchema(url, w.schema);
  }
}

// `node --import tsx bench/ops.ts`: this benchmark alone.
if (process.argv[1]?.endsWith('bench/ops.ts')) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL');
  const { readDataDir } = await import('../src/registry/load-files.ts');
  const { buildRegistry } = await import('../src/registry/build.ts');
  const { snapshotKey } = await import('../src/registry/cache.ts');
  const { line } = await import('./line.ts');
  const files = readDataDir();
  const ok = await benchOps(line, url, buildRegistry(files).registry, snapshotKey(files));
  if (!ok) process.exitCode = 1;
}
