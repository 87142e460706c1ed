/**
 * The exactly-once transaction of a pharmacy's ledger write, in two statements, BEGIN sent with
 * the first and COMMIT with the second (docs/adr/0025-write-cpu-and-round-trips.md):
 * 1. `ops_open_pharmacy_write` (migrations 160, 180) claims the idempotency key, locks the
 *    prescription row `FOR UPDATE` and reads its state and open deferral, then locks the audit
 *    shard head of the prescription's patient and draws the record's global id — in that order,
 *    the order every writer takes its locks, so writers queue and never deadlock. A concurrent
 *    claim of the same key waits on the key's primary key until the first transaction ends,
 *    then reads its answer. The same statement reads what the write is checked against: the
 *    prescription, the organisation named as the pharmacy, the patient's IIN, birth date and
 *    citizenship (as of the statement's start, like a read before the transaction).
 * 2. The caller admits the write on what was read (or refuses it: the transaction rolls back,
 *    nothing is written, the key is not spent), then decides on the state as locked (pure, in
 *    the use case); one `WITH` then writes the record and the prescription's new state, answers
 *    the key (or gives it back: a refusal spends no key), moves the audit head and inserts the
 *    audit record, each part checking its rows in the statement.
 * Every `anchor_every`-th record of a shard adds an anchor (two statements more, 1 in 64).
 */
import type { Deferral } from '../../ops/clinical.ts';
import type { SqlClient } from '../sql-client.ts';
import { runParts, SqlParams, type WithPart } from '../sql-params.ts';
import {
  anchorAuditIn,
  auditWriteParts,
  isAnchorDue,
  lockedHeadOf,
  sealAuditRecord,
  type HeadColumns,
} from './audit-sql.ts';
import type {
  LockedPrescription,
  PharmacyWrite,
  PharmacyWriteResult,
  WriteContext,
  WriteOutcome,
} from './dispensing-port.ts';
import { toOrganisation, type OrganisationRow } from './organisation-row.ts';
import { PRESCRIPTION_COLUMNS, toPrescription, type PrescriptionRow } from './prescription-row.ts';
import { day, json } from './rows.ts';

/** What `ops_open_pharmacy_write` answered (its row, as JSON). */
interface Opened extends HeadColumns {
  claimed: boolean;
  first_request_hash: string | null;
  first_response: { id?: string } | null;
  rx_found: boolean;
  rx_status: LockedPrescription['state']['status'];
  rx_quantity: number;
  rx_dispensed: number;
  rx_valid_from: string;
  rx_valid_to: string;
  rx_days_of_supply: number;
  rx_open_deferral: Record<string, unknown> | null;
  subject_hash: number | null;
}

interface OpenedRow extends Record<string, unknown> {
  opened: Opened;
  prescription: PrescriptionRow | null;
  pharmacy: OrganisationRow | null;
  patient_iin: string | null;
  patient_birth_date: string | null;
  patient_citizenship: string | null;
}

/**
 * The function's locks and state, with the prescription, the pharmacy and the patient read:
 * rows as JSON, a few columns to parse rather than forty (docs/adr/0025).
 */
const OPEN = `SELECT to_jsonb(w) AS opened, to_jsonb(p) AS prescription,
    (SELECT to_jsonb(o) FROM ops_organisations o WHERE o.id = $6) AS pharmacy,
    pt.iin AS patient_iin, pt.birth_date::text AS patient_birth_date,
    pt.citizenship AS patient_citizenship
  FROM ops_open_pharmacy_write($1, $2, $3, $4, $5) AS w
  LEFT JOIN (SELECT ${PRESCRIPTION_COLUMNS} FROM ops_prescriptions WHERE id = $5) AS p ON true
  LEFT JOIN ops_patients pt ON pt.id = p.patient_id`;

function contextOf(row: OpenedRow): WriteContext {
  const rx = row.prescription === null ? null : json<PrescriptionRow>(row.prescription);
  const pharmacy = row.pharmacy === null ? null : json<OrganisationRow>(row.pharmacy);
  return {
    // JSON holds a timestamptz as text: as a Date it reads as the column does.
    prescription: rx
      ? toPrescription({
          ...rx,
          cancelled_at: rx.cancelled_at === null ? null : new Date(String(rx.cancelled_at)),
        })
      : null,
    pharmacy: pharmacy && toOrganisation(pharmacy),
    patient:
      row.patient_iin && row.patient_birth_date && row.patient_citizenship
        ? {
            iin: row.patient_iin,
            birthDate: day(row.patient_birth_date),
            citizenship: row.patient_citizenship,
          }
        : null,
  };
}

