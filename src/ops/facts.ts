/**
 * The engine's facts from the register: what the programme's own records say about a patient on
 * a date, in the raw shape the engine takes (src/domain/patient.ts `PatientInput`). Pure. A
 * prescription is issued only on these facts — never on what a client asserts — and records
 * which registration and decisions they came from (`relied`).
 *
 * - servedIn: the region of the organisation the patient was attached to on the date
 *   (attachment periods are `[from, to)`), else `unknown`.
 * - registered: an open registration for that exact code covering the date (`to` is the last
 *   day on the register); `verified` and `confirmed`: that registration's specialist conclusion.
 * - commission: the INNs of the decisions for that exact code in force on the date. A decision
 *   that revokes another withdraws it from its own `validFrom` and approves nothing itself (a
 *   replacement is a revocation and a new decision: docs/adr/0012-clinical-records.md).
 */
import type { Icd10Code } from '../domain/codes.ts';
import type { IsoDate } from '../domain/date.ts';
import type { PatientInput as EngineFacts } from '../domain/patient.ts';
import { attachmentOn } from './attachment.ts';
import type { CommissionDecision, DispensaryRegistration } from './clinical.ts';
import type { Patient } from './model.ts';

export type { EngineFacts };

/** The register records a code's facts rest on. */
export interface ReliedOn {
  registration: string | null;
  /** Decisions in force on the date, with the INNs each approves (lower case). */
  decisions: { id: string; inns: string[] }[];
}

export interface RegisterFacts {
  facts: EngineFacts & { diagnoses: RegisterDiagnosis[] };
  relied: Map<Icd10Code, ReliedOn>;
}

interface RegisterDiagnosis {
  code: Icd10Code;
  registered: boolean;
  commission: string[];
  verified: boolean;
  confirmed: boolean;
}

/** What the facts read of a registration and of a decision (analytics load no more). */
export type RegistrationFacts = Pick<
  DispensaryRegistration,
  'id' | 'icd10' | 'from' | 'to' | 'confirmed'
>;
export type DecisionFacts = Pick<
  CommissionDecision,
  'id' | 'icd10' | 'inns' | 'validFrom' | 'validTo' | 'revokes' | 'revokedBy'
>;

export interface RegisterOf {
  patient: Pick<Patient, 'birthDate' | 'citizenship' | 'attachments'>;
  registrations: readonly RegistrationFacts[];
  decisions: readonly DecisionFacts[];
}

/** The region of an organisation id (`KZ-NN/CODE`, src/ops/model.ts `organisationId`). */
export const regionOfOrganisation = (organisation: string): string =>
  organisation.slice(0, organisation.indexOf('/'));

export function isRegisteredOn(r: RegistrationFacts, date: IsoDate): boolean {
  return r.from <= date && (r.to === null || date <= r.to);
}

/** Whether a decision approves its INNs on `date`: inside its validity, not yet revoked. */
export function isDecisionInForce(
  d: DecisionFacts,
  date: IsoDate,
  all: readonly DecisionFacts[],
): boolean {
  if (d.revokes !== null) return false; // a revocation approves nothing
  if (date < d.validFrom || (d.validTo !== null && date > d.validTo)) return false;
  if (d.revokedBy === null) return true;
  const revocation = all.find((r) => r.id === d.revokedBy);
  // A revocation not at hand is taken to withdraw the decision throughout.
  return revocation !== undefined && date < revocation.validFrom;
}

/**
 * The facts on `date` in `region` for every code the register holds on that date, and for
 * `codes` besides (a code asked about with nothing on the register is `registered: false`).
 */
export function factsFromRegister(
  register: RegisterOf,
  region: string,
  date: IsoDate,
  codes: readonly Icd10Code[] = [],
): RegisterFacts {
  const { patient, registrations, decisions } = register;
  const open = registrations.filter((r) => isRegisteredOn(r, date));
  const inForce = decisions.filter((d) => isDecisionInForce(d, date, decisions));
  const all = new Set<Icd10Code>([
    ...open.map((r) => r.icd10),
    ...inForce.map((d) => d.icd10),
    ...codes,
  ]);
  const relied = new Map<Icd10Code, ReliedOn>();
  const diagnoses: RegisterDiagnosis[] = [];
  for (const code of all) {
    const registration = open.find((r) => r.icd10 === code) ?? null;
    const approving = inForce
      .filter((d) => d.icd10 === code)
      .map((d) => ({ id: d.id, inns: d.inns.map((i) => i.toLowerCase()) }));
    relied.set(code, { registration: registration?.id ?? null, decisions: approving });
    diagnoses.push({
      code,
      registered: registration !== null,
      commission: [...new Set(approving.flatMap((d) => d.inns))],
      verified: registration?.confirmed ?? false,
      confirmed: registration?.confirmed ?? false,
    });
  }
  const attachment = attachmentOn(patient.attachments, date);
  return {
    facts: {
      region,
      date,
      birthDate: patient.birthDate,
      citizenship: patient.citizenship === 'KZ' ? 'KZ' : 'other',
      servedIn: attachment ? regionOfOrganisation(attachment.organisation) : 'unknown',
      diagnoses,
    },
    relied,
  };
}
