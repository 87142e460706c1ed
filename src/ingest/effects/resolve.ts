/**
 * Effects against what tegin holds: each target act looked up by region, date
 * and number; the held lists it changes consolidated in memory; and the
 * reviewable effects draft (`<region>/effects/<adopted>.<number>.yaml`), which
 * is never written into the law data automatically.
 */
import type { ActId } from '../../domain/act.ts';
import type { ListFile } from '../../domain/list.ts';
import type { Region } from '../../domain/region.ts';
import type { ImportResult } from '../import.ts';
import { regionOf } from '../metadata.ts';
import type { IngestVocabulary } from '../vocabulary.ts';
import { applyEffects, type Consolidated } from './apply.ts';
import { describe } from './read.ts';
import type { Effect } from './model.ts';

export interface HeldLookup {
  regions: readonly Region[];
  hasAct: (id: ActId) => boolean;
  listsOf: (id: ActId) => readonly ListFile[];
}

export function targetId(
  effect: Effect,
  result: ImportResult,
  regions: readonly Region[],
): ActId | null {
  const t = effect.target;
  const region = (t.issuer ? regionOf(t.issuer, regions) : null)?.code ?? result.report.act?.region;
  return region && t.date && t.number
    ? (`${region}.maslikhat.${t.date}.${t.number}` as ActId)
    : null;
}

/** The reviewable draft of an amending act's effects. */
export function effectsDraft(result: ImportResult, held: HeldLookup): unknown {
  const reading = result.report.effects;
  if (!reading || !result.report.act) return null;
  return {
    kind: 'effects',
    act: result.report.act.id,
    from: reading.from,
    effects: reading.effects.map((e) => {
      const id = targetId(e, result, held.regions);
      return {
        what: describe(e),
        kind: e.kind,
        point: e.point,
        line: e.line,
        target: { ...e.target, id, held: id ? held.hasAct(id) : false },
        part: e.part,
        ...(e.wording ? { wording: e.wording } : {}),
        ...(e.newAnnex ? { newAnnex: e.newAnnex } : {}),
        ...(e.missing ? { missing: e.missing } : {}),
      };
    }),
  };
}

/** Every held list the effects fall on, with the effects applied in memory. */
export function consolidate(
  result: ImportResult,
  held: HeldLookup,
  vocabulary: IngestVocabulary,
): (Consolidated & { held: ListFile })[] {
  const reading = result.report.effects;
  const by = result.report.act?.id as ActId | undefined;
  if (!reading || !by) return [];
  const byTarget = new Map<ActId, Effect[]>();
  for (const e of reading.effects) {
    const id = targetId(e, result, held.regions);
    if (id && held.hasAct(id)) byTarget.set(id, [...(byTarget.get(id) ?? []), e]);
  }
  return [...byTarget].flatMap(([id, effects]) =>
    held.listsOf(id).map((list) => ({
      held: list,
      ...applyEffects(list, effects, by, {
        lang: result.report.source.lang ?? 'kk',
        vocabulary,
        ownLists: result.lists,
      }),
    })),
  );
}

export function formatConsolidated(c: Consolidated & { held: ListFile }): string {
  const out = [
    `consolidated ${c.held.act} annex ${c.held.annex} with the effects applied (in memory, not written):`,
  ];
  for (const ch of c.changes)
    out.push(
      `  ${ch.kind}${ch.row ? ` row ${ch.row}` : ''} — ${ch.effect}${ch.reason ? ` (${ch.reason})` : ''}`,
    );
  return `${out.join('\n')}\n`;
}
