/**
 * The clinical records of free provision, as the programme keeps them: dispensary
 * registrations, commission (ДКК/ВКК) decisions, prescriptions and what pharmacies
 * dispensed or deferred against them. Pure: zod schemas for what clients send, types for
 * what is stored. Nothing here is ever deleted: a registration is closed, a decision
 * revoked by a later one, a prescription cancelled, a deferral served or cancelled.
 *
 * Identities: every record has an internal id (a UUID). Organisations are `KZ-NN/CODE`,
 * staff are account ids, patients their internal id — never the IIN outside the patient's
 * own record and the signed prescription the patient carries.
 */
import { z } from 'zod';
import { Icd10Code, normaliseIcd10 } from '../domain/codes.ts';
import type { ItemCitation } from '../domain/citation.ts';
import { IsoDate } from '../domain/date.ts';
import type { EntitlementStatus } from '../domain/engine.ts';
import type { RegionCode } from '../domain/region.ts';
import type { LocalizedText } from '../domain/text.ts';

/** An ICD-10 code as typed (case, spaces, a missing dot forgiven), normalised. */
export const Icd10Input = z.string().transform((value, ctx) => {
  const normalised = normaliseIcd10(value);
  if (!normalised.ok) {
    ctx.addIssue({ code: 'custom', message: normalised.reason });
    return z.NEVER;
  }
  return normalised.code;
});

const Text = (max: number) => z.string().trim().min(1).max(max);
const OrganisationRef = z
  .string()
  .regex(/^KZ-\d{2}\/[A-Z0-9][A-Z0-9-]{0,31}$/, 'expected an organisation as KZ-NN/CODE');
const Uuid = z.uuid();

// ── Dispensary register ─────────────────────────────────────────────────────

export const DEREGISTRATION_REASONS = [
  'recovered',
  'remission',
  'died',
  'moved',
  'transferred',
  'entered_in_error',
  'other',
] as const;
export const DeregistrationReason = z.enum(DEREGISTRATION_REASONS);
export type DeregistrationReason = z.infer<typeof DeregistrationReason>;

/** A specialist's conclusion puts a patient on the register for a disease. */
export const RegistrationInput = z.strictObject({
  patientId: Uuid,
  icd10: Icd10Input,
  /** The organisation that keeps the registration (the specialist's). */
  organisation: OrganisationRef,
  from: IsoDate,
  /** The document it rests on, e.g. "conclusion No 123 of 05.02.2026". */
  basis: Text(200),
  /**
   * The specialist's conclusion confirms the diagnosis: verified, and the very disease the
   * list's words name where the code is broader (the engine's facts `verified`, `confirmed`).
   */
  confirmed: z.boolean().default(false),
});
export type RegistrationInput = z.output<typeof RegistrationInput>;

export const DeregistrationInput = z.strictObject({
  /** Last day on the register. */
  to: IsoDate,
  reason: DeregistrationReason,
  note: Text(500).nullable().default(null),
});
export type DeregistrationInput = z.output<typeof DeregistrationInput>;

export interface DispensaryRegistration {
  id: string;
  patientId: string;
  icd10: Icd10Code;
  organisation: string;
  /** The account of the specialist who registered. */
  specialist: string;
  from: IsoDate;
  /** Last day on the register; null while registered. */
  to: IsoDate | null;
  basis: string;
  confirmed: boolean;
  deregistration: { reason: DeregistrationReason; note: string | null; by: string } | null;
}

// ── Commission (ДКК/ВКК) decisions ──────────────────────────────────────────

export const CommissionDecisionInput = z.strictObject({
  patientId: Uuid,
  /** The organisation whose commission decided. */
  organisation: OrganisationRef,
  protocolNumber: Text(50),
  protocolDate: IsoDate,
  icd10: Icd10Input,
  /** The INNs (lower-case Latin, as the lists write them) the decision approves. */
  inns: z.array(Text(200)).min(1, 'name at least one INN').max(50),
  validFrom: IsoDate,
  /** Last day it applies; null: until revoked. */
  validTo: IsoDate.nullable(),
  /** A decision this one revokes (a revocation is a new decision, never an edit). */
  revokes: Uuid.nullable().default(null),
});
export type CommissionDecisionInput = z.output<typeof CommissionDecisionInput>;

export interface CommissionDecision extends CommissionDecisionInput {
  id: string;
  /** The account of the commission member who recorded it. */
  recordedBy: string;
  /** Set when a later decision revoked this one. */
  revokedBy: string | null;
}

