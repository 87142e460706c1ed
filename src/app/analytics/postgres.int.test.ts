/**
 * The analytics contract on a PostgreSQL server (DATABASE_URL), in a schema of its own dropped
 * after. Skipped without one, except where TEGIN_REQUIRE_POSTGRES=1: there a skip fails.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { dropSchema } from '../../storage/postgres.ts';
import { openPostgresOpsStorage } from '../../storage/ops/open.ts';
import { analyticsContract } from './analytics-contract.ts';

const url = process.env.DATABASE_URL;
const required = process.env.TEGIN_REQUIRE_POSTGRES === '1';

describe('analytics on a demo database (PostgreSQL)', () => {
  if (!url) {
    it('needs DATABASE_URL', { skip: !required && 'DATABASE_URL is not set' }, () => {
      assert.fail('TEGIN_REQUIRE_POSTGRES=1 but DATABASE_URL is not set');
    });
    return;
  }
  const schema = `tegin_analytics_test_${randomBytes(4).toString('hex')}`;
  after(() => dropSchema(url, schema));
  analyticsContract(() => openPostgresOpsStorage(url, schema));
});
