/**
 * The storage contract on a PostgreSQL server: DATABASE_URL, or the local test database when
 * it answers (postgres-url.ts). Skipped, loudly, only when no server is reachable, and never
 * where TEGIN_REQUIRE_POSTGRES=1 (CI), where a skip is a failure.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { storageContract } from './contract.ts';
import { dropSchema, openPostgresStorage } from './postgres.ts';
import { postgresTarget } from './postgres-url.ts';

const target = await postgresTarget(process.env);
const required = process.env.TEGIN_REQUIRE_POSTGRES === '1';

if ('skip' in target) {
  process.stderr.write(
    `\n!!! PostgreSQL storage suite SKIPPED: ${target.skip}\n!!! Start PostgreSQL or set DATABASE_URL to run it (CI requires it).\n\n`,
  );
  describe('storage contract on PostgreSQL', () => {
    it('needs a PostgreSQL server', { skip: !required && target.skip }, () => {
      assert.fail(`TEGIN_REQUIRE_POSTGRES=1 but ${target.skip}`);
    });
  });
} else {
  const { url } = target;
  describe('storage contract on PostgreSQL', () => {
    const schema = `tegin_test_${randomBytes(4).toString('hex')}`;
    after(() => dropSchema(url, schema));
    storageContract(
      () => openPostgresStorage(url, { schema }),
      () => openPostgresStorage(url, { schema }),
    );
    it('ran against a real server', () => {
      console.log(`# storage contract ran on postgres (${schema}, from ${target.from})`);
    });
  });
}
