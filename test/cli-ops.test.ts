/** `tegin orgs`, `users`, `audit` in-process on a temporary PGlite database. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../src/cli/main.ts';
import { openPgliteOpsStorage } from '../src/storage/ops/open.ts';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('tegin orgs, users, audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegin-ops-cli-'));
  const saved = { db: process.env.TEGIN_DB_DIR, url: process.env.DATABASE_URL };
  before(() => {
    process.env.TEGIN_DB_DIR = join(dir, 'db');
    delete process.env.DATABASE_URL;
  });
  after(() => {
    process.env.TEGIN_DB_DIR = saved.db;
    if (saved.db === undefined) delete process.env.TEGIN_DB_DIR;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    rmSync(dir, { recursive: true, force: true });
  });
  const names = [
    '--name-kk',
    '№1 емхана',
    '--name-ru',
    'Поликлиника №1',
    '--name-en',
    'Polyclinic No 1',
  ];

  it('adds and lists organisations; a bad field is exit 2 naming it', async () => {
    const added = await run(
      'orgs',
      'add',
      '--region',
      'KZ-27',
      '--code',
      'P1',
      '--kind',
      'polyclinic',
      ...names,
    );
    assert.deepEqual([added.code, added.out.trim()], [0, 'orgs add: KZ-27/P1 created']);
    const bad = await run(
      'orgs',
      'add',
      '--region',
      'KZ-27',
      '--code',
      'P2',
      '--kind',
      'shop',
      ...names,
    );
    assert.equal(bad.code, 2);
    assert.match(bad.err, /OPS_INPUT: kind:/);
    const missing = await run('orgs', 'add', '--region', 'KZ-27', '--kind', 'polyclinic');
    assert.deepEqual([missing.code, /--code is required/.test(missing.err)], [2, true]);
    const listed = await run('orgs', 'list', '--region', 'KZ-27', '--json');
    assert.deepEqual(
      JSON.parse(listed.out).map((o: { code: string }) => o.code),
      ['P1'],
    );
  });

  it('adds a user and prints the generated password once', async () => {
    const added = await run(
      'users',
      'add',
      '--username',
      'doc.one',
      '--name',
      'Doctor One',
      '--role',
      'doctor',
      '--region',
      'KZ-27',
      '--org',
      'KZ-27/P1',
    );
    assert.equal(added.code, 0);
    const password = /password \(shown once, not stored\): (\S+)/.exec(added.out)?.[1];
    assert.ok(password && password.length >= 24);
    const again = await run(
      'users',
      'add',
      '--username',
      'doc.one',
      '--name',
      'X',
      '--role',
      'doctor',
      '--region',
      'KZ-27',
      '--org',
      'KZ-27/P1',
    );
    assert.deepEqual([again.code, /OPS_CONFLICT/.test(again.err)], [2, true]);
  });

  it('mints a bearer token for a system account, printed once and audited without it', async () => {
    const minted = await run('users', 'token', 'doc.one', '--hours', '24');
    assert.equal(minted.code, 0, minted.err);
    const token = /token \(shown once, not stored\): (\S+)/.exec(minted.out)?.[1] ?? '';
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const unknown = await run('users', 'token', 'no.such');
    assert.deepEqual([unknown.code, /OPS_NOT_FOUND/.test(unknown.err)], [2, true]);
    const tooLong = await run('users', 'token', 'doc.one', '--hours', '9999');
    assert.deepEqual([tooLong.code, /--hours: expected 1 to 2160/.test(tooLong.err)], [2, true]);
    const storage = await openPgliteOpsStorage(process.env.TEGIN_DB_DIR);
    try {
      const records = await storage.auditPage(0, 10_000);
      assert.ok(!JSON.stringify(records).includes(token));
      const [last] = records.filter((r) => r.action === 'account.token');
      assert.deepEqual([last?.actorId, last?.outcome], ['operator:cli', 'allowed']);
    } finally {
      await storage.close();
    }
  });

  it('verifies the audit chain, and exits 3 naming the record when it is broken', async () => {
    const ok = await run('audit', 'verify');
    assert.equal(ok.code, 0);
    assert.match(ok.out, /audit verify: ok, \d+ record\(s\)/);
    const storage = await openPgliteOpsStorage(join(dir, 'db'));
    try {
      await storage.db.exec('ALTER TABLE ops_audit DISABLE TRIGGER ops_audit_append_only');
      await storage.db.exec("UPDATE ops_audit SET detail = 'edited' WHERE sequence = 1");
    } finally {
      await storage.close();
    }
    const broken = await run('audit', 'verify');
    assert.equal(broken.code, 3);
    assert.match(broken.out, /BROKEN at shard \d+ record 1 \(hash\)/);
  });

  it('tegin demo refuses a database that already has organisations, and bad flags, naming them', async () => {
    const refused = await run('demo');
    assert.equal(refused.code, 2);
    assert.match(refused.err, /already has organisations/);
    const date = await run('demo', '--until', '2026-02-30');
    assert.deepEqual([date.code, /--until:/.test(date.err)], [2, true]);
    const seed = await run('demo', '--seed', 'x');
    assert.deepEqual([seed.code, /--seed:/.test(seed.err)], [2, true]);
  });
});
