/**
 * The decision's operative points with the unnumbered paragraphs that follow
 * each one (the clauses of a list in the point, or the "көрсетілген шешімнің
 * 1-қосымшасы … жаңа редакцияда жазылсын" sub-paragraphs of an amendment).
 * `segment` keeps only the numbered paragraphs; the layouts of lists in the
 * point and the effects of amending acts need what follows them too.
 */
import { NOTE_START } from './keywords.ts';
import type { SourceLine } from './model.ts';
import { paragraphs, type Block, type Segmented } from './segment.ts';

export interface PointGroup {
  number: string;
  head: Block;
  /** Unnumbered paragraphs after the point, up to the next point, note or annex. */
  subs: Block[];
  lines: [number, number];
}

const INDENTED = /^\s{2,}\S/;

export function pointGroups(lines: readonly SourceLine[], segmented: Segmented): PointGroup[] {
  const annexAt = segmented.annexes[0]?.start ?? Number.POSITIVE_INFINITY;
  const body = lines.filter((l) => l.n < annexAt);
  const first = body.findIndex((l) => !l.blank && INDENTED.test(l.text));
  if (first < 0) return [];
  const groups: PointGroup[] = [];
  for (const block of paragraphs(body.slice(first))) {
    if (NOTE_START.test(block.text)) continue;
    const point = /^(\d+)\.\s/u.exec(block.text);
    if (point) {
      groups.push({
        number: point[1] as string,
        head: block,
        subs: [],
        lines: [block.start, block.end],
      });
      continue;
    }
    const last = groups.at(-1);
    if (!last) continue;
    last.subs.push(block);
    last.lines = [last.lines[0], block.end];
  }
  return groups;
}
