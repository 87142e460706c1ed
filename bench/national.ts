/**
 * The analyses at national scale: impact of a list change and need/budget over the generated
 * national register (scripts/national-register.ts: 3,000,000 patients by default) in PostgreSQL,
 * each against a baseline measured in the same run — a plain `count(*)` over the tables the
 * analysis reads. Runs when DATABASE_URL is set and the schema holds a complete register, or
 * generates it first when TEGIN_BENCH_NATIONAL=1 (TEGIN_BENCH_NATIONAL_PATIENTS, default 3M);
 * otherwise prints one SKIP line saying why. TEGIN_BENCH_EXPLAIN=1 prints EXPLAIN ANALYZE of
 * the two grouped statements.
 *
 * Every analysis runs over every region tegin holds a list for (the others have no list to
 * evaluate against), three times; the line gives the median, the spread follows it.
 */
import { SqlAnalyticsStorage } from '../src/storage/analytics/analytics-sql.ts';
import { slicesFor, slicesOf } from '../src/storage/analytics/session.ts';
import { AnalyticsUseCases } from '../src/app/analytics/analytics.ts';
import { lawOf } from '../src/app/ops/law.ts';
import { argon2Hasher } from '../src/app/ops/password.ts';
import { diffFor } from '../src/app/queries.ts';
import { addDays, isoDate } from '../src/domain/date.ts';
import { Engine } from '../src/domain/engine.ts';
import { DEFAULT_LOGIN_POLICY } from '../src/ops/login.ts';
import { readReferenceDir } from '../src/registry/load-files.ts';
import { buildReference } from '../src/registry/reference.ts';
import type { Registry } from '../src/registry/registry.ts';
import { IMPACT_GROUPS, impactGroupsParams } from '../src/storage/analytics/impact-groups-sql.ts';
import { REGISTER_GROUPS, registerGroupsParams } from '../src/storage/ops/analytics-sql.ts';
import { openPostgresOpsStorage } from '../src/storage/ops/open.ts';
import { openPostgresClient } from '../src/storage/postgres.ts';
import type { SqlClient } from '../src/storage/sql-client.ts';
import {
  DEFAULT_UNTIL,
  generateNational,
  progressBar,
  regionsWithList,
} from '../scripts/national/generate.ts';

type Line = (name: string, value: number, unit: string, ratio: number, baseline: string) => void;

export const NATIONAL_SCHEMA = process.env.TEGIN_BENCH_NATIONAL_SCHEMA ?? 'tegin_national';
/** The day asked about: inside the ledger's 12 months. */
const DAY = isoDate('2026-06-15');
const YEAR = 2026;
const RUNS = 3;

async function registerSize(url: string): Promise<number | null> {
  // Looked up without opening the schema (opening creates it).
  const plain = await openPostgresClient(url);
  try {
    const [found] = await plain.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [
      `${NATIONAL_SCHEMA}.national_meta`,
    ]);
    if (!found?.t) return null;
  } finally {
    await plain.close();
  }
  const storage = await openPostgresOpsStorage(url, NATIONAL_SCHEMA);
  try {
    const rows = await storage.db.query<{ patients: number; chunks: string }>(
      `SELECT m.patients, (SELECT count(*) FROM national_progress)::text AS chunks
         FROM national_meta m`,
    );
    // A complete register: every patient batch and 3 × 256 ledger chunks, plus the items.
    const row = rows[0];
    if (!row) return null;
    return Number(row.chunks) === Math.ceil(row.patients / 20_000) + 1 + 3 * 256
      ? row.patients
      : null;
  } catch {
    return null;
  } finally {
    await storage.close();
  }
}

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push((performance.now() - start) / 1000);
  }
  return times.sort((a, b) => a - b);
}

const median = (xs: readonly number[]) => xs[Math.floor(xs.length / 2)] as number;
const spread = (xs: readonly number[]) =>
  `${xs.map((x) => x.toFixed(2)).join(' ')} s (min ${xs[0]?.toFixed(2)}, max ${xs.at(-1)?.toFixed(2)})`;

async function countAll(db: SqlClient, tables: readonly string[]): Promise<void> {
  for (const t of tables) await db.query(`SELECT count(*) FROM ${t}`);
}

