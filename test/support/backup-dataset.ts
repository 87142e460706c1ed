/**
 * A database for the backup tests, written straight in SQL after the migrations: every tegin
 * table gets rows, with the awkward values a backup must carry unchanged (NULLs, jsonb, text
 * arrays, microsecond timestamps, Kazakh and Russian text, quotes, backslashes and newlines, two
 * commission decisions pointing at each other, identity columns) and an audit chain that
 * verifies. `size` scales patients, prescriptions and audit records.
 */
import { extendShard, shardOf, type AuditRecord, type ShardHead } from '../../src/ops/audit.ts';
import { migrate, readMigrations, type Migration } from '../../src/storage/migrate.ts';
import { anchorAuditIn, sha256 } from '../../src/storage/ops/audit-sql.ts';
import { OPS_MIGRATIONS } from '../../src/storage/ops/sql-ops-storage.ts';
import type { SqlClient } from '../../src/storage/sql-client.ts';

/** Every migration this tegin knows, registry's and operations'. */
export const KNOWN: Migration[] = [...readMigrations(), ...readMigrations(OPS_MIGRATIONS)];

export async function migrateAll(db: SqlClient): Promise<void> {
  await migrate(db);
  await migrate(db, readMigrations(OPS_MIGRATIONS));
}

export async function fillDataset(db: SqlClient, size: number): Promise<void> {
  await migrateAll(db);
  await db.transaction(async (tx) => {
    await tx.exec(`
      INSERT INTO registry_versions (id, content_hash, loaded_at, file_count, note) VALUES
        (1, 'aa', '2026-01-02 03:04:05.123456+00', 2, NULL),
        (2, 'bb', '2026-02-03 04:05:06.5+05', 2, 'a note with ''quotes'', "double", \\ and
      a newline');
      INSERT INTO file_blobs (sha256, body) VALUES ('s1', 'Тізім: «дәрілер»'), ('s2', repeat('x', 5000));
      INSERT INTO registry_files (version_id, path, sha256) VALUES
        (1, 'KZ-27/acts/a.yaml', 's1'), (1, 'KZ-27/lists/b.yaml', 's2'), (2, 'KZ-27/acts/a.yaml', 's2');
      INSERT INTO list_items SELECT 1, 'KZ-27', 'act', '1', 'e1', 's' || (i % 7), 'disease', i::text,
          'in_force', CASE WHEN i % 3 = 0 THEN NULL ELSE 'Қант диабеті ' || i END,
          ARRAY['E10', 'E11.' || i], ARRAY['insulin', 'with "quote", comma'], ARRAY[]::text[]
        FROM generate_series(1, ${Math.max(10, size)}) i;
      INSERT INTO ops_organisations VALUES
        ('KZ-27/P1', 'KZ-27', 'P1', 'polyclinic', '№1 емхана', 'Поликлиника №1', 'Polyclinic No 1'),
        ('KZ-27/H1', 'KZ-27', 'H1', 'hospital_with_commission', 'Аурухана', 'Больница', 'Hospital'),
        ('KZ-27/A1', 'KZ-27', 'A1', 'pharmacy', 'Дәріхана', 'Аптека', 'Pharmacy');
      INSERT INTO ops_accounts VALUES
        ('u-doc', 'doc', 'Dr Ә', '$argon2id$v=19$m=19456,t=2,p=1$salt$hash', 0, NULL, '2026-01-01 00:00:00.000001+00'),
        ('u-ph', 'ph', 'Pharm', '$argon2id$x', 2, '2026-03-01 10:00:00+00', '2026-01-01 00:00:00+00');
      INSERT INTO ops_role_grants VALUES ('u-doc', 'doctor', 'KZ-27', 'KZ-27/P1'),
        ('u-doc', 'commission_member', 'KZ-27', 'KZ-27/H1'), ('u-ph', 'pharmacist', 'KZ-27', 'KZ-27/A1'),
        ('u-ph', 'auditor', 'KZ-27', NULL);
      INSERT INTO ops_sessions VALUES ('t1', 'u-doc', '2026-01-01 00:00:00+00', '2026-01-02 00:00:00+00', NULL),
        ('t2', 'u-ph', '2026-01-01 00:00:00+00', '2026-01-02 00:00:00+00', '2026-01-01 05:00:00+00');
      INSERT INTO ops_patients SELECT 'p-' || i, lpad(i::text, 12, '0'), 'Әбенов', 'Ғалым',
          CASE WHEN i % 2 = 0 THEN NULL ELSE 'Қайратұлы' END, date '1950-01-01' + i % 20000,
          CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END, 'KZ'
        FROM generate_series(1, ${size}) i;
      INSERT INTO ops_patient_codes VALUES ('c1', 'p-1', 'hmac1', '2026-01-01 00:00:00+00',
          '2026-01-01 00:10:00+00', 1, '2026-01-01 00:02:00+00'),
        ('c2', 'p-2', 'hmac2', '2026-01-01 00:00:00+00', '2026-01-01 00:10:00+00', 0, NULL);
      INSERT INTO ops_patient_sessions VALUES ('pt1', 'p-1', '2026-01-01 00:02:00+00',
          '2026-01-01 00:32:00+00', NULL);
      INSERT INTO ops_attachments SELECT 'p-' || i, 'KZ-27/P1', date '2025-01-01', date '2025-06-01'
        FROM generate_series(1, ${size}) i;
      INSERT INTO ops_attachments SELECT 'p-' || i, 'KZ-27/P1', date '2025-06-01', NULL
        FROM generate_series(1, ${size}) i;
      INSERT INTO ops_registrations SELECT 'r-' || i, 'p-' || i, 'E11', 'KZ-27/P1', 'u-doc', date '2025-02-01',
          CASE WHEN i % 5 = 0 THEN date '2025-09-01' END, 'basis ' || i, i % 2 = 0,
          CASE WHEN i % 5 = 0 THEN 'recovered' END, NULL, CASE WHEN i % 5 = 0 THEN 'u-doc' END
        FROM generate_series(1, ${size}) i;
      INSERT INTO ops_commission_decisions VALUES
        ('d-1', 'p-1', 'KZ-27/H1', '12', '2025-03-01', 'E11', '["insulin"]', '2025-03-01', NULL, NULL, NULL, 'u-doc'),
        ('d-0', 'p-1', 'KZ-27/H1', '13', '2025-04-01', 'E11', '{"b": [1, 2.50], "a": null}', '2025-04-01', '2026-04-01', NULL, NULL, 'u-doc');
      UPDATE ops_commission_decisions SET revokes = 'd-1' WHERE id = 'd-0';
      UPDATE ops_commission_decisions SET revoked_by = 'd-0' WHERE id = 'd-1';
      INSERT INTO ops_prescriptions SELECT 'rx-' || i, 'KZ-27-2025-' || i, 'KZ-27', 'p-' || i, 'KZ-27/P1', 'u-doc',
          'E11', 'insulin', '{"inn": "insulin", "name": "Инсулин"}', 10, 'vial', 'as directed', 30, true,
          date '2025-05-01', date '2025-05-01', date '2025-06-01', date '2025-05-30',
          '{"citation": {"act": "x", "item": "1"}}', '{"alg": "Ed25519", "sig": "AbC=="}',
          CASE WHEN i % 3 = 0 THEN 'cancelled' ELSE 'active' END, 4,
          CASE WHEN i % 3 = 0 THEN timestamptz '2025-05-02 01:02:03.456789+00' END,
          CASE WHEN i % 3 = 0 THEN 'u-doc' END, CASE WHEN i % 3 = 0 THEN 'error' END,
          timestamptz '2025-05-01 00:00:00+00' + i * interval '1 second'
        FROM generate_series(1, ${size}) i;
      INSERT INTO ops_dispenses (id, prescription_id, pharmacy, pharmacist, quantity, lot, expiry,
          dispensed_on, at, basis, remaining, registry_version, policy)
        SELECT 'x-' || i, 'rx-' || i, 'KZ-27/A1', 'u-ph', 4, 'LOT' || i, date '2027-01-01', date '2025-05-02',
          timestamptz '2025-05-02 05:00:00+00', '{}', 6, 'v1', CASE WHEN i % 4 = 0 THEN '{"policy": 1}'::jsonb END
        FROM generate_series(1, ${size}) i;
      INSERT INTO ops_deferrals (id, prescription_id, pharmacy, pharmacist, recorded_on, urgent, due_on,
          due_rule, status, served_by)
        SELECT 'f-' || i, 'rx-' || i, 'KZ-27/A1', 'u-ph', date '2025-05-01', false, date '2025-05-11',
          '{"days": 10}', 'served', 'x-' || i
        FROM generate_series(1, ${Math.ceil(size / 10)}) i;
      INSERT INTO ops_idempotency VALUES ('u-doc', 'issue', 'k1', 'h', '{"status": 201}', '2025-05-01 00:00:00+00');
    `);
    await appendChain(tx, size * 4);
  });
}

