/**
 * The clinical records on SQL (migration 101): registrations, commission decisions and
 * prescriptions. Every write runs in one transaction with its audit record. Issuing locks the
 * patient's row first, so concurrent issues for one patient queue and each sees the others'
 * prescriptions; numbers are region, year and a serial drawn from a sequence (migration 102).
 */
import { shardHashOf, type AuditEntry, type AuditRecord } from '../../ops/audit.ts';
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
import { runParts, SqlParams, type WithPart } from '../sql-params.ts';
import {
  anchorAuditIn,
  appendAuditIn,
  auditWriteParts,
  isAnchorDue,
  lockedHeadOf,
  sealAuditRecord,
  sha256,
  type HeadColumns,
} from './audit-sql.ts';
import { toOrganisation, type OrganisationRow } from './organisation-row.ts';
import { PATIENT_SELECT, toPatient, type PatientRow } from './patient-row.ts';
import type {
  Created,
  IssueAudit,
  IssueContext,
  IssueResult,
  PrescriptionDraft,
  StoredPrescription,
} from './port.ts';
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
 * What an issue reads before its transaction, in one statement: the organisation it names, the
 * patient with their attachments, and the register the engine's facts come from. Read before
 * the gate, like a pharmacy's write context (docs/adr/0025); nothing of it leaves on a refusal.
 */
export async function issueContext(
  db: SqlClient,
  organisation: string,
  patientId: string,
): Promise<IssueContext> {
  const [row] = await db.query<{
    organisation: OrganisationRow | null;
    patient: PatientRow | null;
    registrations: RegistrationRow[];
    decisions: DecisionRow[];
  }>(
    `SELECT (SELECT to_jsonb(o) FROM ops_organisations o WHERE o.id = $1) AS organisation,
       (SELECT to_jsonb(p) FROM (${PATIENT_SELECT} WHERE p.id = $2) p) AS patient,
       (SELECT coalesce(jsonb_agg(r ORDER BY r.from_date, r.id), '[]'::jsonb)
         FROM (SELECT ${REGISTRATION_COLUMNS} FROM ops_registrations WHERE patient_id = $2) r)
         AS registrations,
       (SELECT coalesce(jsonb_agg(d ORDER BY d.valid_from, d.protocol_date, d.id), '[]'::jsonb)
         FROM (SELECT ${DECISION_COLUMNS} FROM ops_commission_decisions WHERE patient_id = $2) d)
         AS decisions`,
    [organisation, patientId],
    { prepared: 'ops_issue_context' },
  );
  return {
    organisation: row?.organisation ? toOrganisation(row.organisation) : null,
    patient: row?.patient ? toPatient(row.patient) : null,
    registrations: (row?.registrations ?? []).map(toRegistration),
    decisions: (row?.decisions ?? []).map(toDecision),
  };
}

interface OpenedIssue extends HeadColumns, Record<string, unknown> {
  previous: { number: string; issuedOn: string; supplyTo: string; daysOfSupply: number }[];
  serial: string | number | null;
}

/**
 * Issues under the patient's row lock, in two statements between BEGIN and COMMIT (three for an
 * issue an earlier supply overlaps; docs/adr/0025): `ops_open_prescription_issue` (migrations 160, 180)
 * locks the patient, reads the earlier supplies of the same product (cancelled ones, and expired
 * ones never dispensed, excepted), locks the audit shard head and draws the serial when no
 * earlier supply overlaps; the guard runs here; the number is the region, the year and the
 * serial; the prescription is signed with its number, then stored with its audit record in one
 * statement, sent with the COMMIT. A refusal by the guard writes its audit record alone (no
 * serial drawn).
 */