// ── Prescriptions ───────────────────────────────────────────────────────────

export const PrescriptionInput = z.strictObject({
  patientId: Uuid,
  /** The prescriber's organisation. */
  organisation: OrganisationRef,
  /** The diagnosis the product is free for. */
  icd10: Icd10Input,
  /** The INN as the list writes it; a product without an INN (a device, a food) by its name. */
  product: z.strictObject({
    inn: Text(200).nullable(),
    name: Text(200).nullable().default(null),
    form: Text(200).nullable().default(null),
  }),
  /** In dispensing units (packs, vials, devices). */
  quantity: z.number().int().min(1).max(10_000),
  unit: Text(32),
  /** Signa: how to take it. */
  dosing: Text(500),
  daysOfSupply: z.number().int().min(1).max(366),
  continuous: z.boolean().default(false),
  issuedOn: IsoDate,
});
export type PrescriptionInput = z.output<typeof PrescriptionInput>;

export const PRESCRIPTION_STATUSES = ['active', 'completed', 'cancelled', 'expired'] as const;
export type PrescriptionStatus = (typeof PRESCRIPTION_STATUSES)[number];

/** Which parameter values (provision.yaml) a prescription was written under, and whether law. */
export interface AppliedParameter {
  name: string;
  value: number | string;
  from: IsoDate;
  status: 'law' | 'reported' | 'default';
  source: string;
}

/**
 * The legal basis, frozen when the prescription is issued: the engine's answer on the
 * issue date from the register's own facts, the item and edition it cites.
 */
export interface FrozenBasis {
  region: RegionCode;
  /** The engine's verdict for the item on the issue date (always `entitled` when issued). */
  status: EntitlementStatus;
  item: string;
  citation: ItemCitation;
  explanation: LocalizedText;
  /** The registry version the answer came from. */
  registryVersion: string;
  /** The register records the answer rested on (registration and decision ids). */
  facts: { registration: string | null; commissionDecision: string | null };
  parameters: AppliedParameter[];
}

export interface PrescriptionSignature {
  algorithm: 'Ed25519';
  keyId: string;
  /** base64url of the signature over the canonical payload. */
  value: string;
}

export interface Prescription extends Omit<PrescriptionInput, 'product'> {
  id: string;
  /** Human-readable and unique: region, year, sequence (e.g. `KZ-35-2026-000042`). */
  number: string;
  region: RegionCode;
  product: { inn: string | null; name: string | null; form: string | null; atc: string | null };
  prescriber: string;
  /** The validity window, both days included. */
  validFrom: IsoDate;
  validTo: IsoDate;
  basis: FrozenBasis;
  status: PrescriptionStatus;
  cancellation: { at: string; by: string; reason: string } | null;
  signature: PrescriptionSignature;
  /** Quantity dispensed so far (sum of the ledger). */
  dispensed: number;
}

/** A prescription before it is signed. */
export type UnsignedPrescription = Omit<
  Prescription,
  'signature' | 'status' | 'cancellation' | 'dispensed'
>;

/**
 * Signs prescriptions and verifies them (Ed25519 over a canonical payload that includes the
 * patient's IIN, so a pharmacy checks it against the identity document, offline). The private
 * key lives in configuration, never in the repository.
 */
export interface PrescriptionSigner {
  readonly keyId: string;
  sign(prescription: UnsignedPrescription, patient: { iin: string }): PrescriptionSignature;
  /** Whether `prescription.signature` is valid for its fields and this patient. */
  verify(
    prescription: UnsignedPrescription & { signature: PrescriptionSignature },
    patient: { iin: string },
  ): boolean;
}

// ── Dispensing ledger ───────────────────────────────────────────────────────

export const DispenseInput = z.strictObject({
  prescriptionId: Uuid,
  pharmacy: OrganisationRef,
  quantity: z.number().int().min(1).max(10_000),
  lot: Text(64),
  expiry: IsoDate,
  dispensedOn: IsoDate,
  /** Chosen by the client per attempt: a retry with the same key returns the first answer. */
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,128}$/, 'expected 8–128 letters, digits, _ or -'),
});
export type DispenseInput = z.output<typeof DispenseInput>;

/**
 * Why a dispense was allowed when the item is no longer free on the day: the region's
 * policy (provision.yaml `excludedItemPolicy`), recorded on each dispense.
 */
