import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe } from 'node:test';
import { storageContract } from './contract.ts';
import { openPgliteStorage } from './pglite.ts';

describe('storage contract on PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegin-pglite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  storageContract(
    () => openPgliteStorage(dir),
    () => openPgliteStorage(dir),
  );
});
