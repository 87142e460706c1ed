/**
 * Every page type of the web front, with a path (after `/{lang}`) and what it
 * must show in each language; shared by the in-process and browser tests.
 */
import { legalDate } from '../../src/domain/citation.ts';
import type { Lang } from '../../src/domain/text.ts';
import type { Messages } from '../../src/web/i18n/messages.ts';
import { listSize } from './counts.ts';

export interface PageDef {
  name: string;
  path: string;
  /** Posted as a form to `path` (the checker answers a POST only). */
  form?: [string, string][];
  expect: (lang: Lang, m: Messages) => string[];
}

const WK = {
  kk: 'Батыс Қазақстан облысы',
  ru: 'Западно-Казахстанская область',
  en: 'West Kazakhstan Region',
};
const KA = { kk: 'Қарағанды облысы', ru: 'Карагандинская область', en: 'Karaganda Region' };
/** Item headings in the annexes' own units: West Kazakhstan's table rows, Karaganda's sub-points. */
const ROW = (n: string) => ({
  kk: `1-бөлімнің реттік нөмірі ${n}-жолы`,
  ru: `Строка, порядковый номер ${n}, раздела 1`,
  en: `Section 1, row ${n}`,
});
const SUB_POINT_7 = {
  kk: '1-тармақтың 7) тармақшасы',
  ru: 'Подпункт 7) пункта 1',
  en: 'Point 1, sub-point 7)',
};

export const PAGES: readonly PageDef[] = [
  { name: 'home', path: '/', expect: (l, m) => [m.home.title, m.home.withLists, WK[l], KA[l]] },
  {
    name: 'catalogue',
    path: '/regions/west-kazakhstan',
    expect: (l, m) => [
      WK[l],
      m.common.listAsOf('24.11.2026'),
      m.catalog.showing(listSize('KZ-27'), listSize('KZ-27')),
    ],
  },
  {
    name: 'catalogue-uncertain',
    path: '/regions/KZ-35?date=2026-06-01',
    expect: (l, m) => [KA[l], m.common.coverage.uncertain, m.common.listAsOf('01.06.2026')],
  },
  {
    name: 'catalogue-filtered',
    path: '/regions/west-kazakhstan?q=canakinumab&section=medicine&age=children',
    expect: (_l, m) => [m.catalog.clear],
  },
  {
    name: 'item',
    path: '/regions/KZ-27/items/1/5',
    expect: (l, m) => [ROW('5')[l], m.common.basis, m.item.historyTitle, 'M33.0'],
  },
  {
    name: 'item-excluded',
    path: '/regions/KZ-27/items/1/26',
    expect: (l, m) => [ROW('26')[l], m.common.excludedContent],
  },
  {
    name: 'item-unnamed',
    path: '/regions/KZ-35/items/1/7',
    expect: (l, m) => [SUB_POINT_7[l], m.common.basis],
  },
  {
    name: 'act',
    path: '/acts/KZ-27.maslikhat.2020-09-30.38-3',
    expect: (_l, m) => [m.act.adopted, m.act.entryIntoForce, legalDate('2020-09-30')],
  },
  {
    name: 'changes',
    path: '/regions/KZ-27/changes?from=2025-06-01&to=2026-11-24',
    expect: (_l, m) => [m.changes.title, m.changes.timeline, m.changes.cannotCompare],
  },
  { name: 'check', path: '/check', expect: (_l, m) => [m.check.title, m.check.registered] },
  {
    name: 'check-answer',
    path: '/check',
    form: [
      ['go', '1'],
      ['region', 'KZ-27'],
      ['age', '8'],
      ['dx', 'M08.2'],
      ['registered', '1'],
    ],
    expect: (_l, m) => [m.check.resultsTitle, m.check.statusTitle.entitled],
  },
  {
    name: 'compare',
    path: '/compare?a=KZ-27&b=KZ-35',
    expect: (l, m) => [m.compare.title, m.compare.byDiagnosis, m.compare.byMedicine, WK[l], KA[l]],
  },
  {
    name: 'medicines',
    path: '/medicines',
    expect: (_l, m) => [m.medicine.indexTitle, 'canakinumab'],
  },
  {
    name: 'medicine',
    path: '/medicines/canakinumab',
    expect: (l, m) => [WK[l], m.medicine.otherRegions(18), 'L04AC08'],
  },
  { name: 'diagnoses', path: '/diagnoses', expect: (_l, m) => [m.diagnosis.indexTitle, 'M08'] },
  {
    name: 'diagnosis',
    path: '/diagnoses/M08',
    expect: (l, m) => [m.diagnosis.title('M08'), WK[l], KA[l]],
  },
  {
    name: 'search',
    path: '/search?q=canakinumab',
    expect: (_l, m) => [m.search.title, m.search.openMedicine('')],
  },
];

/** As the pages write text: `&`, `<`, `>`, `"` and `'` escaped. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The request that opens `def` under `/{lang}`: a GET, or the form post. */
export function pageRequest(def: PageDef): RequestInit {
  return def.form
    ? {
        method: 'POST',
        body: new URLSearchParams(def.form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }
    : {};
}
