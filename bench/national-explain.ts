/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements the national analyses run, for one region of a
 * generated register (docs/scale.md shows these plans, trimmed):
 *   DATABASE_URL=… node --import tsx bench/national-explain.ts [schema] [region] [statement…]
 * Under the settings the storage sets (`ANALYTIC_SETTINGS`); TEGIN_EXPLAIN_DEFAULTS=1 leaves
 * the server's defaults, to compare.
 */
import { IMPACT_GROUPS, impactGroupsParams } from '../src/storage/analytics/impact-groups-sql.ts';
import { ANALYTICS_SQL, registerGroupsParams } from '../src/storage/ops/analytics-sql.ts';
import { openPostgresOpsStorage } from '../src/storage/ops/open.ts';
import { isoDate } from '../src/domain/date.ts';
import { ANALYTIC_SETTINGS, slicesOf } from '../src/storage/analytics/session.ts';

const [schema = 'tegin_national', region = 'KZ-27', ...only] = process.argv.slice(2);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const day = isoDate('2026-06-15');
const year = ['2026-01-01', '2026-11-30'];
const statements: [string, string, unknown[]][] = [
  // One slice of those PostgreSQL reads at once (the first of two), as the storage runs it.
  [
    'impact',
    IMPACT_GROUPS,
    impactGroupsParams(region, isoDate('2026-06-14'), day, false, slicesOf(2)[0]),
  ],
  [
    'register',
    ANALYTICS_SQL.registerGroups,
    registerGroupsParams(
      region,
      isoDate('2026-01-01'),
      isoDate('2026-12-31'),
      isoDate('2026-07-01'),
      slicesOf(2)[0],
    ),
  ],
  ['ledger', ANALYTICS_SQL.ledgerMonths, [region, ...year]],
  ['stock', ANALYTICS_SQL.outOfStock, [region, ...year, year[1]]],
];
const storage = await openPostgresOpsStorage(url, schema);
try {
  for (const [name, sql, params] of statements) {
    if (only.length > 0 && !only.includes(name)) continue;
    const rows = await storage.db.transaction(async (tx) => {
      if (process.env.TEGIN_EXPLAIN_DEFAULTS !== '1') await tx.exec(ANALYTIC_SETTINGS);
      return tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    });
    console.log(
      `\n── ${name} (${schema}, ${region})\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`,
    );
  }
} finally {
  await storage.close();
}
