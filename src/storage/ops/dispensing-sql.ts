/**
 * The dispensing ledger on SQL (PGlite and PostgreSQL alike). Exactly once: a write first
 * claims its idempotency key by inserting the key's row (a concurrent claim of the same key
 * waits on the primary key until the first transaction ends), then locks the prescription row
 * `FOR UPDATE`, so what is left is recomputed by one writer at a time; the dispense, the
 * prescription's new state, the served deferral, the key's answer and the audit record commit
 * together. A refusal gives the key back (its row is deleted in the same transaction).
 */
import type { IsoDate } from '../../domain/date.ts';
import type {
  AppliedParameter,
  Deferral,
  DeferralDueRule,
  Dispense,
  DispenseBasis,
  Prescription,
} from '../../ops/clinical.ts';
import type { SqlClient } from '../sql-client.ts';
import { appendAuditIn } from './audit-sql.ts';
import type {
  DispensingStorage,
  IdempotentWrite,
  LockedPrescription,
  WriteOutcome,
} from './dispensing-port.ts';
import { PRESCRIPTION_COLUMNS, toPrescription, type PrescriptionRow } from './prescription-row.ts';
import { day, iso, json } from './rows.ts';

/** A value for a `jsonb` parameter. */
const jsonb = (v: unknown): string => JSON.stringify(v);

interface DispenseRow extends Record<string, unknown> {
  id: string;
  prescription_id: string;
  pharmacy: string;
  pharmacist: string;
  quantity: number;
  lot: string;
  expiry: string;
  dispensed_on: string;
  at: unknown;
  basis: unknown;
  remaining: number;
  registry_version: string;
  policy: unknown;
  served_deferral: string | null;
}

const DISPENSE_SELECT = `SELECT d.id, d.prescription_id, d.pharmacy, d.pharmacist, d.quantity, d.lot,
  d.expiry::text AS expiry, d.dispensed_on::text AS dispensed_on, d.at, d.basis, d.remaining,
  d.registry_version, d.policy,
  (SELECT f.id FROM ops_deferrals f WHERE f.served_by = d.id) AS served_deferral
  FROM ops_dispenses d`;

const toDispense = (r: DispenseRow): Dispense => ({
  id: r.id,
  prescriptionId: r.prescription_id,
  pharmacy: r.pharmacy,
  pharmacist: r.pharmacist,
  quantity: Number(r.quantity),
  lot: r.lot,
  expiry: day(r.expiry),
  dispensedOn: day(r.dispensed_on),
  at: iso(r.at),
  basis: json<DispenseBasis>(r.basis),
  remaining: Number(r.remaining),
  registryVersion: r.registry_version,
  policy: json<AppliedParameter | null>(r.policy),
  servedDeferral: r.served_deferral,
});

interface DeferralRow extends Record<string, unknown> {
  id: string;
  prescription_id: string;
  pharmacy: string;
  pharmacist: string;
  recorded_on: string;
  urgent: boolean;
  due_on: string;
  due_rule: unknown;
  status: Deferral['status'];
  served_by: string | null;
}

const DEFERRAL_SELECT = `SELECT id, prescription_id, pharmacy, pharmacist,
  recorded_on::text AS recorded_on, urgent, due_on::text AS due_on, due_rule, status, served_by
  FROM ops_deferrals`;

const toDeferral = (r: DeferralRow): Deferral => ({
  id: r.id,
  prescriptionId: r.prescription_id,
  pharmacy: r.pharmacy,
  pharmacist: r.pharmacist,
  recordedOn: day(r.recorded_on),
  urgent: r.urgent,
  dueOn: day(r.due_on),
  dueRule: json<DeferralDueRule>(r.due_rule),
  status: r.status,
  servedBy: r.served_by,
});

async function dispenseById(db: SqlClient, id: string): Promise<Dispense | null> {
  const [row] = await db.query<DispenseRow>(`${DISPENSE_SELECT} WHERE d.id = $1`, [id]);
  return row ? toDispense(row) : null;
}

async function deferralById(db: SqlClient, id: string): Promise<Deferral | null> {
  const [row] = await db.query<DeferralRow>(`${DEFERRAL_SELECT} WHERE id = $1`, [id]);
  return row ? toDeferral(row) : null;
}

