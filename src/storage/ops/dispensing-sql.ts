/**
 * The dispensing ledger on SQL (PGlite and PostgreSQL alike). Exactly once: a write first
 * claims its idempotency key by inserting the key's row (a concurrent claim of the same key
 * waits on the primary key until the first transaction ends), then locks the prescription row
 * `FOR UPDATE`, so what is left is recomputed by one writer at a time; the dispense, the
 * prescription's new state, the served deferral, the key's answer and the audit record commit
 * together. A refusal gives the key back (its row is deleted in the same transaction). The
 * transaction itself, in two statements with what it is checked against: ./ledger-write-sql.ts.
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
import type { SqlParams, WithPart } from '../sql-params.ts';
import type {
  DispensingStorage,
  LockedPrescription,
  PharmacyWrite,
  PharmacyWriteResult,
} from './dispensing-port.ts';
import { ledgerWrite } from './ledger-write-sql.ts';
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

  recordDispense<R, N>(
    write: PharmacyWrite<Dispense, R, N>,
  ): Promise<PharmacyWriteResult<Dispense, R, N>> {
    return ledgerWrite(this.db, write, dispenseById, dispenseParts, asDeferral);
  }

  recordDeferral<R, N>(
    write: PharmacyWrite<Deferral, R, N>,
  ): Promise<PharmacyWriteResult<Deferral, R, N>> {
    return ledgerWrite(this.db, write, deferralById, deferralParts, asDeferral);
  }
}

const asDeferral = (row: Record<string, unknown>) => toDeferral(row as DeferralRow);

/** The ledger row, the prescription's new state and the deferral it serves, if one is open. */
function dispenseParts(d: Dispense, locked: LockedPrescription, p: SqlParams): WithPart[] {
  const dispensed = p.add(locked.state.dispensed + d.quantity);
  const id = p.add(d.id);
  const parts: WithPart[] = [
    {
      name: 'dispense_given',
      sql: `INSERT INTO ops_dispenses (id, prescription_id, pharmacy, pharmacist, quantity, lot,
          expiry, dispensed_on, at, basis, remaining, registry_version, policy)
        VALUES (${id}, ${[
          d.prescriptionId,
          d.pharmacy,
          d.pharmacist,
          d.quantity,
          d.lot,
          d.expiry,
          d.dispensedOn,
          d.at,
        ]
          .map((v) => p.add(v))
          .join(', ')}, ${p.add(jsonb(d.basis))}::jsonb, ${p.add(d.remaining)},
          ${p.add(d.registryVersion)}, ${p.add(d.policy === null ? null : jsonb(d.policy))}::jsonb)
        RETURNING id`,
      rows: 1,
    },
    {
      name: 'prescription_moved',
      sql: `UPDATE ops_prescriptions SET dispensed = ${dispensed}::integer,
          status = CASE WHEN ${dispensed}::integer = quantity THEN 'completed' ELSE status END
        WHERE id = ${p.add(d.prescriptionId)} RETURNING id`,
      rows: 1,
    },
  ];
  if (d.servedDeferral !== null) {
    // Its row was read under the prescription's lock: not served by another writer since.
    parts.push({
      name: 'deferral_served',
      sql: `UPDATE ops_deferrals SET status = 'served', served_by = ${id}
        WHERE id = ${p.add(d.servedDeferral)} AND status = 'open' RETURNING id`,
      rows: 1,
    });
  }
  return parts;
}

function deferralParts(f: Deferral, _locked: LockedPrescription, p: SqlParams): WithPart[] {
  const values = [
    f.id,
    f.prescriptionId,
    f.pharmacy,
    f.pharmacist,
    f.recordedOn,
    f.urgent,
    f.dueOn,
  ];
  return [
    {
      name: 'deferral_recorded',
      sql: `INSERT INTO ops_deferrals (id, prescription_id, pharmacy, pharmacist, recorded_on,
          urgent, due_on, due_rule, status, served_by)
        VALUES (${values.map((v) => p.add(v)).join(', ')}, ${p.add(jsonb(f.dueRule))}::jsonb,
          'open', NULL)
        RETURNING id`,
      rows: 1,
    },
  ];
}