/** How the record a write decided on is written: the parts of the second statement's `WITH`. */
export type RecordParts<T> = (record: T, locked: LockedPrescription, p: SqlParams) => WithPart[];

/** Rolls the transaction back when the caller refused the write on what it read. */
class NotAdmitted extends Error {
  constructor(readonly refusal: unknown) {
    super('the write was refused before anything was written');
  }
}

/**
 * Runs `write` exactly once per key. `read` finds the record a replayed key answered with;
 * `parts` writes a decided record (the key's answer and the audit record are added here);
 * `toDeferral` maps the open deferral's row.
 */
export async function ledgerWrite<T extends { id: string }, R, N>(
  db: SqlClient,
  write: PharmacyWrite<T, R, N>,
  read: (tx: SqlClient, id: string) => Promise<T | null>,
  parts: RecordParts<T>,
  toDeferral: (row: Record<string, unknown>) => Deferral,
): Promise<PharmacyWriteResult<T, R, N>> {
  const { claim } = write;
  try {
    return await db.transaction(async (tx) => {
      const [opening] = await tx.query<OpenedRow>(
        OPEN,
        [
          claim.actorId,
          claim.operation,
          claim.key,
          claim.requestHash,
          write.prescriptionId,
          write.pharmacy,
        ],
        { prepared: 'ops_open_pharmacy_write' },
      );
      if (!opening) {
        throw new Error('ops_open_pharmacy_write answered with no row: run the migrations');
      }
      const row = json<Opened>(opening.opened);
      const admitted = write.admit(contextOf(opening));
      if (!admitted.ok) throw new NotAdmitted(admitted.refusal);
      if (!row.rx_found || row.subject_hash === null) {
        throw new Error('a write was admitted for a prescription that is not there');
      }
      const head = lockedHeadOf(row, Number(row.subject_hash));
      const p = new SqlParams();
      // The key's placeholders, added once and only when a part names the key.
      let keyed: string | undefined;
      const ofKey = () =>
        (keyed ??= `actor_id = ${p.add(claim.actorId)} AND operation = ${p.add(claim.operation)} AND key = ${p.add(claim.key)}`);
      const writes: WithPart[] = [];
      let outcome: WriteOutcome<T, R>;
      if (!row.claimed) {
        if (row.first_request_hash !== claim.requestHash) outcome = { kind: 'mismatch' };
        else {
          const id = row.first_response?.id;
          const record = id ? await read(tx, id) : null;
          if (!record) {
            throw new Error('the idempotency key answers with a record that is not there');
          }
          outcome = { kind: 'replayed', record };
        }
      } else {
        const locked: LockedPrescription = {
          state: {
            status: row.rx_status,
            quantity: Number(row.rx_quantity),
            dispensed: Number(row.rx_dispensed),
            validFrom: day(row.rx_valid_from),
            validTo: day(row.rx_valid_to),
            daysOfSupply: Number(row.rx_days_of_supply),
          },
          openDeferral: row.rx_open_deferral === null ? null : toDeferral(row.rx_open_deferral),
        };
        const decided = admitted.decide(locked);
        if (decided.ok) {
          writes.push(...parts(decided.record, locked, p), {
            name: 'key_answered',
            sql: `UPDATE ops_idempotency SET response = ${p.add(JSON.stringify({ id: decided.record.id }))}::jsonb
              WHERE ${ofKey()} RETURNING key`,
            rows: 1,
          });
          outcome = { kind: 'written', record: decided.record };
        } else {
          writes.push({
            name: 'key_given_back',
            sql: `DELETE FROM ops_idempotency WHERE ${ofKey()} RETURNING key`,
            rows: 1,
          });
          outcome = { kind: 'refused', refusal: decided.refusal };
        }
      }
      const record = sealAuditRecord(head, admitted.audit(outcome));
      // The COMMIT goes with the write unless an anchor is due after it.
      const anchors = isAnchorDue(record, head.anchorEvery);
      await runParts(tx, [...writes, ...auditWriteParts(record, p)], p, {
        statement: 'ops_ledger_write',
        last: !anchors,
      });
      if (anchors) await anchorAuditIn(tx, record.at);
      return { admitted: true as const, outcome };
    });
  } catch (error) {
    if (error instanceof NotAdmitted) return { admitted: false, refusal: error.refusal as N };
    throw error;
  }
}
