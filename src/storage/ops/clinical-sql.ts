/**
 * The clinical records on SQL (migration 101): registrations, commission decisions and
 * prescriptions. Every write runs in one transaction with its audit record. Issuing locks the
 * patient's row first, so concurrent issues for one patient queue and each sees the others'
 * prescriptions; numbers are region, year and a serial drawn from a sequence (migration 102).
 */
import type { AuditEntry } from '../../ops/audit.ts';
import type {
  CommissionDecision,
  DispensaryRegistration,
  Prescription,
  PrescriptionSignature,
  UnsignedPrescription,
} from '../../ops/clinical.ts';
import type { Icd10Code } from '../../domain/codes.ts';
import type { IsoDate } from '../../domain/date.ts';
import type { SupplyConflict, SupplyPeriod } from '../../ops/prescribing.ts';
import type { SqlClient } from '../sql-client.ts';
import { appendAuditIn } from './audit-sql.ts';
import type { Created, IssueResult, PrescriptionDraft, StoredPrescription } from './port.ts';
import { PRESCRIPTION_COLUMNS, toPrescription, type PrescriptionRow } from './prescription-row.ts';
import { day, dayOrNull, json } from './rows.ts';

// ── Registrations ───────────────────────────────────────────────────────────

const REGISTRATION_COLUMNS = `id, patient_id, icd10, organisation, specialist,
  from_date::text AS from_date, to_date::text AS to_date, basis, confirmed,
  deregistration_reason, deregistration_note, deregistered_by`;

interface RegistrationRow extends Record<string, unknown> {
  id: string;
  patient_id: string;
  icd10: string;
  organisation: string;
  specialist: string;
  from_date: string;
  to_date: string | null;
  basis: string;
  confirmed: boolean;
  deregistration_reason: string | null;
  deregistration_note: string | null;
  deregistered_by: string | null;
}

const toRegistration = (r: RegistrationRow): DispensaryRegistration => ({
  id: r.id,
  patientId: r.patient_id,
  icd10: r.icd10 as Icd10Code,
  organisation: r.organisation,
  specialist: r.specialist,
  from: day(r.from_date),
  to: dayOrNull(r.to_date),
  basis: r.basis,
  confirmed: r.confirmed,
  deregistration:
    r.deregistration_reason === null
      ? null
      : {
          reason: r.deregistration_reason as NonNullable<
            DispensaryRegistration['deregistration']
          >['reason'],
          note: r.deregistration_note,
          by: r.deregistered_by ?? '',
        },
});

export function createRegistration(
  db: SqlClient,
  r: DispensaryRegistration,
  audit: AuditEntry,
): Promise<Created> {
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO ops_registrations (id, patient_id, icd10, organisation, specialist, from_date,
         basis, confirmed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT DO NOTHING RETURNING id`,
      [r.id, r.patientId, r.icd10, r.organisation, r.specialist, r.from, r.basis, r.confirmed],
    );
    if (inserted.length === 0) return 'exists';
    await appendAuditIn(tx, audit);
    return 'created';
  });
}

export async function registration(
  db: SqlClient,
  id: string,
): Promise<DispensaryRegistration | null> {
  const [row] = await db.query<RegistrationRow>(
    `SELECT ${REGISTRATION_COLUMNS} FROM ops_registrations WHERE id = $1`,
    [id],
  );
  return row ? toRegistration(row) : null;
}

export async function registrationsOf(
  db: SqlClient,
  patientId: string,
): Promise<DispensaryRegistration[]> {
  const rows = await db.query<RegistrationRow>(
    `SELECT ${REGISTRATION_COLUMNS} FROM ops_registrations WHERE patient_id = $1
     ORDER BY from_date, id`,
    [patientId],
  );
  return rows.map(toRegistration);
}

/** Closes an open registration; false when it is no longer open (nothing changed). */
export function closeRegistration(
  db: SqlClient,
  id: string,
  to: IsoDate,
  deregistration: NonNullable<DispensaryRegistration['deregistration']>,
  audit: AuditEntry,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE ops_registrations SET to_date = $2, deregistration_reason = $3,
         deregistration_note = $4, deregistered_by = $5
       WHERE id = $1 AND to_date IS NULL RETURNING id`,
      [id, to, deregistration.reason, deregistration.note, deregistration.by],
    );
    if (rows.length === 0) return false;
    await appendAuditIn(tx, audit);
    return true;
  });
}

// ── Commission decisions ────────────────────────────────────────────────────

const DECISION_COLUMNS = `id, patient_id, organisation, protocol_number,
  protocol_date::text AS protocol_date, icd10, inns, valid_from::text AS valid_from,
  valid_to::text AS valid_to, revokes, revoked_by, recorded_by`;

