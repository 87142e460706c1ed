/**
 * What changed in a region's list between two dates: items added, removed,
 * excluded or changed; the acts that took effect in between (or may have,
 * where their entry into force is unknown); and what cannot be told because
 * the data does not cover a date.
 */
import type { ActId, Amendment } from './act.ts';
import { actLabel } from './citation.ts';
import {
  catalogOn,
  describeEffective,
  type Catalog,
  type CatalogContext,
  type CatalogItem,
  type CatalogVersion,
} from './catalog.ts';
import type { IsoDate } from './date.ts';
import { AMENDMENT_LABELS, partLabel } from './labels.ts';
import { isInForceOn, type Effective } from './effective.ts';
import type { Region } from './region.ts';
import type { LocalizedText } from './text.ts';
import { placeIn, unitsOf } from './units.ts';

export type ChangeKind = 'added' | 'removed' | 'excluded' | 'changed';

export const CHANGED_FIELDS = ['diagnosis', 'population', 'indication', 'products'] as const;
export type ChangedField = (typeof CHANGED_FIELDS)[number];

export interface ItemChange {
  kind: ChangeKind;
  section: CatalogItem['section'];
  sectionNumber: string;
  number: string;
  /** Which parts differ, for `changed`. */
  fields: ChangedField[];
  before: CatalogItem | null;
  after: CatalogItem | null;
}

export interface ActBetween {
  act: ActId;
  label: LocalizedText;
  effective: Effective;
  when: LocalizedText;
  /** `yes`: took effect in (from, to]; `unknown`: may have, its date is uncertain. */
  between: 'yes' | 'unknown';
  /** `part` and `change` as the data names them (English), `text` in each language. */
  changes: { part: string; change: Amendment['change']; text: LocalizedText }[];
}

export interface Diff {
  region: Region['code'];
  from: IsoDate;
  to: IsoDate;
  coverage: { from: Catalog['coverage']; to: Catalog['coverage'] };
  /** Null where an item-by-item comparison is impossible (see `unknown`). */
  changes: ItemChange[] | null;
  acts: ActBetween[];
  unknown: LocalizedText[];
}

export function diffLists(input: {
  region: Region;
  from: IsoDate;
  to: IsoDate;
  versions: readonly CatalogVersion[];
  context: CatalogContext;
}): Diff {
  const { region, from, to, versions, context } = input;
  const before = catalogOn({ region, date: from, versions, context });
  const after = catalogOn({ region, date: to, versions, context });
  const unknown: LocalizedText[] = [];
  for (const c of [before, after]) {
    if (c.coverage.status !== 'covered') unknown.push(c.coverage.reason);
  }
  const comparable = before.coverage.status === 'covered' && after.coverage.status === 'covered';
  return {
    region: region.code,
    from,
    to,
    coverage: { from: before.coverage, to: after.coverage },
    changes: comparable ? compareItems(before.items, after.items) : null,
    acts: actsBetween(region, from, to, versions, context),
    unknown,
  };
}

const key = (i: CatalogItem) => `${i.sectionNumber}.${i.number}`;

function compareItems(before: CatalogItem[], after: CatalogItem[]): ItemChange[] {
  const old = new Map(before.map((i) => [key(i), i]));
  const changes: ItemChange[] = [];
  for (const item of after) {
    const previous = old.get(key(item));
    old.delete(key(item));
    const base = {
      section: item.section,
      sectionNumber: item.sectionNumber,
      number: item.number,
      after: item,
    };
    if (!previous) {
      changes.push({ ...base, kind: 'added', fields: [], before: null });
      continue;
    }
    if (item.status === 'excluded' && previous.status !== 'excluded') {
      changes.push({ ...base, kind: 'excluded', fields: [], before: previous });
      continue;
    }
    const fields = CHANGED_FIELDS.filter(
      (f) => JSON.stringify(previous[f]) !== JSON.stringify(item[f]),
    );
    if (fields.length > 0) changes.push({ ...base, kind: 'changed', fields, before: previous });
  }
  for (const item of old.values()) {
    changes.push({
      kind: 'removed',
      section: item.section,
      sectionNumber: item.sectionNumber,
      number: item.number,
      fields: [],
      before: item,
      after: null,
    });
  }
  return changes;
}

/** Acts that amended the list (or gave it an edition) and took effect in (from, to]. */
function actsBetween(
  region: Region,
  from: IsoDate,
  to: IsoDate,
  versions: readonly CatalogVersion[],
  context: CatalogContext,
): ActBetween[] {
  const result: ActBetween[] = [];
  for (const act of amendingActs(region, versions, context)) {
    const atFrom = isInForceOn(act.effective, from);
    const atTo = isInForceOn(act.effective, to);
    if (atFrom === 'yes' || atTo === 'no') continue;
    result.push({ ...act, between: atFrom === 'no' && atTo === 'yes' ? 'yes' : 'unknown' });
  }
  return result;
}

/**
 * Every act that amended a region's list (or gave it an edition), as the principal acts'
 * amendments record them, earliest entry into force first: what the change feeds list.
 */
export function amendingActs(
  region: Region,
  versions: readonly CatalogVersion[],
  context: CatalogContext,
): Omit<ActBetween, 'between'>[] {
  const byAct = new Map<ActId, ActBetween['changes']>();
  for (const version of versions) {
    const principal = context.act(version.list.act);
    for (const a of principal?.amendments ?? []) {
      const touchesList =
        (a.part.kind === 'annex' && a.part.number === version.list.annex) ||
        (a.part.kind === 'item' && a.part.annex === version.list.annex);
      if (!touchesList) continue;
      const label =
        a.part.kind === 'item'
          ? placeIn(a.part.annex, unitsOf(version.list.structure, a.part.section, a.part.item))
          : partLabel({ kind: 'annex', number: version.list.annex });
      const part = label.en;
      const list = byAct.get(a.by) ?? [];
      if (!list.some((x) => x.part === part && x.change === a.change)) {
        const change = AMENDMENT_LABELS[a.change];
        const text = {
          kk: `${label.kk}: ${change.kk}`,
          ru: `${label.ru}: ${change.ru}`,
          en: `${label.en}: ${change.en}`,
        };
        list.push({ part, change: a.change, text });
      }
      byAct.set(a.by, list);
    }
  }
  const result: Omit<ActBetween, 'between'>[] = [];
  for (const [id, changes] of byAct) {
    const effective = context.effectiveOf(id);
    const act = context.act(id);
    result.push({
      act: id,
      label: act ? actLabel(act, region) : { kk: id, ru: id, en: id },
      effective,
      when: describeEffective(effective),
      changes,
    });
  }
  return result.sort((a, b) => startOf(a.effective).localeCompare(startOf(b.effective)));
}

function startOf(e: Effective): string {
  return e.kind === 'known' ? e.date : e.earliest;
}
