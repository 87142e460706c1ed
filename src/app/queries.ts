/**
 * Use cases shared by the CLI and the HTTP API, so both give the same answers
 * to the same questions: a catalogue, an item with its history, a search, a
 * diff, a comparison, an entitlement check.
 */
import type { ActFile, ActId } from '../domain/act.ts';
import { catalogOn, describeEffective, type Catalog, type CatalogItem } from '../domain/catalog.ts';
import { compareRegions, type Comparison } from '../domain/compare.ts';
import type { IsoDate } from '../domain/date.ts';
import { diffLists, type Diff } from '../domain/diff.ts';
import type { Effective } from '../domain/effective.ts';
import type { Engine, EngineResult } from '../domain/engine.ts';
import { resolvePatient, type InputIssue } from '../domain/patient.ts';
import type { ListFile, ListStructure } from '../domain/list.ts';
import { unitsOf, type CitationUnit } from '../domain/units.ts';
import type { Region } from '../domain/region.ts';
import { search, searchableItems, type MatchKind } from '../domain/search.ts';
import type { LocalizedText } from '../domain/text.ts';
import type { Registry } from '../registry/registry.ts';

export function catalogFor(registry: Registry, region: Region, date: IsoDate): Catalog {
  return catalogOn({
    region,
    date,
    versions: registry.listVersions(region.code),
    context: registry,
  });
}

export interface SearchResult {
  region: string;
  act: string;
  section: CatalogItem['section'];
  sectionNumber: string;
  item: string;
  diagnosis: LocalizedText & { icd10: string[] };
  products: { inn: string | null; atc: string | null; name: LocalizedText | null }[];
  matchedBy: MatchKind[];
  inForce: LocalizedText | null;
}

/** Items of each region's latest consolidated text matching `query`. */
export function searchFor(registry: Registry, query: string): SearchResult[] {
  const latest = registry.regions.flatMap((r) => registry.listVersions(r.code).slice(-1));
  return search(searchableItems(latest.map((v) => v.list)), query).map(({ entry, matchedBy }) => {
    const version = latest.find((v) => v.list === entry.list);
    return {
      region: entry.list.region,
      act: entry.list.act,
      section: entry.section.kind,
      sectionNumber: entry.section.number,
      item: entry.item.number,
      diagnosis: { ...entry.item.diagnosis.text, icd10: [...entry.item.diagnosis.icd10] },
      products: entry.item.products.map((p) => ({ inn: p.inn, atc: p.atc, name: p.name })),
      matchedBy,
      inForce: version ? describeEffective(version.effective) : null,
    };
  });
}

export function diffFor(registry: Registry, region: Region, from: IsoDate, to: IsoDate): Diff {
  return diffLists({
    region,
    from,
    to,
    versions: registry.listVersions(region.code),
    context: registry,
  });
}

export function compareFor(
  registry: Registry,
  regions: readonly Region[],
  date: IsoDate,
): Comparison {
  return compareRegions({
    regions: regions.map((region) => ({ region, versions: registry.listVersions(region.code) })),
    date,
    context: registry,
  });
}

export type EvaluateAnswer =
  | { ok: true; result: EngineResult & { warnings: LocalizedText[] } }
  | { ok: false; issues: InputIssue[] };

/** Validates raw patient facts and evaluates them: the one entry to the engine. */
export function evaluateFor(registry: Registry, engine: Engine, input: unknown): EvaluateAnswer {
  const resolved = resolvePatient(input, (key) => registry.region(key));
  if (!resolved.ok) return resolved;
  const result = engine.evaluate(resolved.patient);
  return { ok: true, result: { ...result, warnings: [...resolved.warnings, ...result.warnings] } };
}

export interface ItemHistoryEntry {
  list: { act: ActId; edition: ActId; amendedBy: ActId[]; file: string };
  inForceFrom: Effective;
  inForceFromText: LocalizedText;
  status: CatalogItem['status'] | 'absent';
}

export interface ItemDetail {
  item: CatalogItem | null;
  /** Where the item stands in its annex (in the latest text that has it), in the annex's own units. */
  units: CitationUnit[];
  coverage: Catalog['coverage'];
  history: ItemHistoryEntry[];
  acts: { id: ActId; act: ActFile; effective: Effective }[];
}

/** One item as in force on `date`, with its status in every consolidated text and the acts behind it. */
export function itemFor(
  registry: Registry,
  region: Region,
  sectionNumber: string,
  itemNumber: string,
  date: IsoDate,
): ItemDetail | null {
  const versions = registry.listVersions(region.code);
  const known = versions.some((v) =>
    v.list.sections.some(
      (s) => s.number === sectionNumber && s.items.some((i) => i.number === itemNumber),
    ),
  );
  if (!known) return null;
  const catalog = catalogFor(registry, region, date);
  const item =
    catalog.items.find((i) => i.sectionNumber === sectionNumber && i.number === itemNumber) ?? null;
  const history = versions.map((v) => {
    const found = v.list.sections
      .find((s) => s.number === sectionNumber)
      ?.items.find((i) => i.number === itemNumber);
    return {
      list: {
        act: v.list.act,
        edition: v.list.edition,
        amendedBy: [...v.list.amendedBy],
        file: v.path,
      },
      inForceFrom: v.effective,
      inForceFromText: describeEffective(v.effective),
      status: found ? found.status : ('absent' as const),
    };
  });
  const ids = new Set<ActId>(
    versions.flatMap((v) => [v.list.act, v.list.edition, ...v.list.amendedBy]),
  );
  const acts = [...ids].flatMap((id) => {
    const act = registry.act(id);
    return act ? [{ id, act, effective: registry.effectiveOf(id) }] : [];
  });
  const units = unitsIn(versions, sectionNumber, itemNumber);
  return { item, units, coverage: catalog.coverage, history, acts };
}

function unitsIn(
  versions: readonly { list: ListFile }[],
  sectionNumber: string,
  itemNumber: string,
): CitationUnit[] {
  for (const { list } of [...versions].reverse()) {
    const found = list.sections
      .find((s) => s.number === sectionNumber)
      ?.items.find((i) => i.number === itemNumber);
    if (found)
      return unitsOf(list.structure, sectionNumber, found.numberAssigned ? null : itemNumber);
  }
  return [];
}

/** Acts of a region (or all), with their effective dates. */
export function actsFor(
  registry: Registry,
  region?: Region,
): { act: ActFile; effective: Effective }[] {
  return [...registry.acts.values()]
    .map((a) => a.act)
    .filter((a) => !region || a.issuer.region === region.code)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((act) => ({ act, effective: registry.effectiveOf(act.id) }));
}

/** How each list annex of a region's acts numbers its parts, keyed by `structureKey`. */
export function listStructures(
  registry: Registry,
  region: Region,
): ReadonlyMap<string, ListStructure> {
  return new Map(
    registry
      .listVersions(region.code)
      .map((v) => [structureKey(v.list.act, v.list.annex), v.list.structure] as const),
  );
}

export const structureKey = (act: ActId, annex: string): string => `${act}/${annex}`;