async function openDeferralIn(db: SqlClient, prescriptionId: string): Promise<Deferral | null> {
  const [row] = await db.query<DeferralRow>(
    `${DEFERRAL_SELECT} WHERE prescription_id = $1 AND status = 'open'`,
    [prescriptionId],
  );
  return row ? toDeferral(row) : null;
}

export class SqlDispensingStorage implements DispensingStorage {
  constructor(private readonly db: SqlClient) {}

  async patientIdByIin(iin: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }>(
      'SELECT id FROM ops_patients WHERE iin = $1',
      [iin],
    );
    return row?.id ?? null;
  }

  async dispensablePrescriptions(
    patientId: string,
    region: string,
    on: IsoDate,
  ): Promise<Prescription[]> {
    const rows = await this.db.query<PrescriptionRow>(
      `SELECT ${PRESCRIPTION_COLUMNS} FROM ops_prescriptions
       WHERE patient_id = $1 AND region = $2 AND status = 'active'
         AND valid_from <= $3 AND valid_to >= $3 AND dispensed < quantity
       ORDER BY issued_on, number`,
      [patientId, region, on],
    );
    return rows.map(toPrescription);
  }

  openDeferral(prescriptionId: string): Promise<Deferral | null> {
    return openDeferralIn(this.db, prescriptionId);
  }

  async dispenses(prescriptionId: string): Promise<Dispense[]> {
    const rows = await this.db.query<DispenseRow>(
      `${DISPENSE_SELECT} WHERE d.prescription_id = $1 ORDER BY d.seq`,
      [prescriptionId],
    );
    return rows.map(toDispense);
  }

  async dispensesOfPharmacy(pharmacy: string, day: IsoDate): Promise<Dispense[]> {
    const rows = await this.db.query<DispenseRow>(
      `${DISPENSE_SELECT} WHERE d.pharmacy = $1 AND d.dispensed_on = $2 ORDER BY d.seq`,
      [pharmacy, day],
    );
    return rows.map(toDispense);
  }

  async deferralsOfPharmacy(pharmacy: string, day: IsoDate): Promise<Deferral[]> {
    const rows = await this.db.query<DeferralRow>(
      `${DEFERRAL_SELECT} WHERE pharmacy = $1 AND recorded_on = $2 ORDER BY seq`,
      [pharmacy, day],
    );
    return rows.map(toDeferral);
  }

  async deferrals(prescriptionId: string): Promise<Deferral[]> {
    const rows = await this.db.query<DeferralRow>(
      `${DEFERRAL_SELECT} WHERE prescription_id = $1 ORDER BY seq`,
      [prescriptionId],
    );
    return rows.map(toDeferral);
  }

  async prescriptionIdOfRecord(recordId: string): Promise<string | null> {
    const [row] = await this.db.query<{ prescription_id: string }>(
      `SELECT prescription_id FROM ops_dispenses WHERE id = $1
       UNION ALL SELECT prescription_id FROM ops_deferrals WHERE id = $1`,
      [recordId],
    );
    return row?.prescription_id ?? null;
  }

  recordDispense<R>(write: IdempotentWrite<Dispense, R>): Promise<WriteOutcome<Dispense, R>> {
    return idempotent(this.db, write, dispenseById, async (tx, d, locked) => {
      // The ledger row and the prescription's new state in one statement.
      const dispensed = locked.state.dispensed + d.quantity;
      await tx.query(
        `WITH given AS (
           INSERT INTO ops_dispenses (id, prescription_id, pharmacy, pharmacist, quantity, lot,
             expiry, dispensed_on, at, basis, remaining, registry_version, policy)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13::jsonb)
           RETURNING prescription_id
         )
         UPDATE ops_prescriptions SET dispensed = $14,
           status = CASE WHEN $14 = quantity THEN 'completed' ELSE status END
         WHERE id = (SELECT prescription_id FROM given)`,
        [
          d.id,
          d.prescriptionId,
          d.pharmacy,
          d.pharmacist,
          d.quantity,
          d.lot,
          d.expiry,
          d.dispensedOn,
          d.at,
          jsonb(d.basis),
          d.remaining,
          d.registryVersion,
          d.policy === null ? null : jsonb(d.policy),
          dispensed,
        ],
      );
      if (d.servedDeferral !== null) {
        const served = await tx.query(
          `UPDATE ops_deferrals SET status = 'served', served_by = $2
           WHERE id = $1 AND status = 'open' RETURNING id`,
          [d.servedDeferral, d.id],
        );
        if (served.length !== 1) throw new Error('the open deferral changed under the lock');
      }
    });
  }

  recordDeferral<R>(write: IdempotentWrite<Deferral, R>): Promise<WriteOutcome<Deferral, R>> {
    return idempotent(this.db, write, deferralById, async (tx, f) => {
      await tx.query(
        `INSERT INTO ops_deferrals (id, prescription_id, pharmacy, pharmacist, recorded_on,
           urgent, due_on, due_rule, status, served_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, 'open', NULL)`,
        [
          f.id,
          f.prescriptionId,
          f.pharmacy,
          f.pharmacist,
          f.recordedOn,
          f.urgent,
          f.dueOn,
          jsonb(f.dueRule),
        ],
      );
    });
  }
}

