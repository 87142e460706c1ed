/**
 * Segmentation: source lines → blocks. The top of the text (title, the
 * "… мәслихатының … № … шешімі" line, registration), the decision's
 * paragraphs (preamble, points, notes), and each annex (header, title, notes,
 * body). Adilet's text dumps start every paragraph with an indent; blank lines
 * separate table cells and runs of blank lines mark page breaks.
 */
import { annexMarker, NOTE_START, ZKAI_NOTE } from './keywords.ts';
import type { SourceLine } from './model.ts';

export interface Block {
  start: number;
  end: number;
  lines: SourceLine[];
  /** The lines joined with single spaces, spacing normalised. */
  text: string;
}

export interface NoteBlock extends Block {
  kind: 'eskertu' | 'zkai';
}

export interface PointBlock extends Block {
  number: string;
}

export interface AnnexBlock {
  number: string | null;
  start: number;
  end: number;
  marker: number;
  title: Block | null;
  notes: NoteBlock[];
  /** The annex content after its title and notes (notes removed). */
  body: SourceLine[];
}

export interface Segmented {
  /** Blocks before the first indented paragraph: title and act line, split at blank lines. */
  top: Block[];
  preamble: Block | null;
  points: PointBlock[];
  notes: NoteBlock[];
  annexes: AnnexBlock[];
}

const INDENTED = /^\s{2,}\S/;
const HEADER_CONTINUATION =
  /^(?:к\s+решени\p{L}*|\p{L}+\s+областного|областного|городского|маслихата|от\s+\d{1,2}\s+\p{L}+\s+\d{4}|№\s*\d)[^.]{0,60}$/u;

/** Joins lines into one text: single spaces, no space before closing punctuation or after "(". */
export function joinText(lines: readonly { text: string }[]): string {
  return normaliseSpacing(lines.map((l) => l.text).join(' '));
}

export function normaliseSpacing(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:)!?])/g, '$1')
    .replace(/([(]) /g, '$1')
    .trim();
}

function blockOf(lines: SourceLine[]): Block {
  const content = trimBlank(lines);
  const first = content[0] ?? lines[0];
  const last = content[content.length - 1] ?? lines[lines.length - 1];
  return {
    start: first?.n ?? 0,
    end: last?.n ?? 0,
    lines: content,
    text: joinText(content.filter((l) => !l.blank)),
  };
}

function trimBlank(lines: SourceLine[]): SourceLine[] {
  let a = 0;
  let b = lines.length;
  while (a < b && (lines[a] as SourceLine).blank) a++;
  while (b > a && (lines[b - 1] as SourceLine).blank) b--;
  return lines.slice(a, b);
}

/** Paragraphs: each indented line starts one; blank lines inside stay with it. */
export function paragraphs(lines: readonly SourceLine[]): Block[] {
  const result: SourceLine[][] = [];
  for (const line of lines) {
    if (!line.blank && INDENTED.test(line.text)) result.push([line]);
    else if (result.length > 0) (result[result.length - 1] as SourceLine[]).push(line);
    else if (!line.blank) result.push([line]);
  }
  return result.map(blockOf).filter((b) => b.lines.length > 0);
}

/** Notes among paragraphs, a ЗҚАИ heading joined to the paragraph it heads. */
function splitNotes(blocks: Block[]): { notes: NoteBlock[]; rest: Block[] } {
  const notes: NoteBlock[] = [];
  const rest: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    if (!NOTE_START.test(block.text)) {
      rest.push(block);
      continue;
    }
    if (ZKAI_NOTE.test(block.text) && block.lines.length === 1 && blocks[i + 1]) {
      const next = blocks[i + 1] as Block;
      notes.push({ ...blockOf([...block.lines, ...next.lines]), kind: 'zkai' });
      i++;
    } else notes.push({ ...block, kind: ZKAI_NOTE.test(block.text) ? 'zkai' : 'eskertu' });
  }
  return { notes, rest };
}

/** Where the header of the annex whose marker is at `marker` starts. */
function annexHeaderStart(lines: readonly SourceLine[], marker: number, floor: number): number {
  let i = marker;
  while (i - 1 > floor) {
    const previous = lines[i - 1] as SourceLine;
    if (previous.blank) {
      // " " (a lone space) is how the dump separates the decision from an annex.
      if (previous.text === ' ') break;
      i--;
      continue;
    }
    const t = previous.text.trim();
    if (INDENTED.test(previous.text) || /[.;:]$/.test(t) || t.length > 60) break;
    i--;
  }
  while (i < marker && (lines[i] as SourceLine).blank) i++;
  return i;
}