interface DecisionRow extends Record<string, unknown> {
  id: string;
  patient_id: string;
  organisation: string;
  protocol_number: string;
  protocol_date: string;
  icd10: string;
  inns: unknown;
  valid_from: string;
  valid_to: string | null;
  revokes: string | null;
  revoked_by: string | null;
  recorded_by: string;
}

const toDecision = (r: DecisionRow): CommissionDecision => ({
  id: r.id,
  patientId: r.patient_id,
  organisation: r.organisation,
  protocolNumber: r.protocol_number,
  protocolDate: day(r.protocol_date),
  icd10: r.icd10 as Icd10Code,
  inns: json<string[]>(r.inns),
  validFrom: day(r.valid_from),
  validTo: dayOrNull(r.valid_to),
  revokes: r.revokes,
  revokedBy: r.revoked_by,
  recordedBy: r.recorded_by,
});

/**
 * Records a decision; one that revokes another marks it revoked in the same transaction.
 * `revoked_already`: the decision it revokes was revoked meanwhile (nothing changed).
 */
export function recordCommissionDecision(
  db: SqlClient,
  d: CommissionDecision,
  audit: AuditEntry,
): Promise<Created | 'revoked_already'> {
  return db
    .transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO ops_commission_decisions (id, patient_id, organisation, protocol_number,
         protocol_date, icd10, inns, valid_from, valid_to, revokes, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11)
       ON CONFLICT DO NOTHING RETURNING id`,
        [
          d.id,
          d.patientId,
          d.organisation,
          d.protocolNumber,
          d.protocolDate,
          d.icd10,
          JSON.stringify(d.inns),
          d.validFrom,
          d.validTo,
          d.revokes,
          d.recordedBy,
        ],
      );
      if (inserted.length === 0) return 'exists';
      if (d.revokes !== null) {
        const revoked = await tx.query(
          `UPDATE ops_commission_decisions SET revoked_by = $2
         WHERE id = $1 AND revoked_by IS NULL RETURNING id`,
          [d.revokes, d.id],
        );
        if (revoked.length === 0) throw new RevokedAlready();
      }
      await appendAuditIn(tx, audit);
      return 'created';
    })
    .catch((error: unknown) => {
      if (error instanceof RevokedAlready) return 'revoked_already' as const;
      throw error;
    });
}

/** Rolls the insert back when the revoked decision was revoked meanwhile. */
class RevokedAlready extends Error {}

export async function commissionDecision(
  db: SqlClient,
  id: string,
): Promise<CommissionDecision | null> {
  const [row] = await db.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM ops_commission_decisions WHERE id = $1`,
    [id],
  );
  return row ? toDecision(row) : null;
}

