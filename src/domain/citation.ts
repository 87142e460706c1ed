/**
 * Citations: where in the law an item stands, as data and as a sentence in
 * kk/ru/en, in the units of the act itself ("… annex 1, point 1, sub-point 14)"
 * for Karaganda, "… annex 1, section 1, row 5" for West Kazakhstan's table;
 * docs/adr/0009-citation-structure.md), in the edition of ….
 */
import type { ActFile, ActId } from './act.ts';
import type { Effective } from './effective.ts';
import { placeIn, unitsOf, type CitationUnit } from './units.ts';
import type { Item, ListFile, Section } from './list.ts';
import type { Region } from './region.ts';
import type { LocalizedText } from './text.ts';

export interface ItemCitation {
  act: ActId;
  annex: string;
  /** The section's (point's) number; kept beside `units` for older clients. */
  section: string;
  /** Null where the source does not number the item. */
  item: string | null;
  /** The place in the annex in the act's own units, outermost first. */
  units: CitationUnit[];
  edition: { act: ActId; amendedBy: ActId[]; inForceFrom: Effective };
  source: { file: string; lines: [number, number] };
  text: LocalizedText;
}

/** "DD.MM.YYYY", the way Kazakh legal texts write dates. */
export function legalDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

type ActLabelParts = Pick<ActFile, 'adopted' | 'number'>;

/** "decision of the Karaganda oblast maslikhat No 34 of 25.02.2021" in three languages. */
export function actLabel(act: ActLabelParts, region: Region | undefined): LocalizedText {
  const date = legalDate(act.adopted);
  if (!region) {
    return {
      kk: `${date} № ${act.number} шешім`,
      ru: `решение от ${date} № ${act.number}`,
      en: `decision No ${act.number} of ${date}`,
    };
  }
  return {
    kk: `${region.maslikhat.kk} ${date} № ${act.number} шешімі`,
    ru: `решение ${region.maslikhat.ru} от ${date} № ${act.number}`,
    en: `decision of the ${region.maslikhat.en} No ${act.number} of ${date}`,
  };
}

/** The short form "No 15-3 of 24.10.2024" used inside a longer citation. */
function shortLabel(id: ActId, lookup: (id: ActId) => ActLabelParts | undefined): LocalizedText {
  const act = lookup(id);
  if (!act) return { kk: id, ru: id, en: id };
  const date = legalDate(act.adopted);
  return {
    kk: `${date} № ${act.number}`,
    ru: `от ${date} № ${act.number}`,
    en: `No ${act.number} of ${date}`,
  };
}

export function citeItem(input: {
  list: ListFile;
  section: Section;
  item: Item;
  inForceFrom: Effective;
  region: Region | undefined;
  lookup: (id: ActId) => ActLabelParts | undefined;
}): ItemCitation {
  const { list, section, item, region, lookup } = input;
  const principal = lookup(list.act);
  const label = principal
    ? actLabel(principal, region)
    : { kk: list.act, ru: list.act, en: list.act };
  const number = item.numberAssigned ? null : item.number;
  const units = unitsOf(list.structure, section.number, number);
  const edition = shortLabel(list.edition, lookup);
  const amended = list.amendedBy.map((id) => shortLabel(id, lookup));
  const join = (lang: keyof LocalizedText): string => amended.map((a) => a[lang]).join(', ');
  const place = placeIn(list.annex, units);
  const editionText = {
    kk: `${edition.kk} шешімнің редакциясында${amended.length ? `, ${join('kk')} шешімдерімен өзгерістер енгізілген` : ''}`,
    ru: `в редакции решения ${edition.ru}${amended.length ? `, с изменениями, внесёнными решениями ${join('ru')}` : ''}`,
    en: `in the edition of decision ${edition.en}${amended.length ? `, as amended by decisions ${join('en')}` : ''}`,
  };
  return {
    act: list.act,
    annex: list.annex,
    section: section.number,
    item: number,
    units,
    edition: { act: list.edition, amendedBy: [...list.amendedBy], inForceFrom: input.inForceFrom },
    source: { file: list.source.file, lines: item.lines },
    text: {
      kk: `${label.kk}, ${place.kk} (${editionText.kk})`,
      ru: `${capitalise(label.ru)}, ${place.ru} (${editionText.ru})`,
      en: `${capitalise(label.en)}, ${place.en} (${editionText.en})`,
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
