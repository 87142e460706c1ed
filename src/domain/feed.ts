/**
 * The change feed of a region's list: one entry per act that amended the list (or gave it an
 * edition), newest first, with what it changed (the parts its notes name, the items it named,
 * and the item-by-item diff across its entry into force where the data can tell it), its
 * citation and when it took effect — an uncertain entry into force is said to be uncertain.
 * Pure; the Atom and JSON Feed documents are written from this in src/web/feeds/.
 */
import type { ActId, Amendment } from './act.ts';
import type { CatalogContext, CatalogVersion } from './catalog.ts';
import { addDays, type IsoDate } from './date.ts';
import { amendingActs, diffLists, type ActBetween, type Diff } from './diff.ts';
import type { Effective } from './effective.ts';
import type { Region } from './region.ts';
import type { LocalizedText } from './text.ts';

export interface FeedItemNamed {
  sectionNumber: string;
  number: string;
  change: Amendment['change'];
  /** The item's diagnosis as the latest text words it (null where the text holds no such item). */
  diagnosis: LocalizedText | null;
}

export interface FeedEntry {
  act: ActId;
  label: LocalizedText;
  adopted: IsoDate | null;
  registration: { number: string; date: IsoDate | null } | null;
  effective: Effective;
  /** When it took effect, in words (a window where the date is not known). */
  when: LocalizedText;
  /** False where the entry into force is a window: the date is not known. */
  isEffectiveCertain: boolean;
  /** The day the entry stands at: its entry into force, or the window's earliest day. */
  updated: IsoDate;
  changes: ActBetween['changes'];
  items: FeedItemNamed[];
  /** The list the day before and on the day it took effect (see `diff.unknown` where it cannot tell). */
  diff: Diff;
}

export interface ChangeFeed {
  region: Region['code'];
  /** The newest entry's `updated`, or null for a region with no amending act. */
  updated: IsoDate | null;
  entries: FeedEntry[];
}

export function changeFeed(input: {
  region: Region;
  versions: readonly CatalogVersion[];
  context: CatalogContext;
}): ChangeFeed {
  const { region, versions, context } = input;
  const entries = amendingActs(region, versions, context).map((a): FeedEntry => {
    const act = context.act(a.act);
    const start = a.effective.kind === 'known' ? a.effective.date : a.effective.earliest;
    const end = a.effective.kind === 'known' ? start : (a.effective.latest ?? start);
    return {
      act: a.act,
      label: a.label,
      adopted: act?.adopted ?? null,
      registration: act?.registration
        ? { number: act.registration.number, date: act.registration.date }
        : null,
      effective: a.effective,
      when: a.when,
      isEffectiveCertain: a.effective.kind === 'known',
      updated: start,
      changes: a.changes,
      items: itemsNamed(a.act, versions, context),
      diff: diffLists({ region, from: addDays(start, -1), to: end, versions, context }),
    };
  });
  entries.sort((a, b) => b.updated.localeCompare(a.updated) || b.act.localeCompare(a.act));
  return { region: region.code, updated: entries[0]?.updated ?? null, entries };
}

/** The items an act's amendments name, with their wording in the latest text that has them. */
function itemsNamed(
  id: ActId,
  versions: readonly CatalogVersion[],
  context: CatalogContext,
): FeedItemNamed[] {
  const named: FeedItemNamed[] = [];
  const seen = new Set<string>();
  for (const version of versions) {
    for (const a of context.act(version.list.act)?.amendments ?? []) {
      if (a.by !== id || a.part.kind !== 'item' || a.part.annex !== version.list.annex) continue;
      const key = `${a.part.section}.${a.part.item}.${a.change}`;
      if (seen.has(key)) continue;
      seen.add(key);
      named.push({
        sectionNumber: a.part.section,
        number: a.part.item,
        change: a.change,
        diagnosis: diagnosisIn(versions, a.part.section, a.part.item),
      });
    }
  }
  return named;
}

function diagnosisIn(
  versions: readonly CatalogVersion[],
  section: string,
  item: string,
): LocalizedText | null {
  for (const { list } of [...versions].reverse()) {
    const found = list.sections
      .find((s) => s.number === section)
      ?.items.find((i) => i.number === item);
    if (found?.status === 'in_force') return found.diagnosis.text;
  }
  // An excluded item keeps no wording in the consolidated text ("Алынып тасталды").
  return null;
}
