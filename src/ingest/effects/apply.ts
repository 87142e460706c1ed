/**
 * The consolidated result of effects on a list tegin holds, in memory only:
 * rows excluded become excluded items citing the amending act, added and
 * replaced rows are built like imported items, and an annex in a new edition
 * is replaced by this act's own annex where the text holds it. Nothing is
 * written: `tegin import --compare` shows the result for review.
 */
import type { ActId } from '../../domain/act.ts';
import type { Item, ListFile } from '../../domain/list.ts';
import { buildItem } from '../draft.ts';
import type { SourceLang } from '../model.ts';
import type { IngestVocabulary } from '../vocabulary.ts';
import { describe } from './read.ts';
import type { Effect } from './model.ts';

export interface AppliedChange {
  effect: string;
  kind: 'excluded' | 'added' | 'changed' | 'replaced' | 'not_applied';
  row: string | null;
  reason?: string;
}

export interface Consolidated {
  list: ListFile;
  changes: AppliedChange[];
}

/** Applies the effects that fall on `held` (its act and annex) and says what each did. */
export function applyEffects(
  held: ListFile,
  effects: readonly Effect[],
  by: ActId,
  context: { lang: SourceLang; vocabulary: IngestVocabulary; ownLists: readonly ListFile[] },
): Consolidated {
  let list: ListFile = structuredClone(held);
  const changes: AppliedChange[] = [];
  effects.forEach((effect, k) => {
    const label = describe(effect);
    const part = effect.part;
    if (part.kind === 'annex') {
      if (part.annex !== held.annex) return;
      const own = context.ownLists.find((l) => l.annex === effect.newAnnex);
      if (!own) {
        changes.push({
          effect: label,
          kind: 'not_applied',
          row: null,
          reason: effect.missing ?? 'the new edition is not in the text',
        });
        return;
      }
      list = {
        ...structuredClone(own),
        act: held.act,
        annex: held.annex,
        edition: by,
        amendedBy: [],
      };
      changes.push({ effect: label, kind: 'replaced', row: null });
      return;
    }
    if (part.kind !== 'item' || (part.annex !== null && part.annex !== held.annex)) return;
    const sections = list.sections.filter(
      (s) => part.section === null || s.number === part.section,
    );
    const row = `${part.section ? `${part.section}.` : ''}${part.item}`;
    const section =
      sections.find((s) => s.items.some((i) => i.number === part.item)) ?? sections.at(-1);
    if (!section) {
      changes.push({
        effect: label,
        kind: 'not_applied',
        row,
        reason: 'no such section in the held list',
      });
      return;
    }
    const index = section.items.findIndex((i) => i.number === part.item);
    if (effect.kind === 'item_excluded') {
      if (index < 0) {
        changes.push({
          effect: label,
          kind: 'not_applied',
          row,
          reason: 'the held list has no such row',
        });
        return;
      }
      const old = section.items[index] as Item;
      section.items[index] = {
        number: old.number,
        lines: old.lines,
        notes: [],
        status: 'excluded',
        excludedBy: by,
        note: `effect-${k + 1}`,
      };
      changes.push({ effect: label, kind: 'excluded', row });
      return;
    }
    const parsed = effect.items[0];
    if (!parsed) {
      changes.push({
        effect: label,
        kind: 'not_applied',
        row,
        reason: effect.missing ?? 'the new wording of the row was not read',
      });
      return;
    }
    const built = buildItem(
      parsed,
      section.kind,
      `${section.number}.${part.item}`,
      context.lang,
      context.vocabulary,
      [],
      [],
    );
    if (effect.kind === 'item_added') {
      if (index >= 0) {
        changes.push({
          effect: label,
          kind: 'not_applied',
          row,
          reason: 'the held list already has this row',
        });
        return;
      }
      section.items.push(built.item);
      changes.push({ effect: label, kind: 'added', row });
    } else if (effect.kind === 'item_replaced') {
      if (index < 0) {
        changes.push({
          effect: label,
          kind: 'not_applied',
          row,
          reason: 'the held list has no such row',
        });
        return;
      }
      section.items[index] = built.item;
      changes.push({ effect: label, kind: 'changed', row });
    }
  });
  if (
    changes.some((c) => c.kind !== 'not_applied' && c.kind !== 'replaced') &&
    !list.amendedBy.includes(by)
  )
    list.amendedBy = [...list.amendedBy, by];
  return { list, changes };
}
