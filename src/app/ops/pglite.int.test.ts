import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe } from 'node:test';
import { clinicalRecordsContract } from './clinical-contract.ts';
import { opsStorageContract } from './contract.ts';
import { dispensingContract } from './dispensing-contract.ts';
import { openPgliteOpsStorage } from '../../storage/ops/open.ts';
import { SqlOpsStorage } from '../../storage/ops/sql-ops-storage.ts';
import { blankPglite } from '../../../test/support/database.ts';

describe('operations storage contract on PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegin-ops-pglite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  opsStorageContract(() => openPgliteOpsStorage(dir));
});

describe('clinical records on PGlite (in memory)', () => {
  clinicalRecordsContract(async () => new SqlOpsStorage('pglite', await blankPglite()));
});

describe('dispensing ledger contract on PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegin-disp-pglite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  dispensingContract(() => openPgliteOpsStorage(dir));
});