export function issuePrescription(
  db: SqlClient,
  draft: PrescriptionDraft,
  guard: (previous: SupplyPeriod[]) => SupplyConflict | null,
  sign: (prescription: UnsignedPrescription) => PrescriptionSignature,
  audit: IssueAudit,
): Promise<IssueResult> {
  const { unsigned } = draft;
  const subjectHash = shardHashOf(sha256, audit.issued);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<OpenedIssue>(
      'SELECT * FROM ops_open_prescription_issue($1, $2, $3, $4, $5::bigint)',
      [unsigned.patientId, draft.productKey, unsigned.issuedOn, draft.supplyTo, subjectHash],
      { prepared: 'ops_open_prescription_issue' },
    );
    if (!row)
      throw new Error('ops_open_prescription_issue answered with no row: run the migrations');
    const head = lockedHeadOf(row, subjectHash);
    const conflict = guard(
      json<OpenedIssue['previous']>(row.previous).map((p) => ({
        number: p.number,
        issuedOn: day(p.issuedOn),
        supplyTo: day(p.supplyTo),
        daysOfSupply: Number(p.daysOfSupply),
      })),
    );
    if (conflict) {
      await writeAudit(tx, sealAuditRecord(head, audit.refused), head.anchorEvery);
      return { ok: false, conflict };
    }
    // A sequence, not a counter row: nothing is held until the commit, so issues in one region
    // and year do not queue on their number; a rolled-back issue leaves a gap (ADR 0012 §3).
    const serial = row.serial === null ? await drawSerial(tx) : Number(row.serial);
    const year = Number(unsigned.issuedOn.slice(0, 4));
    const number = `${unsigned.region}-${year}-${String(serial).padStart(6, '0')}`;
    const numbered: UnsignedPrescription = { ...unsigned, number };
    const signature = sign(numbered);
    const p = new SqlParams();
    const [n, v] = [numbered, (value: unknown) => p.add(value)];
    const jsonb = (value: unknown) => `${p.add(JSON.stringify(value))}::jsonb`;
    const issued: WithPart = {
      name: 'prescription_issued',
      sql: `INSERT INTO ops_prescriptions (id, number, region, patient_id, organisation, prescriber,
          icd10, product_key, product, quantity, unit, dosing, days_of_supply, continuous,
          issued_on, valid_from, valid_to, supply_to, basis, signature, status, serial)
        VALUES (${v(n.id)}, ${v(n.number)}, ${v(n.region)}, ${v(n.patientId)},
          ${v(n.organisation)}, ${v(n.prescriber)}, ${v(n.icd10)}, ${v(draft.productKey)},
          ${jsonb(n.product)}, ${v(n.quantity)}, ${v(n.unit)}, ${v(n.dosing)},
          ${v(n.daysOfSupply)}, ${v(n.continuous)}, ${v(n.issuedOn)}, ${v(n.validFrom)},
          ${v(n.validTo)}, ${v(draft.supplyTo)}, ${jsonb(n.basis)}, ${jsonb(signature)}, 'active',
          ${v(serial)})
        RETURNING id`,
      rows: 1,
    };
    await writeAudit(tx, sealAuditRecord(head, audit.issued), head.anchorEvery, [issued], p);
    const stored: StoredPrescription = {
      ...numbered,
      signature,
      status: 'active',
      cancellation: null,
      dispensed: 0,
    };
    return { ok: true, prescription: stored };
  });
}

async function drawSerial(tx: SqlClient): Promise<number> {
  const [drawn] = await tx.query<{ serial: string | number }>(
    "SELECT nextval('ops_prescription_serial_seq') AS serial",
    [],
    { prepared: 'ops_prescription_serial' },
  );
  return Number(drawn?.serial);
}

/**
 * The write's parts and its audit record in one statement, the transaction's last (its COMMIT
 * goes with it) unless an anchor is due after it.
 */
async function writeAudit(
  tx: SqlClient,
  record: AuditRecord,
  anchorEvery: number,
  parts: WithPart[] = [],
  p = new SqlParams(),
): Promise<void> {
  const anchors = isAnchorDue(record, anchorEvery);
  await runParts(tx, [...parts, ...auditWriteParts(record, p)], p, {
    statement: 'ops_issue_write',
    last: !anchors,
  });
  if (anchors) await anchorAuditIn(tx, record.at);
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
