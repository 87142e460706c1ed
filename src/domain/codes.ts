/**
 * Classification codes: WHO ICD-10 (the version used in Kazakhstan) and WHO ATC.
 *
 * An ICD-10 code in the law is a 3-character category (`M08`) or a subcategory
 * (`M08.2`); a patient's more specific code falls under it (`M08.21` under
 * `M08.2` and `M08`). Codes are stored canonically: upper case, dot after the
 * category.
 */
import { z } from 'zod';

const ICD10_CANONICAL = /^[A-Z]\d{2}(?:\.\d{1,2})?$/;
const ATC_CANONICAL = /^[A-Z](?:\d{2}(?:[A-Z](?:[A-Z](?:\d{2})?)?)?)?$/;

export const Icd10Code = z
  .string()
  .regex(ICD10_CANONICAL, 'expected an ICD-10 code such as M08 or M08.2 (upper case, dot)')
  .brand<'Icd10Code'>();
export type Icd10Code = z.infer<typeof Icd10Code>;

export const AtcCode = z
  .string()
  .regex(ATC_CANONICAL, 'expected an ATC code at level 1 to 5, such as L04 or L04AC07')
  .brand<'AtcCode'>();
export type AtcCode = z.infer<typeof AtcCode>;

export type NormalisedIcd10 = { ok: true; code: Icd10Code } | { ok: false; reason: string };

/**
 * Normalises what a person types (`m08.2`, `M082`, ` M08 .2 `) to a canonical
 * code, or says why it cannot be one.
 */
export function normaliseIcd10(input: string): NormalisedIcd10 {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  const match = /^([A-Z]\d{2})\.?(\d{0,2})$/.exec(compact);
  if (!match) {
    return {
      ok: false,
      reason: `"${input}" is not an ICD-10 code: expected a letter, two digits and up to two more digits (e.g. M08, M08.2)`,
    };
  }
  const [, category, detail] = match as unknown as [string, string, string];
  return { ok: true, code: (detail ? `${category}.${detail}` : category) as Icd10Code };
}

/** True when `patientCode` is `listedCode` or a more specific code under it. */
export function icd10Covers(listedCode: Icd10Code, patientCode: Icd10Code): boolean {
  // Canonical codes nest by prefix: M08 ⊃ M08.2 ⊃ M08.21.
  return patientCode.startsWith(listedCode);
}

/** The 3-character category of a code (`M08.21` → `M08`). */
export function icd10Category(code: Icd10Code): string {
  return code.slice(0, 3);
}
