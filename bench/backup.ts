/**
 * Backup and restore time, file size and JS heap peak on PostgreSQL for a generated dataset of
 * SIZE patients (about 11 rows each across the tables):
 *   node --expose-gc --import tsx bench/backup.ts 20000   (DATABASE_URL or the local test database)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { statSync } from 'node:fs';
import { fillDataset, KNOWN } from '../test/support/backup-dataset.ts';
import { openPostgresClient, dropSchema } from '../src/storage/postgres.ts';
import { writeBackup } from '../src/storage/backup/write.ts';
import { restoreBackup } from '../src/storage/backup/restore.ts';
const size = Number(process.argv[2]);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `tegin_measure_${size}`;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
// Sampled without collecting: a peak of heapUsed is an upper bound of what the work keeps.
let peak = 0;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 20);
const pg = await openPostgresClient(url, { schema });
try {
  await fillDataset(pg, size);
  gc();
  const base = process.memoryUsage().heapUsed;
  peak = base;
  const out = join(tmpdir(), `tegin-bench-${size}.tbk`);
  rmSync(out, { force: true });
  let t = performance.now();
  const s = await writeBackup(pg, out, { source: 'postgres', tegin: 'm' });
  const backupMs = performance.now() - t;
  const backupPeak = peak - base;
  gc();
  const base2 = process.memoryUsage().heapUsed;
  peak = base2;
  const target = await openPostgresClient(url, { schema: schema + '_r' });
  t = performance.now();
  const r = await restoreBackup(target, out, KNOWN);
  const restoreMs = performance.now() - t;
  const restorePeak = peak - base2;
  await target.close();
  await dropSchema(url, schema + '_r');
  console.log(
    JSON.stringify({
      size,
      rows: s.rows,
      bytes: statSync(out).size,
      backupMs: Math.round(backupMs),
      restoreMs: Math.round(restoreMs),
      ok: r.ok,
      backupHeapPeakMB: +(backupPeak / 1048576).toFixed(1),
      restoreHeapPeakMB: +(restorePeak / 1048576).toFixed(1),
    }),
  );
} finally {
  clearInterval(timer);
  await pg.close();
  await dropSchema(url, schema);
}
