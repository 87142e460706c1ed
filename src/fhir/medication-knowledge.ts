/**
 * A medicine of a list as a MedicationKnowledge (Da Vinci's FormularyDrug,
 * adapted: WHO ATC instead of RxNorm). Only medicines the source names get
 * one: a product whose name the source omits (`innAbsent: name_missing`) has
 * nothing to describe, and devices, foods and care products are not
 * medications (their FormularyItem describes them; docs/adr/0006-fhir-mapping.md).
 */
import type { Product } from '../domain/list.ts';
import type { LocalizedText } from '../domain/text.ts';
import { atcCoding, productExtension } from './elements.ts';
import { DEFAULT_LANG, localized, same } from './text.ts';
import type { FhirOptions, MedicationKnowledge } from './types.ts';

/** Whether a product is described by a MedicationKnowledge. */
export function hasMedicationKnowledge(product: Product): boolean {
  return (
    product.kind === 'medicine' && product.name !== null && product.innAbsent !== 'name_missing'
  );
}

/**
 * `code`: the ATC coding (where the data has one) and the INN as text (a class
 * of medicines: its name); `synonym`: the name in kk/ru/en; `doseForm.text`:
 * the form as the source gives it. Null for products with no MedicationKnowledge.
 */
export function medicationKnowledgeOf(
  product: Product,
  id: string,
  options: FhirOptions,
): MedicationKnowledge | null {
  if (!hasMedicationKnowledge(product) || product.name === null) return null;
  const lang = options.lang ?? DEFAULT_LANG;
  const text: LocalizedText = product.inn === null ? product.name : same(product.inn);
  return {
    resourceType: 'MedicationKnowledge',
    id,
    language: lang,
    extension: [productExtension(product, lang)],
    code: {
      ...(product.atc === null ? {} : { coding: [atcCoding(product.atc)] }),
      ...localized('text', text, lang),
    },
    status: 'active',
    synonym: [...new Set([product.name.kk, product.name.ru, product.name.en])],
    ...(product.form === null ? {} : { doseForm: localized('text', product.form, lang) }),
  };
}
