/**
 * Patient, Condition, MedicationRequest and MedicationDispense over the use cases: each read
 * and search calls the use case that authorises and audits it, then the pure mapping
 * (src/fhir/ops). Searches that a use case serves per patient or per prescription need that
 * parameter; the filters the use cases do not take (status, dates) are applied to what they
 * returned.
 */
import type { IsoDate } from '../../domain/date.ts';
import type { Prescription } from '../../ops/clinical.ts';
import type { OpsResult } from '../../ops/issues.ts';
import {
  CLINICAL_STATUS_AFTER,
  conditionOf,
  deferralDispenseOf,
  matchesDateBounds,
  MEDICATION_REQUEST_STATUS,
  medicationDispenseOf,
  medicationRequestOf,
  modelValuesOf,
  patientOf,
  type SearchParams,
} from '../../fhir/ops/index.ts';
import type { MedicationDispense, Resource } from '../../fhir/ops/types.ts';
import { invalid, noneIfNotFound, type Answer, type Caller } from './caller.ts';

const map = <T, R>(result: OpsResult<T[]>, f: (value: T) => R): OpsResult<R[]> =>
  result.ok ? { ok: true, value: result.value.map(f) } : result;

// ── Patient ────────────────────────────────────────────────────────────────

export async function readPatient(call: Caller, id: string): Promise<OpsResult<Resource>> {
  const read = await call.ops.patients.readPatient(call.actor, id, call.ctx);
  return read.ok ? { ok: true, value: patientOf(read.value) } : read;
}

/** By `_id`, or by `identifier` (the IIN, which reaches here from a POST body only). */
export async function searchPatients(
  call: Caller,
  params: SearchParams<'Patient'>,
): Promise<Answer<Resource[]>> {
  const { _id: id, identifier: iin } = params;
  if (id !== undefined && iin !== undefined) {
    return invalid('identifier', 'give _id or identifier, not both');
  }
  if (id !== undefined) return noneIfNotFound(await readPatient(call, id));
  if (iin !== undefined) {
    const found = await call.ops.patients.findPatientByIin(call.actor, { iin }, call.ctx);
    return map(noneIfNotFound(found), patientOf);
  }
  return invalid(
    'identifier',
    'a Patient search needs _id or identifier (the IIN, in the body of POST Patient/_search)',
  );
}

// ── Condition (dispensary registration) ────────────────────────────────────

export async function readCondition(call: Caller, id: string): Promise<OpsResult<Resource>> {
  const read = await call.ops.register.registration(call.actor, id, call.ctx);
  return read.ok ? { ok: true, value: conditionOf(read.value) } : read;
}

export async function searchConditions(
  call: Caller,
  params: SearchParams<'Condition'>,
): Promise<Answer<Resource[]>> {
  if (params.patient === undefined) {
    return invalid('patient', 'a Condition search needs patient (Patient/<id>)');
  }
  const found = await call.ops.register.registrations(call.actor, params.patient, call.ctx);
  if (!found.ok) return found;
  const statuses = params['clinical-status'];
  const matching = found.value.filter((r) => {
    const reason = r.deregistration?.reason ?? null;
    const status = reason === null ? 'active' : CLINICAL_STATUS_AFTER[reason];
    return (
      (statuses === undefined || (status !== null && statuses.includes(status))) &&
      matchesDateBounds(params['recorded-date'], r.from)
    );
  });
  return { ok: true, value: matching.map(conditionOf) };
}

// ── MedicationRequest (prescription) ───────────────────────────────────────

export async function readMedicationRequest(
  call: Caller,
  id: string,
): Promise<OpsResult<Resource>> {
  const read = await call.ops.prescriptions.read(call.actor, { id }, call.ctx);
  return read.ok ? { ok: true, value: medicationRequestOf(read.value, call.lang) } : read;
}

/** The prescriptions a search names: by number, or the patient's. */
async function prescriptionsOf(
  call: Caller,
  by: { patient?: string; number?: string },
  name: 'patient' | 'prescription',
): Promise<Answer<Prescription[]>> {
  if (by.number !== undefined) {
    const read = await call.ops.prescriptions.read(call.actor, { number: by.number }, call.ctx);
    const found = noneIfNotFound(read);
    return found.ok && by.patient !== undefined
      ? { ok: true, value: found.value.filter((p) => p.patientId === by.patient) }
      : found;
  }
  if (by.patient !== undefined) {
    return call.ops.prescriptions.list(call.actor, by.patient, {}, call.ctx);
  }
  return invalid(name, `the search needs ${name}`);
}

