/**
 * One product of one list item as a Da Vinci FormularyItem: a Basic with code
 * `formulary-item`, pointing at its InsurancePlan (FormularyReference) and its
 * MedicationKnowledge (`subject`), with availability status and period. The
 * item's conditions, which Da Vinci has no elements for, are tegin
 * extensions: covered diagnosis (ICD-10), population, indication, commission
 * decision (also as Da Vinci's PriorAuthorization), product and citation.
 *
 * An item with several products gives one FormularyItem per product (Da Vinci:
 * one per drug); an excluded item gives one, `retired`, with no subject.
 */
import type { CatalogContext, CatalogVersion } from '../domain/catalog.ts';
import { cachedCitation } from '../domain/catalog.ts';
import { citeItem } from '../domain/citation.ts';
import type { Item, Section } from '../domain/list.ts';
import type { Region } from '../domain/region.ts';
import {
  actIdentifier,
  citationExtension,
  coveredDiagnosisExtension,
  indicationExtension,
  periodOf,
  populationExtension,
  productExtension,
} from './elements.ts';
import { DAVINCI, EXT, SYSTEM } from './extensions.ts';
import { formularyItemId, listTextId } from './ids.ts';
import { hasMedicationKnowledge } from './medication-knowledge.ts';
import { DEFAULT_LANG, localized, textExtension } from './text.ts';
import type { Basic, Extension, FhirOptions, Reference } from './types.ts';

export interface FormularyItemInput {
  region: Region;
  version: CatalogVersion;
  section: Section;
  item: Item;
  /** Which product of an in-force item (0-based); null for an excluded item. */
  productIndex: number | null;
  context: CatalogContext;
}

export function formularyItemOf(input: FormularyItemInput, options: FhirOptions): Basic {
  const { region, version, section, item, productIndex, context } = input;
  const lang = options.lang ?? DEFAULT_LANG;
  const planId = listTextId(version.list);
  const id = formularyItemId(planId, section.number, item.number, productIndex);
  const citation = cachedCitation(item, () =>
    citeItem({
      list: version.list,
      section,
      item,
      inForceFrom: version.effective,
      region,
      lookup: (a) => context.act(a),
    }),
  );
  const extension: Extension[] = [
    { url: DAVINCI.formularyReference, valueReference: { reference: `InsurancePlan/${planId}` } },
    {
      url: DAVINCI.availabilityStatus,
      valueCode: item.status === 'in_force' ? 'active' : 'retired',
    },
  ];
  let subject: Reference | undefined;
  if (item.status === 'excluded') {
    extension.push(
      { url: EXT.itemStatus, valueCode: 'excluded' },
      { url: EXT.excludedBy, valueIdentifier: actIdentifier(item.excludedBy) },
    );
  } else {
    const product = item.products[productIndex ?? 0];
    if (!product) {
      throw new Error(
        `item ${item.number} of section ${section.number} has no product ${productIndex}`,
      );
    }
    const needsCommission = item.indication.conditions.includes('commission_decision');
    extension.push(
      { url: DAVINCI.availabilityPeriod, valuePeriod: periodOf(version.effective) },
      { url: EXT.itemStatus, valueCode: 'in_force' },
      coveredDiagnosisExtension(item.diagnosis, lang),
      populationExtension(item.population, lang),
      ...nonNull(indicationExtension(item.indication, lang)),
      { url: DAVINCI.priorAuthorization, valueBoolean: needsCommission },
      { url: EXT.commissionDecisionRequired, valueBoolean: needsCommission },
      productExtension(product, lang),
    );
    if (hasMedicationKnowledge(product)) {
      subject = {
        reference: `MedicationKnowledge/${id}`,
        display: product.inn ?? product.name?.[lang] ?? product.text.kk,
      };
    } else if (product.name !== null) {
      // A device, food or care product: named, but not a medication.
      subject = localized('display', product.name, lang);
    } else {
      // The source names no product: the subject is known to exist but not known.
      subject = { extension: [{ url: SYSTEM.dataAbsentReason, valueCode: 'unknown' }] };
    }
  }
  extension.push(citationExtension(citation, lang));
  for (const note of item.notes) {
    extension.push({
      url: EXT.sourceNote,
      extension: [{ url: 'kind', valueCode: note.kind }, textExtension('text', note.text, lang)],
    });
  }
  return {
    resourceType: 'Basic',
    id,
    language: lang,
    extension,
    code: {
      coding: [
        { system: DAVINCI.insuranceItemType, code: 'formulary-item', display: 'Formulary Item' },
      ],
    },
    ...(subject ? { subject } : {}),
  };
}

function nonNull<T>(value: T | null): T[] {
  return value === null ? [] : [value];
}