/**
 * The exactly-once transaction: claim the key, lock the prescription, decide, write, answer.
 * Locks are always taken in this order (key, prescription, audit head), so writers queue and
 * never deadlock.
 */
function idempotent<T extends { id: string }, R>(
  db: SqlClient,
  write: IdempotentWrite<T, R>,
  read: (tx: SqlClient, id: string) => Promise<T | null>,
  insert: (tx: SqlClient, record: T, locked: LockedPrescription) => Promise<void>,
): Promise<WriteOutcome<T, R>> {
  const { claim } = write;
  const scope = [claim.actorId, claim.operation, claim.key];
  return db.transaction(async (tx) => {
    const end = async (outcome: WriteOutcome<T, R>) => {
      await appendAuditIn(tx, write.audit(outcome));
      return outcome;
    };
    const claimed = await tx.query(
      `INSERT INTO ops_idempotency (actor_id, operation, key, request_hash, response)
       VALUES ($1, $2, $3, $4, 'null'::jsonb) ON CONFLICT DO NOTHING RETURNING key`,
      [...scope, claim.requestHash],
    );
    if (claimed.length === 0) {
      const [first] = await tx.query<{ request_hash: string; response: { id?: string } | null }>(
        'SELECT request_hash, response FROM ops_idempotency WHERE actor_id = $1 AND operation = $2 AND key = $3',
        scope,
      );
      if (!first) throw new Error('the idempotency key vanished after its claim conflicted');
      if (first.request_hash !== claim.requestHash) return end({ kind: 'mismatch' });
      const record = first.response?.id ? await read(tx, first.response.id) : null;
      if (!record) throw new Error('the idempotency key answers with a record that is not there');
      return end({ kind: 'replayed', record });
    }
    // The lock and the open deferral in one statement: the deferral is read under the lock.
    const [row] = await tx.query<{
      status: PrescriptionRow['status'];
      quantity: number;
      dispensed: number;
      valid_from: string;
      valid_to: string;
      days_of_supply: number;
      open_deferral: DeferralRow | null;
    }>(
      `SELECT p.status, p.quantity, p.dispensed, p.valid_from::text AS valid_from,
         p.valid_to::text AS valid_to, p.days_of_supply,
         (SELECT to_jsonb(f) FROM (${DEFERRAL_SELECT} WHERE prescription_id = p.id
           AND status = 'open') f) AS open_deferral
       FROM ops_prescriptions p WHERE p.id = $1 FOR UPDATE OF p`,
      [write.prescriptionId],
    );
    const giveBack = () =>
      tx.query(
        'DELETE FROM ops_idempotency WHERE actor_id = $1 AND operation = $2 AND key = $3',
        scope,
      );
    if (!row) {
      await giveBack();
      return end({ kind: 'not_found' });
    }
    const locked: LockedPrescription = {
      state: {
        status: row.status,
        quantity: Number(row.quantity),
        dispensed: Number(row.dispensed),
        validFrom: day(row.valid_from),
        validTo: day(row.valid_to),
        daysOfSupply: Number(row.days_of_supply),
      },
      openDeferral: row.open_deferral === null ? null : toDeferral(row.open_deferral),
    };
    const decided = write.decide(locked);
    if (!decided.ok) {
      await giveBack();
      return end({ kind: 'refused', refusal: decided.refusal });
    }
    await insert(tx, decided.record, locked);
    await tx.query(
      'UPDATE ops_idempotency SET response = $4::jsonb WHERE actor_id = $1 AND operation = $2 AND key = $3',
      [...scope, jsonb({ id: decided.record.id })],
    );
    return end({ kind: 'written', record: decided.record });
  });
}
