/**
 * Building blocks shared by the resources: periods from effective dates,
 * citations, codings, and the extensions that carry an item's conditions and
 * products. Each returns plain FHIR JSON.
 */
import type { ActId } from '../domain/act.ts';
import type { ItemCitation } from '../domain/citation.ts';
import type { Effective } from '../domain/effective.ts';
import type { Diagnosis, Indication, Population, Product } from '../domain/list.ts';
import type { Lang, LocalizedText } from '../domain/text.ts';
import { EXT, IDENTIFIER_SYSTEM, SYSTEM } from './extensions.ts';
import { localized, textExtension } from './text.ts';
import type { CodeableConcept, Coding, Extension, Identifier, Period } from './types.ts';

/**
 * A known entry into force is `period.start`; a window has no start and an
 * `effective-window` extension with what is known (earliest, latest, why).
 */
export function periodOf(effective: Effective): Period {
  if (effective.kind === 'known') return { start: effective.date };
  return {
    extension: [
      {
        url: EXT.effectiveWindow,
        extension: [
          { url: 'earliest', valueDate: effective.earliest },
          ...(effective.latest === null ? [] : [{ url: 'latest', valueDate: effective.latest }]),
          { url: 'reason', valueString: effective.reason },
        ],
      },
    ],
  };
}

export function actIdentifier(id: ActId): Identifier {
  return { system: IDENTIFIER_SYSTEM.act, value: id };
}

/**
 * The `citation` extension: act, annex, section, item, the place in the annex's
 * own units (`unit`: kind `point`/`sub_point`/`section`/`row` and number,
 * outermost first), edition, source lines and the sentence.
 */
export function citationExtension(citation: ItemCitation, lang: Lang): Extension {
  return {
    url: EXT.citation,
    extension: [
      { url: 'act', valueIdentifier: actIdentifier(citation.act) },
      { url: 'annex', valueString: citation.annex },
      { url: 'section', valueString: citation.section },
      ...(citation.item === null ? [] : [{ url: 'item', valueString: citation.item }]),
      ...citation.units.map((u) => ({
        url: 'unit',
        extension: [
          { url: 'kind', valueCode: u.kind },
          { url: 'number', valueString: u.number },
        ],
      })),
      { url: 'edition', valueIdentifier: actIdentifier(citation.edition.act) },
      ...citation.edition.amendedBy.map((id) => ({
        url: 'amendedBy',
        valueIdentifier: actIdentifier(id),
      })),
      { url: 'sourceFile', valueString: citation.source.file },
      { url: 'fromLine', valueInteger: citation.source.lines[0] },
      { url: 'toLine', valueInteger: citation.source.lines[1] },
      textExtension('text', citation.text, lang),
    ],
  };
}

export function atcCoding(atc: string): Coding {
  return { system: SYSTEM.atc, code: atc };
}

export function icd10Coding(code: string): Coding {
  return { system: SYSTEM.icd10, code };
}

/**
 * ICD-10 codings with the list's wording as text. No `display`: the wording is
 * the law's, not the ICD-10 title of the code.
 */
export function icd10Concept(
  codes: readonly string[],
  text: LocalizedText,
  lang: Lang,
): CodeableConcept {
  return { coding: codes.map(icd10Coding), ...localized('text', text, lang) };
}

export function coveredDiagnosisExtension(diagnosis: Diagnosis, lang: Lang): Extension {
  const { mapping } = diagnosis;
  return {
    url: EXT.coveredDiagnosis,
    extension: [
      { url: 'code', valueCodeableConcept: icd10Concept(diagnosis.icd10, diagnosis.text, lang) },
      { url: 'confidence', valueCode: mapping.confidence },
      ...(mapping.alternatives ?? []).map((code) => ({
        url: 'alternative',
        valueCoding: icd10Coding(code),
      })),
      ...(mapping.note === undefined ? [] : [textExtension('note', mapping.note, lang)]),
    ],
  };
}

export function populationExtension(population: Population, lang: Lang): Extension {
  return {
    url: EXT.population,
    extension: [
      { url: 'ageGroup', valueCode: population.age },
      { url: 'dispensaryRegistration', valueCode: population.dispensaryRegistration },
      ...(population.text ? [textExtension('text', population.text, lang)] : []),
    ],
  };
}

/** Null where the source states no indication (no conditions, no text). */
export function indicationExtension(indication: Indication, lang: Lang): Extension | null {
  if (indication.conditions.length === 0 && indication.text === null) return null;
  return {
    url: EXT.indication,
    extension: [
      ...indication.conditions.map((c) => ({ url: 'condition', valueCode: c })),
      ...(indication.text ? [textExtension('text', indication.text, lang)] : []),
    ],
  };
}

/** The parts of a product the `product` extension carries (a list product or an engine product). */
export interface ProductFacts {
  kind: Product['kind'];
  text?: Product['text'];
  name: LocalizedText | null;
  inn: string | null;
  atc: string | null;
  innAbsent?: Product['innAbsent'] | null;
  mapping?: Product['mapping'];
}

export function productExtension(product: ProductFacts, lang: Lang): Extension {
  return {
    url: EXT.product,
    extension: [
      { url: 'kind', valueCode: product.kind },
      ...(product.text ? [{ url: 'text', valueString: product.text.kk }] : []),
      ...(product.name ? [textExtension('name', product.name, lang)] : []),
      ...(product.inn ? [{ url: 'inn', valueString: product.inn }] : []),
      ...(product.atc ? [{ url: 'atc', valueCoding: atcCoding(product.atc) }] : []),
      ...(product.innAbsent ? [{ url: 'innAbsent', valueCode: product.innAbsent }] : []),
      ...(product.mapping ? [{ url: 'confidence', valueCode: product.mapping.confidence }] : []),
      ...(product.mapping?.note ? [textExtension('note', product.mapping.note, lang)] : []),
    ],
  };
}
