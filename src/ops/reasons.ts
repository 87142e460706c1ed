/**
 * Stable reasons of the operations layer's issues, each with its parameters and its English
 * sentence. A use case names the reason and its values; the API answers the English sentence
 * (the issue's `message`), and a page renders the same reason in its own language from the
 * staff dictionaries (src/web/staff/i18n/reasons.ts, typed by this catalogue, so a new reason
 * is a compile error there until it is translated). Values are data (codes, numbers, dates,
 * names as written), never sentences.
 */
import type { Unmet } from '../domain/explain.ts';

export type ReasonParams = Readonly<Record<string, string>>;

const UNMET_STEPS = {
  commission_decision: (v: ReasonParams) =>
    `record a commission decision naming ${v.product} for ${v.icd10} first`,
  dispensary_registration: (v: ReasonParams) => `register the patient for ${v.icd10} first`,
  verified_diagnosis: (v: ReasonParams) =>
    `confirm the diagnosis in the registration for ${v.icd10}`,
  diagnosis_confirmation: (v: ReasonParams) =>
    `confirm the diagnosis in the registration for ${v.icd10}`,
  indication_wording: () =>
    "the list's indication is worded in a way no record states: it cannot be issued from the register",
  citizenship: () => "the patient's citizenship does not meet the list",
  attachment: () => 'attach the patient to an organisation of the region first',
} as const satisfies Record<Unmet, (v: ReasonParams) => string>;

export const OPS_REASONS = {
  ...UNMET_STEPS,
  not_in_list: (v: ReasonParams) =>
    `no item of the ${v.region} list on ${v.on} gives ${v.product} for ${v.icd10}`,
  already_registered: (v: ReasonParams) =>
    `icd10: the patient is already registered for ${v.icd10}; close that registration first`,
  registration_closed: (v: ReasonParams) => `id: registration ${v.id} is already closed`,
  protocol_recorded: () => 'protocolNumber: this protocol is already recorded for the patient',
  decision_revoked: (v: ReasonParams) => `revokes: decision ${v.id} is already revoked`,
  patient_exists: () => 'a patient with this IIN is already registered',
  username_taken: (v: ReasonParams) => `the user name ${v.username} is taken`,
  organisation_exists: (v: ReasonParams) => `organisation ${v.id} already exists`,
  prescription_not_active: (v: ReasonParams) => `id: prescription ${v.number} is ${v.status}`,
  not_today: (v: ReasonParams) => `${v.field}: expected today's date, not ${v.day}`,
  /** A dispensing rule's refusal (src/ops/dispensing.ts): the rule's own sentence is English. */
  dispensing: (v: ReasonParams) => v.sentence ?? '',
} as const satisfies Record<string, (v: ReasonParams) => string>;

export type OpsReasonId = keyof typeof OPS_REASONS;

/** Why, in a form every language can render: the reason and its values. */
export interface OpsReason {
  id: OpsReasonId;
  params: ReasonParams;
  /** For `dispensing`: the rule's code (src/ops/dispensing.ts, DISPENSE_/DEFERRAL_REFUSALS). */
  rule?: string;
}

/** The English sentence of a reason (the issue's `message`). */
export const reasonInEnglish = (reason: OpsReason): string => OPS_REASONS[reason.id](reason.params);