export async function searchMedicationRequests(
  call: Caller,
  params: SearchParams<'MedicationRequest'>,
): Promise<Answer<Resource[]>> {
  const found = await prescriptionsOf(
    call,
    {
      ...(params.patient === undefined ? {} : { patient: params.patient }),
      ...(params.identifier === undefined ? {} : { number: params.identifier }),
    },
    'patient',
  );
  if (!found.ok) return found;
  const statuses = modelValuesOf(MEDICATION_REQUEST_STATUS, params.status);
  return {
    ok: true,
    value: found.value
      .filter(
        (p) =>
          (statuses === undefined || statuses.includes(p.status)) &&
          matchesDateBounds(params.authoredon, p.issuedOn),
      )
      .map((p) => medicationRequestOf(p, call.lang)),
  };
}

// ── MedicationDispense (dispense and deferral) ─────────────────────────────

interface Handed {
  resource: MedicationDispense;
  /** The day handed over; null for a deferral. */
  on: IsoDate | null;
}

/** Every MedicationDispense of a prescription: its dispenses, then its deferrals. */
async function dispensesOf(call: Caller, prescription: Prescription): Promise<OpsResult<Handed[]>> {
  const ledger = await call.ops.dispensing.ledger(call.actor, prescription.id, call.ctx);
  if (!ledger.ok) return ledger;
  return {
    ok: true,
    value: [
      ...ledger.value.dispenses.map((d) => ({
        resource: medicationDispenseOf(d, prescription),
        on: d.dispensedOn,
      })),
      ...ledger.value.deferrals.map((d) => ({
        resource: deferralDispenseOf(d, prescription),
        on: null,
      })),
    ],
  };
}

export async function readMedicationDispense(
  call: Caller,
  id: string,
): Promise<OpsResult<Resource>> {
  const ledger = await call.ops.dispensing.ledgerOfRecord(call.actor, id, call.ctx);
  if (!ledger.ok) return ledger;
  const { prescriptionId } = ledger.value;
  const read = await call.ops.prescriptions.read(call.actor, { id: prescriptionId }, call.ctx);
  if (!read.ok) return read;
  const dispense = ledger.value.dispenses.find((d) => d.id === id);
  if (dispense) return { ok: true, value: medicationDispenseOf(dispense, read.value) };
  const deferral = ledger.value.deferrals.find((d) => d.id === id);
  if (deferral) return { ok: true, value: deferralDispenseOf(deferral, read.value) };
  throw new Error(`the ledger found by ${id} does not hold it`);
}

export async function searchMedicationDispenses(
  call: Caller,
  params: SearchParams<'MedicationDispense'>,
): Promise<Answer<Resource[]>> {
  let prescriptions: Answer<Prescription[]>;
  if (params.prescription !== undefined) {
    const read = await call.ops.prescriptions.read(
      call.actor,
      { id: params.prescription },
      call.ctx,
    );
    const found = noneIfNotFound(read);
    prescriptions =
      found.ok && params.patient !== undefined
        ? { ok: true, value: found.value.filter((p) => p.patientId === params.patient) }
        : found;
  } else {
    prescriptions = await prescriptionsOf(
      call,
      params.patient === undefined ? {} : { patient: params.patient },
      'patient',
    );
    if (!prescriptions.ok && 'invalid' in prescriptions) {
      return invalid('patient', 'a MedicationDispense search needs patient or prescription');
    }
  }
  if (!prescriptions.ok) return prescriptions;
  const found: Handed[] = [];
  for (const prescription of prescriptions.value) {
    const dispenses = await dispensesOf(call, prescription);
    if (!dispenses.ok) return dispenses;
    found.push(...dispenses.value);
  }
  const statuses: readonly string[] | undefined = params.status;
  const handedOver = params.whenhandedover;
  return {
    ok: true,
    value: found
      .filter(
        ({ resource, on }) =>
          (statuses === undefined || statuses.includes(resource.status)) &&
          (handedOver === undefined || (on !== null && matchesDateBounds(handedOver, on))),
      )
      .map((d) => d.resource),
  };
}