/**
 * Appends `count` audit records to the shards their subjects pick (batched), under every shard
 * head's lock, moves the stored heads and writes an anchor, as appends would.
 */
export async function appendChain(tx: SqlClient, count: number): Promise<void> {
  const locked = await tx.query<{ shard: number; position: string; hash: string; shards: number }>(
    `SELECT h.shard, h.position, h.hash, l.shards FROM ops_audit_heads h, ops_audit_layout l
     ORDER BY h.shard FOR UPDATE OF h`,
  );
  const heads: ShardHead[] = locked.map((h) => ({
    shard: Number(h.shard),
    position: Number(h.position),
    hash: h.hash,
  }));
  const shards = Number(locked[0]?.shards);
  let last = '';
  for (let done = 0; done < count;) {
    const [drawn] = await tx.query<{ ids: string[] }>(
      `SELECT array_agg(nextval('ops_audit_sequence_seq')::text) AS ids
       FROM generate_series(1, $1)`,
      [Math.min(500, count - done)],
    );
    const rows: AuditRecord[] = [];
    for (const id of drawn?.ids ?? []) {
      const n = Number(id);
      const entry = {
        at: new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString(),
        actorId: 'u-doc',
        role: 'doctor',
        organisation: 'KZ-27/P1',
        action: n % 2 ? 'patient.read' : 'prescription.issue',
        patientRef: n % 3 ? `p-${n}` : null,
        purpose: 'treatment',
        requestId: `req-${n}`,
        outcome: n % 7 ? ('allowed' as const) : ('refused' as const),
        detail: n % 5 ? null : 'OPS_NOT_ENTITLED',
      };
      const shard = shardOf(sha256, entry, shards);
      const record = extendShard(sha256, heads[shard] as ShardHead, n, entry);
      heads[shard] = { shard, position: record.position, hash: record.hash };
      rows.push(record);
      last = record.at;
      done++;
    }
    await tx.query(
      `INSERT INTO ops_audit (sequence, shard, position, at, actor_id, role, organisation, action,
         patient_ref, purpose, request_id, outcome, detail, prev_hash, hash)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(sequence bigint, shard smallint,
         position bigint, at text, actor_id text, role text, organisation text, action text,
         patient_ref text, purpose text, request_id text, outcome text, detail text,
         prev_hash text, hash text)`,
      [
        JSON.stringify(
          rows.map((r) => ({
            sequence: r.sequence,
            shard: r.shard,
            position: r.position,
            at: r.at,
            actor_id: r.actorId,
            role: r.role,
            organisation: r.organisation,
            action: r.action,
            patient_ref: r.patientRef,
            purpose: r.purpose,
            request_id: r.requestId,
            outcome: r.outcome,
            detail: r.detail,
            prev_hash: r.prevHash,
            hash: r.hash,
          })),
        ),
      ],
    );
  }
  await tx.query(
    `UPDATE ops_audit_heads h SET position = r.position, hash = r.hash
     FROM jsonb_to_recordset($1::jsonb) AS r(shard smallint, position bigint, hash text)
     WHERE h.shard = r.shard`,
    [JSON.stringify(heads)],
  );
  if (last) await anchorAuditIn(tx, last);
}

/**
 * Every table of the current schema, row by row in a fixed order, as JSON text — read without
 * the backup's own code (row_to_json, not its canonical reader), so a round trip is judged by
 * something it did not write.
 */
export async function snapshotTables(db: SqlClient): Promise<Map<string, string[]>> {
  return db.transaction(async (tx) => {
    await tx.exec("SET LOCAL TimeZone = 'UTC'");
    const tables = await tx.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const snapshot = new Map<string, string[]>();
    for (const { name } of tables) {
      if (name === 'schema_migrations') continue;
      const rows = await tx.query<{ r: string }>(
        `SELECT row_to_json(t)::text AS r FROM "${name}" t ORDER BY row_to_json(t)::text COLLATE "C"`,
      );
      snapshot.set(
        name,
        rows.map((row) => row.r),
      );
    }
    return snapshot;
  });
}