export async function benchNational(line: Line, url: string, registry: Registry): Promise<boolean> {
  let patients = await registerSize(url);
  if (patients === null) {
    if (process.env.TEGIN_BENCH_NATIONAL !== '1') {
      console.log(
        `SKIP analytics.impact.3M, analytics.need.3M: no complete register in schema ${NATIONAL_SCHEMA} ` +
          '(generate it: scripts/national-register.ts, or set TEGIN_BENCH_NATIONAL=1)',
      );
      return true;
    }
    const storage = await openPostgresOpsStorage(url, NATIONAL_SCHEMA);
    try {
      await storage.migrate();
      await generateNational({
        db: storage.db,
        registry,
        patients: Number(process.env.TEGIN_BENCH_NATIONAL_PATIENTS ?? 3_000_000),
        progress: progressBar(),
      });
    } finally {
      await storage.close();
    }
    patients = await registerSize(url);
    if (patients === null) throw new Error('the national register is incomplete after generating');
  }
  const size = patients >= 1_000_000 ? `${Math.round(patients / 1_000_000)}M` : `${patients}`;
  const storage = await openPostgresOpsStorage(url, NATIONAL_SCHEMA);
  try {
    const db = storage.db;
    const law = lawOf({
      registry,
      engine: new Engine(registry),
      version: { contentHash: 'bench' },
    });
    const now = () => new Date(`${DEFAULT_UNTIL}T06:00:00Z`);
    const deps = {
      storage,
      hasher: argon2Hasher,
      policy: DEFAULT_LOGIN_POLICY,
      now,
      law: () => law,
    };
    const analytics = new AnalyticsUseCases(deps, {
      storage: new SqlAnalyticsStorage(db, slicesFor('postgres')),
      diff: (code, from, to) => {
        const region = registry.region(code);
        return region ? diffFor(registry, region, from, to) : null;
      },
    });
    const built = buildReference(readReferenceDir(), registry.medicines);
    const needDeps = { ...deps, reference: built.reference, today: () => DEFAULT_UNTIL };
    const ops = {
      analytics: new AnalyticsUseCases(needDeps, {
        storage: new SqlAnalyticsStorage(db, slicesFor('postgres')),
        diff: () => null,
      }),
    };
    const operator = { kind: 'operator' as const, name: 'bench' };
    const ctx = { requestId: null, purpose: 'bench' };
    const regions = regionsWithList(registry);
    let evaluated = 0;

    const impactTables = [
      'ops_attachments',
      'ops_patients',
      'ops_registrations',
      'ops_commission_decisions',
      'ops_prescriptions',
      'ops_dispenses',
    ];
    const impactBase = await timed(() => countAll(db, impactTables));
    const impact = await timed(async () => {
      evaluated = 0;
      for (const region of regions) {
        const r = await analytics.impact(operator, { region, date: DAY }, ctx);
        if (!r.ok || r.value.view !== 'aggregate') throw new Error(JSON.stringify(r));
        evaluated += r.value.impact.patients ?? 0;
      }
    });
    line(
      `analytics.impact.${size}`,
      median(impact),
      's',
      median(impact) / median(impactBase),
      `count(*) over ${impactTables.length} tables`,
    );
    console.log(
      `  impact: ${regions.join(', ')} on ${DAY}, ${evaluated} patients evaluated of ${patients}; ` +
        `runs ${spread(impact)}; count(*) runs ${spread(impactBase)}`,
    );

    const needTables = [...impactTables, 'ops_deferrals'];
    const needBase = await timed(() => countAll(db, needTables));
    const need = await timed(async () => {
      for (const region of regions) {
        const r = await ops.analytics.need(operator, { region, year: YEAR }, ctx);
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
      }
    });
    line(
      `analytics.need.${size}`,
      median(need),
      's',
      median(need) / median(needBase),
      `count(*) over ${needTables.length} tables`,
    );
    console.log(
      `  need: ${regions.join(', ')} ${YEAR}; runs ${spread(need)}; count(*) runs ${spread(needBase)}`,
    );

    if (process.env.TEGIN_BENCH_EXPLAIN === '1') {
      const region = regions[0] as string;
      const slice = slicesOf(slicesFor('postgres'))[0];
      const plans: [string, string, unknown[]][] = [
        // The first of the slices the storage reads at once.
        [
          'impact groups',
          IMPACT_GROUPS,
          impactGroupsParams(region, addDays(DAY, -1), DAY, false, slice),
        ],
        [
          'need: register groups',
          REGISTER_GROUPS,
          registerGroupsParams(
            region,
            isoDate(`${YEAR}-01-01`),
            isoDate(`${YEAR}-12-31`),
            isoDate(`${YEAR}-07-01`),
            slice,
          ),
        ],
      ];
      for (const [name, sql, params] of plans) {
        const rows = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`,
          params,
        );
        console.log(`\n── ${name} (${region})\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }
    return true;
  } finally {
    await storage.close();
  }
}