export function segment(lines: readonly SourceLine[]): Segmented {
  const markers: { index: number; number: string | null }[] = [];
  lines.forEach((line, index) => {
    if (line.blank) return;
    const marker = annexMarker(line.text);
    if (marker) markers.push({ index, number: marker.number });
  });
  const starts: number[] = [];
  let floor = -1;
  for (const m of markers) {
    const start = annexHeaderStart(lines, m.index, floor);
    starts.push(start);
    floor = m.index;
  }
  const bodyEnd = starts[0] ?? lines.length;
  const body = lines.slice(0, bodyEnd);

  const firstIndented = body.findIndex((l) => !l.blank && INDENTED.test(l.text));
  const topLines = firstIndented < 0 ? body : body.slice(0, firstIndented);
  const top: Block[] = [];
  let current: SourceLine[] = [];
  for (const line of topLines) {
    if (line.blank) {
      if (current.length > 0) top.push(blockOf(current));
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) top.push(blockOf(current));

  const { notes, rest } = splitNotes(
    firstIndented < 0 ? [] : paragraphs(body.slice(firstIndented)),
  );
  const points: PointBlock[] = [];
  let preamble: Block | null = null;
  for (const block of rest) {
    const point = /^(\d+)\.\s/.exec(block.text);
    if (point) points.push({ ...block, number: point[1] as string });
    else if (points.length === 0 && preamble === null) preamble = block;
  }

  const annexes = markers.map((m, k): AnnexBlock => {
    const start = starts[k] as number;
    let end = (starts[k + 1] ?? lines.length) - 1;
    while (end > m.index && (lines[end] as SourceLine).blank) end--;
    return readAnnex(lines.slice(m.index + 1, end + 1), {
      number: m.number,
      start: (lines[start] as SourceLine).n,
      end: (lines[end] as SourceLine | undefined)?.n ?? (lines[start] as SourceLine).n,
      marker: (lines[m.index] as SourceLine).n,
    });
  });
  return { top, preamble, points, notes, annexes };
}

function readAnnex(
  after: SourceLine[],
  head: { number: string | null; start: number; end: number; marker: number },
): AnnexBlock {
  let i = 0;
  // "Приложение 1" ⏎ "к решению …" ⏎ "от 25 февраля 2021 года № 34": the rest of the annex header.
  while (
    i < after.length &&
    ((after[i] as SourceLine).blank ||
      HEADER_CONTINUATION.test((after[i] as SourceLine).text.trim()))
  )
    i++;
  let title: Block | null = null;
  const titleLines: SourceLine[] = [];
  while (i < after.length) {
    const line = after[i] as SourceLine;
    if (line.blank || INDENTED.test(line.text) || /^\s*(?:№|\d)/.test(line.text)) break;
    titleLines.push(line);
    i++;
  }
  if (titleLines.length > 0) title = blockOf(titleLines);
  const rest = after.slice(i);
  // Notes are indented paragraphs starting "Ескерту." / "Сноска." / a ЗҚАИ heading.
  const noteLines = new Set<number>();
  const notes: NoteBlock[] = [];
  const blocks = paragraphsOfIndented(rest);
  const { notes: found } = splitNotes(blocks);
  for (const note of found) {
    // A note's paragraph ends at its first blank line (the table follows).
    const lines: SourceLine[] = [];
    for (const line of note.lines) {
      if (line.blank && lines.length > 0 && !ZKAI_NOTE.test(note.text.slice(0, 30))) break;
      lines.push(line);
    }
    const kept = note.kind === 'zkai' ? note.lines : lines;
    for (const line of kept) noteLines.add(line.n);
    notes.push({ ...blockOf(kept), kind: note.kind });
  }
  return {
    ...head,
    title,
    notes,
    body: rest.filter((l) => !noteLines.has(l.n)),
  };
}

/** Paragraphs that start at indented lines only, each ending at the next indented line. */
function paragraphsOfIndented(lines: readonly SourceLine[]): Block[] {
  const result: SourceLine[][] = [];
  let open = false;
  for (const line of lines) {
    if (!line.blank && INDENTED.test(line.text)) {
      result.push([line]);
      open = true;
    } else if (open) {
      if (!line.blank && !INDENTED.test(line.text) && isListStart(line.text)) open = false;
      else (result[result.length - 1] as SourceLine[]).push(line);
    }
  }
  return result.map(blockOf);
}

function isListStart(text: string): boolean {
  return /^\s*(?:№|\d+(?:\s|$))/.test(text);
}
