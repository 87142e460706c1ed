/**
 * A whole consolidated list text in FHIR: its InsurancePlan, a FormularyItem
 * per item product (per excluded item: one), and a MedicationKnowledge per
 * named medicine. What a bulk export or a store of FHIR resources needs.
 */
import type { CatalogContext, CatalogVersion } from '../domain/catalog.ts';
import type { Region } from '../domain/region.ts';
import { formularyItemOf } from './formulary-item.ts';
import { formularyItemId, listTextId } from './ids.ts';
import { insurancePlanOf } from './insurance-plan.ts';
import { medicationKnowledgeOf } from './medication-knowledge.ts';
import type { Basic, FhirOptions, InsurancePlan, MedicationKnowledge } from './types.ts';

export interface Formulary {
  plan: InsurancePlan;
  items: Basic[];
  medications: MedicationKnowledge[];
}

export function formularyOf(
  region: Region,
  version: CatalogVersion,
  context: CatalogContext,
  options: FhirOptions,
): Formulary {
  const plan = insurancePlanOf(region, version, context, options);
  const planId = listTextId(version.list);
  const items: Basic[] = [];
  const medications: MedicationKnowledge[] = [];
  for (const section of version.list.sections) {
    for (const item of section.items) {
      const base = { region, version, section, item, context };
      if (item.status === 'excluded') {
        items.push(formularyItemOf({ ...base, productIndex: null }, options));
        continue;
      }
      item.products.forEach((product, productIndex) => {
        items.push(formularyItemOf({ ...base, productIndex }, options));
        const id = formularyItemId(planId, section.number, item.number, productIndex);
        const medication = medicationKnowledgeOf(product, id, options);
        if (medication) medications.push(medication);
      });
    }
  }
  return { plan, items, medications };
}
