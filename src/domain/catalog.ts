/**
 * A region's list as in force on a date: which consolidated text applies, and
 * each item's status (`in_force`, `excluded`, `unknown`) with the reason.
 *
 * The answer is honest about coverage: before the earliest text the data holds,
 * the list is `not_covered` (and no items are shown); inside a window where the
 * text's entry into force is uncertain, every item is `unknown`. It never
 * passes today's list off as an earlier one.
 */
import type { ActFile, ActId } from './act.ts';
import { citeItem, legalDate, actLabel, type ItemCitation } from './citation.ts';
import type { IsoDate } from './date.ts';
import { isInForceOn, type Effective } from './effective.ts';
import type {
  Indication,
  InForceItem,
  Item,
  ListFile,
  Population,
  Product,
  SectionKind,
} from './list.ts';
import type { Region } from './region.ts';
import type { LocalizedText } from './text.ts';

export interface CatalogContext {
  act(id: ActId): ActFile | undefined;
  effectiveOf(id: ActId): Effective;
}

export interface CatalogVersion {
  list: ListFile;
  effective: Effective;
}

export type CatalogItemStatus = 'in_force' | 'excluded' | 'unknown';

export interface CatalogProduct {
  kind: Product['kind'];
  inn: string | null;
  atc: string | null;
  name: LocalizedText | null;
  form: LocalizedText | null;
  text: { kk: string };
  /** Why there is no INN, where there is none. */
  innAbsent: NonNullable<Product['innAbsent']> | null;
  mapping: Product['mapping'];
}

export interface CatalogItem {
  section: SectionKind;
  sectionNumber: string;
  number: string;
  status: CatalogItemStatus;
  reason: LocalizedText | null;
  diagnosis:
    (LocalizedText & { icd10: string[]; mapping: InForceItem['diagnosis']['mapping'] }) | null;
  population: Population | null;
  indication: Indication | null;
  products: CatalogProduct[];
  citation: ItemCitation;
  notes: Item['notes'];
}

export type Coverage =
  | { status: 'covered'; inForceFrom: Effective }
  | { status: 'uncertain'; inForceFrom: Effective; reason: LocalizedText }
  | { status: 'not_covered'; reason: LocalizedText }
  | { status: 'no_list'; reason: LocalizedText };

export interface Catalog {
  region: Region['code'];
  date: IsoDate;
  coverage: Coverage;
  items: CatalogItem[];
  warnings: LocalizedText[];
}

/** The coverage of a region tegin holds no list for (the catalogue's and the engine's). */
export function noListCoverage(region: Region): Extract<Coverage, { status: 'no_list' }> {
  return {
    status: 'no_list',
    reason: {
      kk: `tegin деректерінде ${region.name.kk} бойынша тізім жоқ.`,
      ru: `В данных tegin нет перечня для региона «${region.name.ru}».`,
      en: `tegin holds no list for ${region.name.en}.`,
    },
  };
}

/** The list of `region` in force on `date`, from its consolidated texts (earliest first). */
export function catalogOn(input: {
  region: Region;
  date: IsoDate;
  versions: readonly CatalogVersion[];
  context: CatalogContext;
}): Catalog {
  const { region, date, versions, context } = input;
  const base = { region: region.code, date };
  if (versions.length === 0) {
    return { ...base, coverage: noListCoverage(region), items: [], warnings: [] };
  }
  const selection = selectVersion(versions, date);
  if (selection.kind === 'not_covered') {
    return {
      ...base,
      coverage: notCovered(selection.first, date, region, context),
      items: [],
      warnings: [],
    };
  }
  const { version } = selection;
  const warnings: LocalizedText[] = [];
  const stale = stalenessWarning(version.list, date);
  if (stale) warnings.push(stale);
  const coverage: Coverage =
    selection.kind === 'covered'
      ? { status: 'covered', inForceFrom: version.effective }
      : {
          status: 'uncertain',
          inForceFrom: version.effective,
          reason: uncertainReason(version, date, region, context),
        };
  const items = version.list.sections.flatMap((section) =>
    section.items.map((item) => {
      const citation = cachedCitation(item, () =>
        citeItem({
          list: version.list,
          section,
          item,
          inForceFrom: version.effective,
          region,
          lookup: (id) => context.act(id),
        }),
      );
      const shared = {
        section: section.kind,
        sectionNumber: section.number,
        number: item.number,
        citation,
        notes: item.notes,
      };
      if (coverage.status === 'uncertain') {
        return {
          ...shared,
          ...contentOf(item),
          status: 'unknown' as const,
          reason: coverage.reason,
        };
      }
      if (item.status === 'excluded') {
        return {
          ...shared,
          ...contentOf(item),
          status: 'excluded' as const,
          reason: exclusionReason(item.excludedBy, region, context),
        };
      }
      return { ...shared, ...contentOf(item), status: 'in_force' as const, reason: null };
    }),
  );
  return { ...base, coverage, items, warnings };
}

export type Selection<V extends CatalogVersion> =
  { kind: 'not_covered'; first: V } | { kind: 'covered' | 'uncertain'; version: V };

/**
 * Which consolidated text applies on `date`: the latest one that is or may be
 * in force (`uncertain` when its entry into force is unknown on that date), or
 * none when the date is before every text the data holds.
 */
