/**
 * Backup and restore across PGlite and PostgreSQL (DATABASE_URL, or the local test database):
 * round trips both ways leave every table identical, and a backup taken while a writer appends
 * to the audit chain is one consistent snapshot. Skipped, loudly, only when no server is
 * reachable, and never where TEGIN_REQUIRE_POSTGRES=1 (CI).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import {
  appendChain,
  fillDataset,
  KNOWN,
  snapshotTables,
} from '../../../test/support/backup-dataset.ts';
import { auditHead } from '../ops/audit-sql.ts';
import { verifyAuditChainIn } from '../ops/audit-walk.ts';
import { blankPglite } from '../../../test/support/database.ts';
import { dropSchema, openPostgresClient } from '../postgres.ts';
import { postgresTarget } from '../postgres-url.ts';
import { restoreBackup } from './restore.ts';
import { writeBackup } from './write.ts';

const target = await postgresTarget(process.env);
const required = process.env.TEGIN_REQUIRE_POSTGRES === '1';

if ('skip' in target) {
  process.stderr.write(`\n!!! PostgreSQL backup suite SKIPPED: ${target.skip}\n\n`);
  describe('db backup and restore on PostgreSQL', () => {
    it('needs a PostgreSQL server', { skip: !required && target.skip }, () => {
      assert.fail(`TEGIN_REQUIRE_POSTGRES=1 but ${target.skip}`);
    });
  });
} else {
  const { url } = target;
  describe('db backup and restore on PostgreSQL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegin-backup-pg-'));
    const schemas: string[] = [];
    const pgClient = (connections = 4) => {
      const schema = `tegin_backup_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      return openPostgresClient(url, { schema, maxConnections: connections });
    };
    after(async () => {
      for (const schema of schemas) await dropSchema(url, schema);
      rmSync(dir, { recursive: true, force: true });
    });

    it('PGlite → PostgreSQL → PGlite: every table identical row by row, the chain verifies', async () => {
      const pglite = await blankPglite();
      const pg = await pgClient();
      const back = await blankPglite();
      try {
        await fillDataset(pglite, 200);
        const expected = await snapshotTables(pglite);
        await writeBackup(pglite, join(dir, 'a.tbk'), { source: 'pglite', tegin: 'test' });
        const there = await restoreBackup(pg, join(dir, 'a.tbk'), KNOWN);
        assert.ok(there.ok, JSON.stringify(there));
        assert.deepEqual(await snapshotTables(pg), expected);
        assert.deepEqual(await verifyAuditChainIn(pg), { ok: true, head: await auditHead(pglite) });

        await writeBackup(pg, join(dir, 'b.tbk'), { source: 'postgres', tegin: 'test' });
        const home = await restoreBackup(back, join(dir, 'b.tbk'), KNOWN);
        assert.ok(home.ok, JSON.stringify(home));
        assert.deepEqual(await snapshotTables(back), expected);
        assert.equal((await verifyAuditChainIn(back)).ok, true);
        // The same rows give the same bytes from either server: the files differ only in the header.
        const body = (f: string) =>
          gunzipSync(readFileSync(join(dir, f)))
            .toString('utf8')
            .split('\n')
            .slice(1)
            .join('\n');
        assert.equal(body('b.tbk'), body('a.tbk'));
      } finally {
        await Promise.all([pglite.close(), pg.close(), back.close()]);
      }
    });

    it('refuses a non-empty PostgreSQL target and leaves it unchanged', async () => {
      const source = await blankPglite();
      const pg = await pgClient();
      try {
        await fillDataset(source, 20);
        await writeBackup(source, join(dir, 'c.tbk'), { source: 'pglite', tegin: 'test' });
        await fillDataset(pg, 5);
        const before = await snapshotTables(pg);
        const result = await restoreBackup(pg, join(dir, 'c.tbk'), KNOWN);
        assert.equal(result.ok ? 'restored' : result.code, 'BACKUP_TARGET_NOT_EMPTY');
        assert.deepEqual(await snapshotTables(pg), before);
      } finally {
        await Promise.all([source.close(), pg.close()]);
      }
    });

    it('a backup taken while a writer appends is one snapshot: its chain verifies, its counts match its header', async () => {
      const pg = await pgClient(4);
      const restored = await blankPglite();
      try {
        await fillDataset(pg, 1500);
        let writing = true;
        let appended = 0;
        const writer = (async () => {
          while (writing) {
            await pg.transaction(async (tx) => {
              await appendChain(tx, 5);
              await tx.query(
                `INSERT INTO ops_patients VALUES ($1, $2, 'W', 'W', NULL, '1990-01-01', 'male', 'KZ')`,
                [`w-${appended}`, `w${String(appended).padStart(11, '0')}`],
              );
            });
            appended++;
          }
        })();
        await new Promise((r) => setTimeout(r, 200));
        const startedAt = appended;
        const summary = await writeBackup(pg, join(dir, 'live.tbk'), {
          source: 'postgres',
          tegin: 'test',
        });
        const endedAt = appended;
        writing = false;
        await writer;
        assert.ok(
          endedAt > startedAt,
          `the writer wrote during the backup (${startedAt} → ${endedAt})`,
        );

        const header = JSON.parse(
          gunzipSync(readFileSync(join(dir, 'live.tbk')))
            .toString('utf8')
            .split('\n', 1)[0] ?? '',
        ) as { tables: { name: string; rows: number }[] };
        assert.deepEqual(
          header.tables.map((t) => [t.name, t.rows]),
          summary.tables.map((t) => [t.name, t.rows]),
        );
        const result = await restoreBackup(restored, join(dir, 'live.tbk'), KNOWN);
        assert.ok(result.ok, JSON.stringify(result));
        assert.equal((await verifyAuditChainIn(restored)).ok, true);
        const rows = (name: string) => summary.tables.find((t) => t.name === name)?.rows;
        assert.equal(result.summary.auditRecords, rows('ops_audit'));
        assert.ok(
          (rows('ops_audit') ?? 0) < (await auditHead(pg)).sequence,
          'later appends are not in it',
        );
      } finally {
        await Promise.all([pg.close(), restored.close()]);
      }
    });
  });
}
