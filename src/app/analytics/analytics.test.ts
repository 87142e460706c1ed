/** The analytics contract on an in-memory PGlite database. */
import { describe } from 'node:test';
import { SqlOpsStorage } from '../../storage/ops/sql-ops-storage.ts';
import { blankPglite } from '../../../test/support/database.ts';
import { analyticsContract } from './analytics-contract.ts';

describe('analytics on a demo database (PGlite)', () => {
  analyticsContract(async () => new SqlOpsStorage('pglite', await blankPglite()));
});
