/**
 * The medicine of a prescription, shared by MedicationRequest and MedicationDispense: the ATC
 * code when known, the INN (or the product's name where it has none) as text — never an ATC
 * title, which the data does not hold.
 */
import type { Prescription } from '../../ops/clinical.ts';
import { atcCoding } from '../elements.ts';
import { SYSTEM } from '../extensions.ts';
import type { CodeableConcept } from './types.ts';

export type PrescribedProduct = Prescription['product'];

export function medicationConceptOf(product: PrescribedProduct): CodeableConcept {
  const text = product.inn ?? product.name;
  const coding = product.atc === null ? [] : [atcCoding(product.atc)];
  if (text === null && coding.length === 0) {
    return { extension: [{ url: SYSTEM.dataAbsentReason, valueCode: 'unknown' }] };
  }
  return { ...(coding.length ? { coding } : {}), ...(text === null ? {} : { text }) };
}
