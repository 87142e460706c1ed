/**
 * The registry: every data file loaded, validated and indexed, with its lookups. Built from
 * the files by build.ts (parse, validate) or from a snapshot by snapshot.ts; this module
 * imports neither the YAML parser nor the validators, so a snapshot loads without them.
 */
import type { ActFile, ActId } from '../domain/act.ts';
import type { PathSegment } from '../domain/issues.ts';
import { icd10Category, type Icd10Code } from '../domain/codes.ts';
import { effectiveDateOf, laterOf, type Effective } from '../domain/effective.ts';
import type { InForceItem, Item, ListFile, Section } from '../domain/list.ts';
import type { Region, RegionCode } from '../domain/region.ts';
import type { RegionName } from '../domain/region-names.ts';
import type { Disease } from '../domain/diseases.ts';
import type { Medicine } from '../domain/vocabulary.ts';
import type { ProvisionFile } from '../domain/provision.ts';
import { isoDate } from '../domain/date.ts';

/** One consolidated text of a list, with when it is in force. */
export interface ListVersion {
  path: string;
  list: ListFile;
  effective: Effective;
  lineOf: (path: PathSegment[]) => number | undefined;
}

/** Points at one item of one list version. */
export interface ItemRef {
  version: ListVersion;
  section: Section;
  item: Item;
}

export interface LoadedAct {
  path: string;
  act: ActFile;
  lineOf: (path: PathSegment[]) => number | undefined;
}

export interface LoadedProvision {
  path: string;
  file: ProvisionFile;
  lineOf: (path: PathSegment[]) => number | undefined;
}

const NEVER = isoDate('9999-12-31');

export class Registry {
  readonly regions: readonly Region[];
  readonly acts: ReadonlyMap<ActId, LoadedAct>;
  readonly medicines: ReadonlyMap<string, Medicine>;
  /** The diagnoses vocabulary (data/vocabulary/diseases.yaml), in file order. */
  readonly diseases: readonly Disease[];
  /** Source texts by data-relative path, split into lines (line 1 at index 0). */
  readonly sources: ReadonlyMap<string, readonly string[]>;
  readonly versions: readonly ListVersion[];
  /** Operational parameters per region (data/<KZ-NN>/provision.yaml). */
  readonly provisions: readonly LoadedProvision[];
  /** Region names through time (data/region-names.yaml), for reading issuers of older acts. */
  readonly regionNames: readonly RegionName[];
  private readonly regionIndex = new Map<string, Region>();
  private readonly versionsByRegion = new Map<RegionCode, ListVersion[]>();
  private readonly byIcd10Category = new Map<string, ItemRef[]>();
  private readonly byInn = new Map<string, ItemRef[]>();
  private readonly byAtc = new Map<string, ItemRef[]>();
  private readonly effectiveCache = new Map<ActId, Effective>();

  constructor(input: {
    regions: readonly Region[];
    acts: ReadonlyMap<ActId, LoadedAct>;
    medicines: ReadonlyMap<string, Medicine>;
    diseases?: readonly Disease[];
    sources: ReadonlyMap<string, readonly string[]>;
    lists: readonly Omit<ListVersion, 'effective'>[];
    provisions?: readonly LoadedProvision[];
    regionNames?: readonly RegionName[];
  }) {
    this.regionNames = input.regionNames ?? [];
    this.provisions = input.provisions ?? [];
    this.regions = input.regions;
    this.acts = input.acts;
    this.medicines = input.medicines;
    this.diseases = input.diseases ?? [];
    this.sources = input.sources;
    for (const region of input.regions) {
      this.regionIndex.set(region.code.toLowerCase(), region);
      this.regionIndex.set(region.slug, region);
    }
    this.versions = input.lists.map((v) => ({ ...v, effective: this.effectiveOfList(v.list) }));
    for (const version of this.versions) {
      const forRegion = this.versionsByRegion.get(version.list.region) ?? [];
      forRegion.push(version);
      forRegion.sort((a, b) => startOf(a.effective).localeCompare(startOf(b.effective)));
      this.versionsByRegion.set(version.list.region, forRegion);
      for (const section of version.list.sections) {
        for (const item of section.items) this.indexItem({ version, section, item });
      }
    }
  }

  /** A region by ISO code (`KZ-27`, any case) or slug (`west-kazakhstan`). */
  region(key: string): Region | undefined {
    return this.regionIndex.get(key.trim().toLowerCase());
  }

  /** The consolidated list texts of a region, earliest first. */
  listVersions(region: RegionCode): readonly ListVersion[] {
    return this.versionsByRegion.get(region) ?? [];
  }

  act(id: ActId): ActFile | undefined {
    return this.acts.get(id)?.act;
  }

  /** When an act entered into force, as far as the data tells (`window` where it cannot). */
  effectiveOf(id: ActId): Effective {
    const cached = this.effectiveCache.get(id);
    if (cached) return cached;
    const act = this.act(id);
    // An act no file defines is never shown in force (validation reports it).
    const effective: Effective = act
      ? effectiveDateOf(act)
      : { kind: 'window', earliest: NEVER, latest: null, reason: `no data file defines act ${id}` };
    // Only acts the data defines are remembered: an unknown id must not grow the cache.
    if (act) this.effectiveCache.set(id, effective);
    return effective;
  }

  /** Items whose diagnosis lists a code in the ICD-10 category of `code`. */
  itemsByIcd10Category(code: Icd10Code | string): readonly ItemRef[] {
    return this.byIcd10Category.get(code.slice(0, 3).toUpperCase()) ?? [];
  }

  /** Items with a product of this INN (or a combination containing it). */
  itemsByInn(inn: string): readonly ItemRef[] {
    return this.byInn.get(inn.trim().toLowerCase()) ?? [];
  }

  /** Items with a product whose ATC code starts with `atc` (any level). */
  itemsByAtc(atc: string): readonly ItemRef[] {
    return this.byAtc.get(atc.trim().toUpperCase()) ?? [];
  }

  private effectiveOfList(list: ListFile): Effective {
    return [list.edition, ...list.amendedBy]
      .map((id) => this.effectiveOf(id))
      .reduce((a, b) => laterOf(a, b));
  }

  private indexItem(ref: ItemRef): void {
    if (ref.item.status !== 'in_force') return;
    const item: InForceItem = ref.item;
    for (const code of new Set(item.diagnosis.icd10.map(icd10Category))) {
      push(this.byIcd10Category, code, ref);
    }
    const inns = new Set<string>();
    const atcs = new Set<string>();
    for (const product of item.products) {
      if (product.inn) {
        inns.add(product.inn);
        for (const part of product.inn.split(' + ')) inns.add(part);
      }
      if (product.atc) {
        for (const length of [1, 3, 4, 5, 7]) {
          if (product.atc.length >= length) atcs.add(product.atc.slice(0, length));
        }
      }
    }
    for (const inn of inns) push(this.byInn, inn, ref);
    for (const atc of atcs) push(this.byAtc, atc, ref);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function startOf(effective: Effective): string {
  return effective.kind === 'known' ? effective.date : effective.earliest;
}
