/**
 * The one reader of an `ops_prescriptions` row, for the prescription storage and the dispensing
 * ledger alike: the columns to select and their mapping. `expired` is never stored (a reader
 * computes it), so what comes back is a StoredPrescription.
 */
import type { Icd10Code } from '../../domain/codes.ts';
import type { RegionCode } from '../../domain/region.ts';
import type { Prescription, PrescriptionSignature } from '../../ops/clinical.ts';
import type { StoredPrescription } from './port.ts';
import { day, iso, json } from './rows.ts';

export const PRESCRIPTION_COLUMNS = `id, number, region, patient_id, organisation, prescriber, icd10,
  product, quantity, unit, dosing, days_of_supply, continuous, issued_on::text AS issued_on,
  valid_from::text AS valid_from, valid_to::text AS valid_to, basis, signature, status,
  dispensed, cancelled_at, cancelled_by, cancel_reason`;

export interface PrescriptionRow extends Record<string, unknown> {
  id: string;
  number: string;
  region: string;
  patient_id: string;
  organisation: string;
  prescriber: string;
  icd10: string;
  product: unknown;
  quantity: number;
  unit: string;
  dosing: string;
  days_of_supply: number;
  continuous: boolean;
  issued_on: string;
  valid_from: string;
  valid_to: string;
  basis: unknown;
  signature: unknown;
  status: StoredPrescription['status'];
  dispensed: number;
  cancelled_at: unknown;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

export const toPrescription = (r: PrescriptionRow): StoredPrescription => ({
  id: r.id,
  number: r.number,
  region: r.region as RegionCode,
  patientId: r.patient_id,
  organisation: r.organisation,
  prescriber: r.prescriber,
  icd10: r.icd10 as Icd10Code,
  product: json<Prescription['product']>(r.product),
  quantity: Number(r.quantity),
  unit: r.unit,
  dosing: r.dosing,
  daysOfSupply: Number(r.days_of_supply),
  continuous: r.continuous,
  issuedOn: day(r.issued_on),
  validFrom: day(r.valid_from),
  validTo: day(r.valid_to),
  basis: json<Prescription['basis']>(r.basis),
  signature: json<PrescriptionSignature>(r.signature),
  status: r.status,
  dispensed: Number(r.dispensed),
  cancellation:
    r.cancelled_at === null
      ? null
      : { at: iso(r.cancelled_at), by: r.cancelled_by ?? '', reason: r.cancel_reason ?? '' },
});
