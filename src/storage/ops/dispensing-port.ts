/**
 * What the dispensing use cases ask of storage. Every handing-over and deferral runs in one
 * transaction that claims its idempotency key, locks the prescription row (`FOR UPDATE`), reads
 * what the write is checked against, lets the caller admit the write and decide on the state as
 * locked, writes, and appends the audit record.
 */
import type { AuditEntry } from '../../ops/audit.ts';
import type { Deferral, Dispense, Prescription } from '../../ops/clinical.ts';
import type { IsoDate } from '../../domain/date.ts';
import type { PrescriptionState } from '../../ops/dispensing.ts';
import type { Organisation, Patient } from '../../ops/model.ts';
import type { StoredPrescription } from './port.ts';

/** An idempotency key, scoped to the actor and the operation, with its request's hash. */
export interface IdempotencyClaim {
  actorId: string;
  operation: string;
  key: string;
  requestHash: string;
}

/** The prescription as locked, with its open deferral. */
export interface LockedPrescription {
  state: PrescriptionState;
  openDeferral: Deferral | null;
}

/** What the caller decided under the lock: a record to write, or a refusal (nothing written). */
export type Decided<T, R> = { ok: true; record: T } | { ok: false; refusal: R };

/**
 * How an idempotent write ended: `written` now; `replayed`, the first answer to the same key and
 * request; `mismatch`, the key was used for a different request; `refused` by the caller's rules
 * (the key is not spent: a refused attempt may be retried with it).
 */
export type WriteOutcome<T, R> =
  | { kind: 'written'; record: T }
  | { kind: 'replayed'; record: T }
  | { kind: 'mismatch' }
  | { kind: 'refused'; refusal: R };

/** What a pharmacy's write reads in its transaction's first statement. */
export interface WriteContext {
  prescription: StoredPrescription | null;
  /** The organisation the request names as the pharmacy, of whatever kind. */
  pharmacy: Organisation | null;
  /** The prescription's patient: what the signature and the engine's re-check need. */
  patient: Pick<Patient, 'iin' | 'birthDate' | 'citizenship'> | null;
}

/**
 * The caller's answer on the context: refused (`N`, the transaction rolls back: nothing is
 * written and the key is not spent), or admitted, with how to decide on the state as locked and
 * the audit record of every outcome. The audit subject is the prescription's patient: the
 * shard head locked for it is the patient's (the record must name the same subject).
 */
export type Admission<T, R, N> =
  | { ok: false; refusal: N }
  | {
      ok: true;
      decide(locked: LockedPrescription): Decided<T, R>;
      /** The audit record of the outcome, appended in the same transaction. */
      audit(outcome: WriteOutcome<T, R>): AuditEntry;
    };

export interface PharmacyWrite<T, R, N> {
  prescriptionId: string;
  /** The organisation the request names as the pharmacy: read with the prescription. */
  pharmacy: string;
  claim: IdempotencyClaim;
  /** Checks the write on what the transaction read, before anything is written. */
  admit(context: WriteContext): Admission<T, R, N>;
}

export type PharmacyWriteResult<T, R, N> =
  { admitted: true; outcome: WriteOutcome<T, R> } | { admitted: false; refusal: N };

/** Prescriptions are read through `OpsStorage.prescription` and a write's context (one row reader). */
export interface DispensingStorage {
  /** The internal id of the patient with this IIN (the IIN goes no further than this query). */
  patientIdByIin(iin: string): Promise<string | null>;
  /** A patient's active prescriptions of `region`, valid on `day`, with something left. */
  dispensablePrescriptions(
    patientId: string,
    region: string,
    day: IsoDate,
  ): Promise<Prescription[]>;
  openDeferral(prescriptionId: string): Promise<Deferral | null>;
  dispenses(prescriptionId: string): Promise<Dispense[]>;
  deferrals(prescriptionId: string): Promise<Deferral[]>;
  /** A pharmacy's journal of a day: the dispenses and deferrals it recorded, in order. */
  dispensesOfPharmacy(pharmacy: string, day: IsoDate): Promise<Dispense[]>;
  deferralsOfPharmacy(pharmacy: string, day: IsoDate): Promise<Deferral[]>;
  /** The prescription a dispense or a deferral (by its id) belongs to, or null. */
  prescriptionIdOfRecord(recordId: string): Promise<string | null>;
  /** Writes the dispense, moves the prescription (dispensed, completed at 0), serves the deferral. */
  recordDispense<R, N>(
    write: PharmacyWrite<Dispense, R, N>,
  ): Promise<PharmacyWriteResult<Dispense, R, N>>;
  recordDeferral<R, N>(
    write: PharmacyWrite<Deferral, R, N>,
  ): Promise<PharmacyWriteResult<Deferral, R, N>>;
}
