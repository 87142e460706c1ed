/**
 * One consolidated text of a regional list as an InsurancePlan, the way the
 * Da Vinci US Drug Formulary models a formulary (`type` DRUGPOL, identifier,
 * name, period); adapted: the coverage area is the region (ISO 3166-2), the
 * owner is its maslikhat, coverage entries are the list's sections, and one
 * plan says "free of charge" (0 KZT). The act behind it is cited in an extension.
 */
import type { CatalogContext, CatalogVersion } from '../domain/catalog.ts';
import { actLabel } from '../domain/citation.ts';
import { SECTION_LABELS } from '../domain/labels.ts';
import type { Region } from '../domain/region.ts';
import type { LocalizedText } from '../domain/text.ts';
import { actIdentifier, periodOf } from './elements.ts';
import { CODE_SYSTEM, EXT, IDENTIFIER_SYSTEM, SYSTEM } from './extensions.ts';
import { listKey, listTextId } from './ids.ts';
import { DEFAULT_LANG, localized, localizedList, textExtension } from './text.ts';
import type { Extension, FhirOptions, InsurancePlan } from './types.ts';

/** What every list is, in the name of its plan. */
const LIST_KIND: LocalizedText = {
  kk: 'амбулаториялық деңгейде тегін берілетін дәрілер тізімі',
  ru: 'перечень бесплатных амбулаторных лекарств',
  en: 'free outpatient medicines list',
};

const FREE_OF_CHARGE: LocalizedText = {
  kk: 'тегін, амбулаториялық деңгейде; әр тармақтың шарттары бойынша',
  ru: 'бесплатно на амбулаторном уровне; на условиях каждого пункта',
  en: 'free of charge in outpatient care, on the conditions of each item',
};

/**
 * The maslikhat as an owner. NOTE: the region data holds the maslikhat's name
 * in the genitive only ("… мәслихатының"), as citations need it; these
 * nominative forms are built from the region's name until the data has them.
 */
export function maslikhatName(region: Region): LocalizedText {
  return {
    kk: `${region.name.kk} мәслихаты`,
    ru: `Маслихат (${region.name.ru})`,
    en: capitalise(region.maslikhat.en),
  };
}

export function insurancePlanOf(
  region: Region,
  version: CatalogVersion,
  context: CatalogContext,
  options: FhirOptions,
): InsurancePlan {
  const lang = options.lang ?? DEFAULT_LANG;
  const { list } = version;
  const principal = context.act(list.act);
  const label = principal
    ? actLabel(principal, region)
    : { kk: list.act, ru: list.act, en: list.act };
  const name: LocalizedText = {
    kk: `${region.name.kk} — ${LIST_KIND.kk} (${label.kk}, ${list.annex}-қосымша)`,
    ru: `${region.name.ru} — ${LIST_KIND.ru} (${label.ru}, приложение ${list.annex})`,
    en: `${region.name.en} — ${LIST_KIND.en} (${label.en}, annex ${list.annex})`,
  };
  const id = listTextId(list);
  const citation: Extension = {
    url: EXT.listCitation,
    extension: [
      { url: 'act', valueIdentifier: actIdentifier(list.act) },
      { url: 'annex', valueString: list.annex },
      { url: 'edition', valueIdentifier: actIdentifier(list.edition) },
      ...list.amendedBy.map((a) => ({ url: 'amendedBy', valueIdentifier: actIdentifier(a) })),
      { url: 'currentAsOf', valueDate: list.currentAsOf },
      { url: 'sourceFile', valueString: list.source.file },
      textExtension('label', label, lang),
    ],
  };
  return {
    resourceType: 'InsurancePlan',
    id,
    language: lang,
    extension: [citation],
    identifier: [
      { system: IDENTIFIER_SYSTEM.list, value: listKey(list) },
      { system: IDENTIFIER_SYSTEM.listText, value: id },
    ],
    status: 'active',
    type: [{ coding: [{ system: SYSTEM.v3ActCode, code: 'DRUGPOL', display: 'drug policy' }] }],
    ...localized('name', name, lang),
    ...localizedList('alias', [list.title], lang),
    period: periodOf(version.effective),
    ownedBy: localized('display', maslikhatName(region), lang),
    coverageArea: [
      {
        identifier: { system: IDENTIFIER_SYSTEM.iso3166part2, value: region.code },
        ...localized('display', region.name, lang),
      },
    ],
    coverage: list.sections.map((section) => ({
      extension: [
        {
          url: EXT.section,
          extension: [
            { url: 'number', valueString: section.number },
            { url: 'unit', valueCode: list.structure.section },
            { url: 'items', valueInteger: section.items.length },
          ],
        },
      ],
      type: {
        coding: [
          {
            system: CODE_SYSTEM.section,
            code: section.kind,
            display: SECTION_LABELS[section.kind].en,
          },
        ],
        ...localized('text', section.title, lang),
      },
      benefit: [
        {
          type: {
            coding: [{ system: SYSTEM.benefitType, code: 'benefit', display: 'Benefit' }],
            ...localized('text', SECTION_LABELS[section.kind], lang),
          },
          ...localized('requirement', FREE_OF_CHARGE, lang),
        },
      ],
    })),
    plan: [
      {
        identifier: [{ system: IDENTIFIER_SYSTEM.listText, value: id }],
        type: localized('text', LIST_KIND, lang),
        generalCost: [
          { cost: { value: 0, currency: 'KZT' }, ...localized('comment', FREE_OF_CHARGE, lang) },
        ],
      },
    ],
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
