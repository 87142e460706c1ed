/** The analytics contract on an in-memory PGlite database. */
import { describe } from 'node:test';
import { openPgliteOpsStorage } from '../../storage/ops/open.ts';
import { analyticsContract } from './analytics-contract.ts';

describe('analytics on a demo database (PGlite)', () => {
  analyticsContract(() => openPgliteOpsStorage());
});
