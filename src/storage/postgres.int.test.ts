/**
 * The storage contract on a PostgreSQL server (DATABASE_URL). Skipped without
 * one, except where TEGIN_REQUIRE_POSTGRES=1 (CI), where a skip is a failure.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { storageContract } from './contract.ts';
import { dropSchema, openPostgresStorage } from './postgres.ts';

const url = process.env.DATABASE_URL;
const required = process.env.TEGIN_REQUIRE_POSTGRES === '1';

if (!url) {
  describe('storage contract on PostgreSQL', () => {
    it('needs DATABASE_URL', { skip: !required && 'DATABASE_URL is not set' }, () => {
      assert.fail('TEGIN_REQUIRE_POSTGRES=1 but DATABASE_URL is not set');
    });
  });
} else {
  describe('storage contract on PostgreSQL', () => {
    const schema = `tegin_test_${randomBytes(4).toString('hex')}`;
    after(() => dropSchema(url, schema));
    storageContract(
      () => openPostgresStorage(url, { schema }),
      () => openPostgresStorage(url, { schema }),
    );
    it('ran against a real server', () => {
      console.log(`# storage contract ran on postgres (${schema})`);
    });
  });
}
