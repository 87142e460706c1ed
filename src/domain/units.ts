/**
 * The units an annex is divided into, and their names in kk/ru/en as the
 * amending acts write them (docs/adr/0009-citation-structure.md):
 * - a point with sub-points (Karaganda): kk "1-тармақтың 14) тармақшасы",
 *   ru "подпункт 14) пункта 1", en "point 1, sub-point 14)";
 * - a table's numbered rows under section headings (West Kazakhstan):
 *   kk "1-бөлімнің реттік нөмірі 5-жолы", ru "строка, порядковый номер 5,
 *   раздела 1", en "section 1, row 5".
 * Every place that names where an item stands goes through this module.
 */
import { assertNever } from './effective.ts';
import type { ListStructure } from './list.ts';
import type { LocalizedText } from './text.ts';

export const UNIT_KINDS = ['point', 'sub_point', 'section', 'row'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface CitationUnit {
  kind: UnitKind;
  number: string;
}

/** The units of an item: its section (point), then its own number unless tegin assigned it. */
export function unitsOf(
  structure: ListStructure,
  section: string,
  item: string | null,
): CitationUnit[] {
  const outer: CitationUnit = { kind: structure.section, number: section };
  return item === null ? [outer] : [outer, { kind: structure.item, number: item }];
}

/** Kazakh forms: nominative, genitive, possessive, possessive + genitive. */
interface KkForms {
  nom: string;
  gen: string;
  poss: string;
  possGen: string;
}

function kkForms(unit: CitationUnit): KkForms {
  const n = unit.number;
  switch (unit.kind) {
    case 'point':
      return {
        nom: `${n}-тармақ`,
        gen: `${n}-тармақтың`,
        poss: `${n}-тармағы`,
        possGen: `${n}-тармағының`,
      };
    case 'sub_point':
      return {
        nom: `${n}) тармақша`,
        gen: `${n}) тармақшаның`,
        poss: `${n}) тармақшасы`,
        possGen: `${n}) тармақшасының`,
      };
    case 'section':
      return {
        nom: `${n}-бөлім`,
        gen: `${n}-бөлімнің`,
        poss: `${n}-бөлімі`,
        possGen: `${n}-бөлімінің`,
      };
    case 'row':
      return {
        nom: `реттік нөмірі ${n}-жол`,
        gen: `реттік нөмірі ${n}-жолдың`,
        poss: `реттік нөмірі ${n}-жолы`,
        possGen: `реттік нөмірі ${n}-жолының`,
      };
    default:
      return assertNever(unit.kind);
  }
}

/** Russian forms: nominative and genitive. */
function ruForms(unit: CitationUnit): { nom: string; gen: string } {
  const n = unit.number;
  switch (unit.kind) {
    case 'point':
      return { nom: `пункт ${n}`, gen: `пункта ${n}` };
    case 'sub_point':
      return { nom: `подпункт ${n})`, gen: `подпункта ${n})` };
    case 'section':
      return { nom: `раздел ${n}`, gen: `раздела ${n}` };
    case 'row':
      return { nom: `строка, порядковый номер ${n},`, gen: `строки, порядковый номер ${n},` };
    default:
      return assertNever(unit.kind);
  }
}

function enName(unit: CitationUnit): string {
  switch (unit.kind) {
    case 'point':
      return `point ${unit.number}`;
    case 'sub_point':
      return `sub-point ${unit.number})`;
    case 'section':
      return `section ${unit.number}`;
    case 'row':
      return `row ${unit.number}`;
    default:
      return assertNever(unit.kind);
  }
}

/** kk chain: each unit in the genitive of the one before it; `owned` after a genitive word. */
function kkChain(units: readonly CitationUnit[], owned: boolean): string {
  const last = units.length - 1;
  return units
    .map((unit, i) => {
      const f = kkForms(unit);
      if (i === last) return i === 0 && !owned ? f.nom : f.poss;
      return i === 0 && !owned ? f.gen : f.possGen;
    })
    .join(' ');
}

/** ru chain: the innermost unit first, the others in the genitive ("подпункт 14) пункта 1"). */
function ruChain(units: readonly CitationUnit[]): string {
  const inner = [...units].reverse();
  const text = inner.map((unit, i) => (i === 0 ? ruForms(unit).nom : ruForms(unit).gen)).join(' ');
  return text.replace(/,$/u, '');
}

/** Where an item stands in its annex, on its own: "point 1, sub-point 14)". */
export function unitsText(units: readonly CitationUnit[]): LocalizedText {
  return {
    kk: kkChain(units, false),
    ru: ruChain(units),
    en: units.map(enName).join(', '),
  };
}

/** The place inside a citation sentence: "annex 1, point 1, sub-point 14)". */
export function placeIn(annex: string, units: readonly CitationUnit[]): LocalizedText {
  const place = unitsText(units);
  return {
    kk: `${annex}-қосымша, ${place.kk}`,
    ru: `приложение ${annex}, ${place.ru}`,
    en: `annex ${annex}, ${place.en}`,
  };
}

/**
 * The place as the head of "… to the decision": kk "1-қосымшасының 1-тармағының
 * 14) тармақшасы", ru "подпункт 14) пункта 1 приложения 1", en "sub-point 14)
 * of point 1 of annex 1".
 */
export function placeOf(annex: string, units: readonly CitationUnit[]): LocalizedText {
  return {
    kk: `${annex}-қосымшасының ${kkChain(units, true)}`,
    ru: `${ruChain(units)} приложения ${annex}`,
    en: [...units.map(enName).reverse(), `annex ${annex}`].join(' of '),
  };
}
