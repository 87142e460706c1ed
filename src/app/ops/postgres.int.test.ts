/**
 * The operations contract on a PostgreSQL server (DATABASE_URL). Skipped
 * without one, except where TEGIN_REQUIRE_POSTGRES=1 (CI): there a skip fails.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { dropSchema } from '../../storage/postgres.ts';
import { clinicalRecordsContract } from './clinical-contract.ts';
import { opsStorageContract } from './contract.ts';
import { dispensingContract } from './dispensing-contract.ts';
import { openPostgresOpsStorage } from '../../storage/ops/open.ts';

const url = process.env.DATABASE_URL;
const required = process.env.TEGIN_REQUIRE_POSTGRES === '1';

if (!url) {
  describe('operations storage contract on PostgreSQL', () => {
    it('needs DATABASE_URL', { skip: !required && 'DATABASE_URL is not set' }, () => {
      assert.fail('TEGIN_REQUIRE_POSTGRES=1 but DATABASE_URL is not set');
    });
  });
} else {
  describe('operations storage contract on PostgreSQL', () => {
    const schema = `tegin_ops_test_${randomBytes(4).toString('hex')}`;
    after(() => dropSchema(url, schema));
    opsStorageContract(() => openPostgresOpsStorage(url, schema));
    it('ran against a real server', () => {
      console.log(`# operations contract ran on postgres (${schema})`);
    });
  });
  describe('clinical records on PostgreSQL', () => {
    const schema = `tegin_rx_test_${randomBytes(4).toString('hex')}`;
    after(() => dropSchema(url, schema));
    clinicalRecordsContract(() => openPostgresOpsStorage(url, schema));
  });
  describe('dispensing ledger contract on PostgreSQL', () => {
    const schema = `tegin_disp_test_${randomBytes(4).toString('hex')}`;
    after(() => dropSchema(url, schema));
    dispensingContract(() => openPostgresOpsStorage(url, schema));
  });
}
