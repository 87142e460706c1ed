/** The template clones of test/support/database.ts: a first start's state, and each its own. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { appliedMigrations, readMigrations } from '../../src/storage/migrate.ts';
import { OPS_MIGRATIONS } from '../../src/storage/ops/sql-ops-storage.ts';
import { loadedDatabase } from './database.ts';

const tableNamed = async (database: Awaited<ReturnType<typeof loadedDatabase>>, name: string) =>
  (
    await database.client.query<{ name: string | null }>('SELECT to_regclass($1)::text AS name', [
      name,
    ])
  )[0]?.name ?? null;

it('a clone starts as a first start leaves a database, and is its own: the next clone sees none of its writes', async () => {
  const first = await loadedDatabase();
  try {
    const all = [...readMigrations(), ...readMigrations(OPS_MIGRATIONS)].map((m) => m.id);
    assert.deepEqual(
      await appliedMigrations(first.client),
      all.sort((a, b) => a - b),
    );
    assert.equal((await first.storage.currentVersion())?.id, 1);
    assert.deepEqual(await first.storage.migrate(), []);
    assert.deepEqual(await first.ops.migrate(), []);
    await first.client.exec('CREATE TABLE written_in_the_first (n integer)');
    assert.equal(await tableNamed(first, 'written_in_the_first'), 'written_in_the_first');
  } finally {
    await first.close();
  }
  const second = await loadedDatabase();
  try {
    assert.equal(await tableNamed(second, 'written_in_the_first'), null);
    assert.equal((await second.storage.currentVersion())?.id, 1);
  } finally {
    await second.close();
  }
});