export type DispenseBasis =
  | { kind: 'in_force'; status: EntitlementStatus }
  | { kind: 'excluded_after_issue'; policy: 'honour_until_expiry'; status: EntitlementStatus };

export interface Dispense extends Omit<DispenseInput, 'idempotencyKey'> {
  id: string;
  pharmacist: string;
  at: string;
  basis: DispenseBasis;
  /** What is left to dispense after this one. */
  remaining: number;
  /** The registry version whose answer on the day the dispense rests on. */
  registryVersion: string;
  /**
   * The `excludedItemPolicy` entry applied when the item was no longer free on the day (its
   * status says whether the policy is law or tegin's default); null when in force.
   */
  policy: AppliedParameter | null;
  /** The open deferral this dispense served, if there was one. */
  servedDeferral: string | null;
}

export const DeferralInput = z.strictObject({
  prescriptionId: Uuid,
  pharmacy: OrganisationRef,
  recordedOn: IsoDate,
  urgent: z.boolean().default(false),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,128}$/, 'expected 8–128 letters, digits, _ or -'),
});
export type DeferralInput = z.output<typeof DeferralInput>;

export interface Deferral extends Omit<DeferralInput, 'idempotencyKey'> {
  id: string;
  pharmacist: string;
  /** recordedOn + the region's deferredDueWorkingDays (urgent: deferredUrgentDueWorkingDays). */
  dueOn: IsoDate;
  status: 'open' | 'served' | 'cancelled';
  /** How `dueOn` was counted: the parameter entry (and whether it is law) and the calendar. */
  dueRule: DeferralDueRule;
  /** The dispense that served it (status `served`). */
  servedBy: string | null;
}

/**
 * Working days are Monday to Friday: public holidays are not known to tegin, so a due date
 * may fall on one (`calendar` says so on every deferral).
 */
export interface DeferralDueRule {
  parameter: AppliedParameter;
  calendar: 'monday_to_friday_without_public_holidays';
}

/** A pharmacist looks a patient's dispensable prescriptions up by number or by IIN. */
export const FindPrescriptionsInput = z
  .strictObject({
    /** The pharmacy asking (the pharmacist's own); its region's prescriptions are searched. */
    pharmacy: OrganisationRef,
    on: IsoDate,
    /** As printed on the prescription, e.g. `KZ-35-2026-000042`. */
    number: Text(64).optional(),
    /** Only ever in the request body, never in a URL, a log or the audit. */
    iin: z
      .string()
      .regex(/^\d{12}$/, 'expected the 12 digits of an IIN')
      .optional(),
  })
  .refine((v) => (v.number === undefined) !== (v.iin === undefined), {
    message: 'give either the prescription number or the IIN, not both',
    path: ['number'],
  });
export type FindPrescriptionsInput = z.output<typeof FindPrescriptionsInput>;

/** A prescription a pharmacy can serve on the day: what is left and any open deferral. */
export interface DispensablePrescription {
  prescription: Prescription;
  remaining: number;
  openDeferral: Deferral | null;
}

/** What was dispensed and deferred against one prescription, in order. */
export interface Ledger {
  prescriptionId: string;
  quantity: number;
  dispensed: number;
  dispenses: Dispense[];
  deferrals: Deferral[];
}

// ── Cancelling and finding prescriptions ────────────────────────────────────

/** Why a prescription was cancelled: a code, never free text (it reaches the audit trail). */
export const PRESCRIPTION_CANCEL_REASONS = [
  'entered_in_error',
  'therapy_changed',
  'adverse_reaction',
  'patient_died',
  'other',
] as const;
export const PrescriptionCancellation = z.strictObject({
  reason: z.enum(PRESCRIPTION_CANCEL_REASONS),
});
export type PrescriptionCancellation = z.output<typeof PrescriptionCancellation>;

/** A search of a patient's prescriptions: by status and by issue date (both days included). */
export const PrescriptionQuery = z
  .strictObject({
    status: z.enum(PRESCRIPTION_STATUSES).optional(),
    issuedFrom: IsoDate.optional(),
    issuedTo: IsoDate.optional(),
  })
  .refine((q) => !q.issuedFrom || !q.issuedTo || q.issuedFrom <= q.issuedTo, {
    path: ['issuedTo'],
    message: 'expected a date on or after issuedFrom',
  });
export type PrescriptionQuery = z.output<typeof PrescriptionQuery>;