export function selectVersion<V extends CatalogVersion>(
  versions: readonly V[],
  date: IsoDate,
): Selection<V> {
  for (let i = versions.length - 1; i >= 0; i--) {
    const version = versions[i] as V;
    const inForce = isInForceOn(version.effective, date);
    if (inForce === 'yes') return { kind: 'covered', version };
    if (inForce === 'unknown') return { kind: 'uncertain', version };
  }
  return { kind: 'not_covered', first: versions[0] as V };
}

/** A warning when `date` is after the day the consolidated text was current. */
export function stalenessWarning(list: ListFile, date: IsoDate): LocalizedText | null {
  if (date <= list.currentAsOf) return null;
  const asOf = legalDate(list.currentAsOf);
  return {
    kk: `Деректер ${asOf} күнгі шоғырландырылған мәтінге сәйкес; одан кейінгі өзгерістер tegin-ге белгісіз.`,
    ru: `Данные соответствуют консолидированному тексту по состоянию на ${asOf}; более поздние изменения tegin неизвестны.`,
    en: `The data follows the consolidated text current on ${asOf}; later changes are not known to tegin.`,
  };
}

// A citation depends only on its item's list version, never on the query date.
const citations = new WeakMap<Item, ItemCitation>();
export function cachedCitation(item: Item, make: () => ItemCitation): ItemCitation {
  let citation = citations.get(item);
  if (!citation) {
    citation = make();
    citations.set(item, citation);
  }
  return citation;
}

function contentOf(
  item: Item,
): Pick<CatalogItem, 'diagnosis' | 'population' | 'indication' | 'products'> {
  if (item.status === 'excluded') {
    return { diagnosis: null, population: null, indication: null, products: [] };
  }
  return {
    diagnosis: {
      ...item.diagnosis.text,
      icd10: [...item.diagnosis.icd10],
      mapping: item.diagnosis.mapping,
    },
    population: item.population,
    indication: item.indication,
    products: item.products.map((p) => ({
      kind: p.kind,
      inn: p.inn,
      atc: p.atc,
      name: p.name,
      form: p.form,
      text: p.text,
      innAbsent: p.innAbsent ?? null,
      mapping: p.mapping,
    })),
  };
}

function label(id: ActId, region: Region, context: CatalogContext): LocalizedText {
  const act = context.act(id);
  return act ? actLabel(act, region) : { kk: id, ru: id, en: id };
}

/** "from 01.01.2026" or "from a day between 22.09.2025 and 22.11.2026" in three languages. */
export function describeEffective(effective: Effective): LocalizedText {
  if (effective.kind === 'known') {
    const d = legalDate(effective.date);
    return { kk: `${d} бастап`, ru: `с ${d}`, en: `from ${d}` };
  }
  const from = legalDate(effective.earliest);
  if (effective.latest === null) {
    return { kk: `${from} ерте емес`, ru: `не ранее ${from}`, en: `not before ${from}` };
  }
  const to = legalDate(effective.latest);
  return {
    kk: `${from} және ${to} аралығындағы бір күннен бастап`,
    ru: `с некоторого дня между ${from} и ${to}`,
    en: `from a day between ${from} and ${to}`,
  };
}

export function exclusionReason(by: ActId, region: Region, context: CatalogContext): LocalizedText {
  const act = label(by, region, context);
  const when = describeEffective(context.effectiveOf(by));
  return {
    kk: `${act.kk}мен алынып тасталды (${when.kk} күшіне енді).`,
    // "решение …" → "решением …": the instrumental case after "исключено".
    ru: `Исключено ${act.ru.replace(/^решение /, 'решением ')} (действует ${when.ru}).`,
    en: `Excluded by ${act.en} (in force ${when.en}).`,
  };
}

export function uncertainReason(
  version: CatalogVersion,
  date: IsoDate,
  region: Region,
  context: CatalogContext,
): LocalizedText {
  const when = describeEffective(version.effective);
  const edition = label(version.list.edition, region, context);
  const d = legalDate(date);
  const why =
    version.effective.kind === 'window'
      ? version.effective.reason
      : 'the entry into force is uncertain';
  return {
    kk: `${version.list.annex}-қосымшаның ${edition.kk} редакциясы ${when.kk} қолданысқа енгізілді (ресми жарияланған күні дереккөзде жоқ); ${d} күні оның күшіне енгені белгісіз.`,
    ru: `Приложение ${version.list.annex} в редакции: ${edition.ru} — действует ${when.ru} (дата официального опубликования в источнике не указана); действовала ли эта редакция ${d}, неизвестно.`,
    en: `Annex ${version.list.annex} in the edition of ${edition.en} is in force ${when.en} (${why}); whether it was in force on ${d} is unknown.`,
  };
}

export function notCovered(
  first: CatalogVersion,
  date: IsoDate,
  region: Region,
  context: CatalogContext,
): Extract<Coverage, { status: 'not_covered' }> {
  const principal = label(first.list.act, region, context);
  const when = describeEffective(first.effective);
  const d = legalDate(date);
  return {
    status: 'not_covered',
    reason: {
      kk: `tegin деректерінде ${principal.kk} ${first.list.annex}-қосымшасы тек ${when.kk} қолданыстағы редакцияда бар; ${d} күнгі тізім дереккөзде жоқ.`,
      ru: `В данных tegin приложение ${first.list.annex} (${principal.ru}) есть только в редакции, действующей ${when.ru}; перечень на ${d} в источнике отсутствует.`,
      en: `tegin holds annex ${first.list.annex} of ${principal.en} only as in force ${when.en}; the list in force on ${d} is not in the source.`,
    },
  };
}
