/**
 * Generates a national-size synthetic register (default 3,000,000 patients over the 20
 * regions, 12 months of prescriptions, dispenses and deferrals) in a PostgreSQL schema of its
 * own, with a progress bar on stderr. Resumable: run it again after a stop and it continues.
 * Synthetic bulk data written with set-based inserts, not through the use cases (see
 * scripts/national/load.ts). Drop the schema with --drop when done.
 *
 *   DATABASE_URL=postgres://… node --import tsx scripts/national-register.ts \
 *     [--patients 3000000] [--schema tegin_national] [--until 2026-11-30] [--drop]
 */
import { parseArgs } from 'node:util';
import { isoDate } from '../src/domain/date.ts';
import { openPostgresOpsStorage } from '../src/storage/ops/open.ts';
import { dropSchema } from '../src/storage/postgres.ts';
import { realData } from '../test/support/fixture.ts';
import { DEFAULT_UNTIL, generateNational, progressBar } from './national/generate.ts';

const { values } = parseArgs({
  options: {
    patients: { type: 'string', default: '3000000' },
    schema: { type: 'string', default: 'tegin_national' },
    until: { type: 'string', default: DEFAULT_UNTIL },
    drop: { type: 'boolean', default: false },
  },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL (PostgreSQL)');
if (!/^[a-z_][a-z0-9_]*$/.test(values.schema)) throw new Error('--schema: a lower-case identifier');
if (values.drop) {
  await dropSchema(url, values.schema);
  console.error(`dropped schema ${values.schema}`);
} else {
  const patients = Number(values.patients);
  if (!Number.isInteger(patients) || patients < 1)
    throw new Error('--patients: a positive integer');
  const started = Date.now();
  const storage = await openPostgresOpsStorage(url, values.schema);
  try {
    await storage.migrate();
    await generateNational({
      db: storage.db,
      registry: realData().registry,
      patients,
      until: isoDate(values.until),
      progress: progressBar(),
    });
    const [size] = await storage.db.query<{ bytes: string }>(
      `SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [values.schema],
    );
    const counts = await storage.db.query<{ t: string; n: string }>(
      `SELECT 'patients' t, count(*)::text n FROM ops_patients
       UNION ALL SELECT 'registrations', count(*)::text FROM ops_registrations
       UNION ALL SELECT 'decisions', count(*)::text FROM ops_commission_decisions
       UNION ALL SELECT 'prescriptions', count(*)::text FROM ops_prescriptions
       UNION ALL SELECT 'dispenses', count(*)::text FROM ops_dispenses
       UNION ALL SELECT 'deferrals', count(*)::text FROM ops_deferrals`,
    );
    console.log(
      `schema ${values.schema}: ${counts.map((c) => `${c.n} ${c.t}`).join(', ')}; ` +
        `${(Number(size?.bytes ?? 0) / 2 ** 30).toFixed(2)} GiB with indexes; ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    await storage.close();
  }
}
