/**
 * What the dispensing use cases ask of storage. Every handing-over and deferral runs in one
 * transaction that claims its idempotency key, locks the prescription row (`FOR UPDATE`),
 * lets the caller decide on the state as locked, writes, and appends the audit record.
 */
import type { AuditEntry, AuditSubject } from '../../ops/audit.ts';
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
  | { kind: 'refused'; refusal: R }
  | { kind: 'not_found' };

export interface IdempotentWrite<T, R> {
  prescriptionId: string;
  claim: IdempotencyClaim;
  /**
   * Whom the audit record of every outcome is about: its shard's head is locked with the
   * write's other locks, before the outcome is known (the record must name the same subject).
   */
  auditSubject: AuditSubject;
  decide(locked: LockedPrescription): Decided<T, R>;
  /** The audit record of the outcome, appended in the same transaction. */
  audit(outcome: WriteOutcome<T, R>): AuditEntry;
}

/** What a pharmacy's write reads before its transaction, in one statement. */
export interface WriteContext {
  prescription: StoredPrescription | null;
  /** The organisation the request names as the pharmacy, of whatever kind. */
  pharmacy: Organisation | null;
  /** The prescription's patient: what the signature and the engine's re-check need. */
  patient: Pick<Patient, 'iin' | 'birthDate' | 'citizenship'> | null;
}

/** Prescriptions are read through `OpsStorage.prescription` and writeContext (one row reader). */
export interface DispensingStorage {
  /** The prescription, the pharmacy and the prescription's patient, in one round trip. */
  writeContext(prescriptionId: string, pharmacy: string): Promise<WriteContext>;
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
  recordDispense<R>(write: IdempotentWrite<Dispense, R>): Promise<WriteOutcome<Dispense, R>>;
  recordDeferral<R>(write: IdempotentWrite<Deferral, R>): Promise<WriteOutcome<Deferral, R>>;
}