export async function commissionDecisionsOf(
  db: SqlClient,
  patientId: string,
): Promise<CommissionDecision[]> {
  const rows = await db.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM ops_commission_decisions WHERE patient_id = $1
     ORDER BY valid_from, protocol_date, id`,
    [patientId],
  );
  return rows.map(toDecision);
}

/**
 * The decisions an organisation's commission recorded whose validity ends in [from, to]: not
 * revocations, not revoked. Soonest first.
 */
export async function decisionsExpiring(
  db: SqlClient,
  organisation: string,
  from: IsoDate,
  to: IsoDate,
): Promise<CommissionDecision[]> {
  const rows = await db.query<DecisionRow>(
    `SELECT ${DECISION_COLUMNS} FROM ops_commission_decisions
     WHERE organisation = $1 AND revokes IS NULL AND revoked_by IS NULL
       AND valid_to BETWEEN $2 AND $3
     ORDER BY valid_to, protocol_date, id`,
    [organisation, from, to],
  );
  return rows.map(toDecision);
}

// ── Prescriptions ───────────────────────────────────────────────────────────

/**
 * Issues under the patient's row lock: the guard sees every earlier supply of the same product
 * (cancelled ones, and expired ones never dispensed, excepted); the number is the region, the
 * year and a serial from a sequence; the prescription is signed with its number, then stored
 * with its audit record. A refusal by the guard changes nothing (no serial is drawn).
 */
export function issuePrescription(
  db: SqlClient,
  draft: PrescriptionDraft,
  guard: (previous: SupplyPeriod[]) => SupplyConflict | null,
  sign: (prescription: UnsignedPrescription) => PrescriptionSignature,
  audit: AuditEntry,
): Promise<IssueResult> {
  return db.transaction(async (tx) => {
    const { unsigned } = draft;
    const locked = await tx.query('SELECT id FROM ops_patients WHERE id = $1 FOR UPDATE', [
      unsigned.patientId,
    ]);
    if (locked.length === 0) throw new Error('the patient to prescribe for is not stored');
    const previous = await tx.query<{
      number: string;
      issued_on: string;
      supply_to: string;
      days_of_supply: number;
    }>(
      `SELECT number, issued_on::text AS issued_on, supply_to::text AS supply_to, days_of_supply
       FROM ops_prescriptions
       WHERE patient_id = $1 AND product_key = $2 AND status <> 'cancelled'
         AND NOT (status = 'active' AND dispensed = 0 AND valid_to < $3)
       ORDER BY issued_on`,
      [unsigned.patientId, draft.productKey, unsigned.issuedOn],
    );
    const conflict = guard(
      previous.map((p) => ({
        number: p.number,
        issuedOn: day(p.issued_on),
        supplyTo: day(p.supply_to),
        daysOfSupply: Number(p.days_of_supply),
      })),
    );
    if (conflict) return { ok: false, conflict };
    const year = Number(unsigned.issuedOn.slice(0, 4));
    // A sequence, not a counter row: nothing is held until the commit, so issues in one region
    // and year do not queue on their number; a rolled-back issue leaves a gap (ADR 0012 §3).
    const [drawn] = await tx.query<{ serial: string | number }>(
      "SELECT nextval('ops_prescription_serial_seq') AS serial",
    );
    const serial = Number(drawn?.serial);
    const number = `${unsigned.region}-${year}-${String(serial).padStart(6, '0')}`;
    const numbered: UnsignedPrescription = { ...unsigned, number };
    const signature = sign(numbered);
    const p = numbered;
    await tx.query(
      `INSERT INTO ops_prescriptions (id, number, region, patient_id, organisation, prescriber,
         icd10, product_key, product, quantity, unit, dosing, days_of_supply, continuous,
         issued_on, valid_from, valid_to, supply_to, basis, signature, status, serial)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, $15, $16, $17,
         $18, $19::jsonb, $20::jsonb, 'active', $21)`,
      [
        p.id,
        p.number,
        p.region,
        p.patientId,
        p.organisation,
        p.prescriber,
        p.icd10,
        draft.productKey,
        JSON.stringify(p.product),
        p.quantity,
        p.unit,
        p.dosing,
        p.daysOfSupply,
        p.continuous,
        p.issuedOn,
        p.validFrom,
        p.validTo,
        draft.supplyTo,
        JSON.stringify(p.basis),
        JSON.stringify(signature),
        serial,
      ],
    );
    await appendAuditIn(tx, audit);
    const issued: StoredPrescription = {
      ...numbered,
      signature,
      status: 'active',
      cancellation: null,
      dispensed: 0,
    };
    return { ok: true, prescription: issued };
  });
}

export async function prescription(
  db: SqlClient,
  by: { id: string } | { number: string },
): Promise<StoredPrescription | null> {
  const [row] =
    'id' in by
      ? await db.query<PrescriptionRow>(
          `SELECT ${PRESCRIPTION_COLUMNS} FROM ops_prescriptions WHERE id = $1`,
          [by.id],
        )
      : await db.query<PrescriptionRow>(
          `SELECT ${PRESCRIPTION_COLUMNS} FROM ops_prescriptions WHERE number = $1`,
          [by.number],
        );
  return row ? toPrescription(row) : null;
}

/** A patient's prescriptions issued within the dates given (both included), oldest first. */
export async function prescriptionsOf(
  db: SqlClient,
  patientId: string,
  issued: { from: IsoDate | null; to: IsoDate | null },
): Promise<StoredPrescription[]> {
  const rows = await db.query<PrescriptionRow>(
    `SELECT ${PRESCRIPTION_COLUMNS} FROM ops_prescriptions
     WHERE patient_id = $1 AND ($2::date IS NULL OR issued_on >= $2::date)
       AND ($3::date IS NULL OR issued_on <= $3::date)
     ORDER BY issued_on, number`,
    [patientId, issued.from, issued.to],
  );
  return rows.map(toPrescription);
}

/** Cancels an active prescription; false when it is not active any more (nothing changed). */
export function cancelPrescription(
  db: SqlClient,
  id: string,
  cancellation: NonNullable<Prescription['cancellation']>,
  audit: AuditEntry,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE ops_prescriptions SET status = 'cancelled', cancelled_at = $2, cancelled_by = $3,
         cancel_reason = $4
       WHERE id = $1 AND status = 'active' RETURNING id`,
      [id, cancellation.at, cancellation.by, cancellation.reason],
    );
    if (rows.length === 0) return false;
    await appendAuditIn(tx, audit);
    return true;
  });
}
