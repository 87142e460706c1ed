/**
 * The four-column table (diagnosis · population · indication · products) as
 * Adilet's PDF dump flattens it: one cell fragment per line, cells separated by
 * a blank line, page breaks as runs of blank lines that may fall inside a cell.
 * Rows start with their number; a cell pushed into the previous row by a page
 * break is moved back where the next row's cell starts mid-phrase.
 */
import type { ParsedItem, ParsedList, ParsedSection, SourceLine } from '../model.ts';
import { joinText } from '../segment.ts';
import {
  exclusionOf,
  newSection,
  excludedItem,
  sectionHeading,
  type LayoutContext,
} from './common.ts';

const POPULATION_START =
  /^(?:Диспансерлік|Состоящ\p{L}*|Дети|Детям|Взрослые|Все категории|Барлық санаттар)/u;
const HEADER_WORDS = /Аурулар|Халық санаты|Наименование заболевани|Категория населения/u;

interface Cell {
  lines: SourceLine[];
  /** True when a page break (two or more blank lines) comes before this cell. */
  afterPageBreak: boolean;
}

interface Row {
  number: string;
  numberLine: SourceLine;
  lines: SourceLine[];
  section: ParsedSection;
}

export function looksLikeTable(body: readonly SourceLine[]): number {
  let score = 0;
  for (const line of body) {
    if (line.blank) continue;
    const t = line.text.trim();
    if (HEADER_WORDS.test(t)) score += 5;
    if (POPULATION_START.test(t)) score += 1;
    if (/^\d{1,3}$/.test(t)) score += 1;
  }
  return score;
}

export function parseTable(body: readonly SourceLine[], context: LayoutContext): ParsedList {
  const sections: ParsedSection[] = [];
  const rows: Row[] = [];
  let section: ParsedSection | null = null;
  let expected = 1;
  let row: Row | null = null;
  const unread: SourceLine[] = [];

  for (let i = 0; i < body.length; i++) {
    const line = body[i] as SourceLine;
    if (line.blank) {
      if (row) row.lines.push(line);
      continue;
    }
    const t = line.text.trim();
    const heading = sectionHeading(t);
    if (heading && heading.kind && Number(heading.number) === sections.length + 1) {
      let title = heading.title;
      let j = i + 1;
      while (j < body.length && !(body[j] as SourceLine).blank) {
        title = `${title} ${(body[j] as SourceLine).text.trim()}`;
        j++;
      }
      section = newSection(heading.number, title.replace(/[:\s]+$/u, ''), heading.kind, line.n);
      sections.push(section);
      row = null;
      expected = 1;
      const blanks = countBlanks(body, j);
      if (blanks >= 2) {
        context.findings.repairs.push({
          kind: 'detached_heading',
          line: line.n,
          before: `${heading.number}. … / page break`,
          after: `section ${heading.number} joined to its first row`,
        });
      }
      i = j - 1;
      continue;
    }
    const start = /^(\d{1,3})(?:\s+(\S.*))?$/u.exec(t);
    const number = start ? Number(start[1]) : NaN;
    if (start && isRowStart(number, expected, body, i)) {
      if (!section) {
        section = newSection('1', null, 'medicine', line.n, true);
        sections.push(section);
        context.findings.issues.push({
          code: 'PARSE_LINE_UNREAD',
          severity: 'warning',
          line: line.n,
          message: 'the table has no section heading before its first row: section 1 assumed',
        });
      }
      if (number !== expected) {
        context.findings.issues.push({
          code: 'PARSE_ITEM_GAP',
          severity: 'warning',
          line: line.n,
          message: `section ${section.number}: expected row ${expected}, found row ${number}`,
        });
      }
      row = { number: String(number), numberLine: line, lines: [line], section };
      rows.push(row);
      expected = number + 1;
      continue;
    }
    if (row) row.lines.push(line);
    else if (!HEADER_WORDS.test(t) && sections.length > 0) unread.push(line);
  }
  for (const line of unread) {
    context.findings.issues.push({
      code: 'PARSE_LINE_UNREAD',
      severity: 'warning',
      line: line.n,
      message: `not part of any row: "${line.text.trim().slice(0, 80)}"`,
    });
  }

  const parsed = rows.map((r) => readRow(r, context));
  moveSpills(parsed, context);
  for (const { row: r, item } of parsed) {
    r.section.items.push(item);
    r.section.lines = [r.section.lines[0], Math.max(r.section.lines[1], item.lines[1])];
  }
  return { layout: 'table', sections };
}

function countBlanks(lines: readonly SourceLine[], from: number): number {
  let n = 0;
  while (from + n < lines.length && (lines[from + n] as SourceLine).blank) n++;
  return n;
}

/** The expected number, or a small jump, followed by what a row holds. */
function isRowStart(
  number: number,
  expected: number,
  body: readonly SourceLine[],
  i: number,
): boolean {
  if (number === expected) return true;
  if (number <= expected || number > expected + 3) return false;
  const rest = (body[i] as SourceLine).text.trim().replace(/^\d+\s*/, '');
  const next = body.slice(i + 1).find((l) => !l.blank);
  return (
    /^\p{Lu}/u.test(rest) ||
    (rest === '' && next !== undefined && /^\p{Lu}/u.test(next.text.trim()))
  );
}

interface ReadRow {
  row: Row;
  item: ParsedItem;
  /** Cells after the products cell: text the page break pushed into this row. */
  spill: SourceLine[];
}

function readRow(row: Row, context: LayoutContext): ReadRow {
  const last = [...row.lines].reverse().find((l) => !l.blank) ?? row.numberLine;
  const lines: [number, number] = [row.numberLine.n, last.n];
  const firstText = row.numberLine.text.trim().replace(/^\d+\s*/, '');
  const excluded = exclusionOf(
    joinText([{ text: firstText }, ...row.lines.slice(1).filter((l) => !l.blank)]),
  );
  const base = { number: row.number, numberAssigned: false, lines, notes: [] };
  if (excluded) {
    return { row, item: excludedItem(context, row.numberLine.n, base, excluded), spill: [] };
  }
  const cells = cellsOf(row, firstText, context);
  const popIndex = cells.findIndex((c) => POPULATION_START.test(joinText(c.lines)));
  let diagnosisCells: Cell[];
  let after: Cell[];
  if (popIndex > 0) {
    diagnosisCells = cells.slice(0, popIndex);
    after = cells.slice(popIndex);
  } else {
    diagnosisCells = cells.slice(0, 1);
    after = cells.slice(1);
  }
  // A page break inside a cell splits it in two: join back while there are too many cells.
  after = mergePageBreaks(after, 3);
  const diagnosis = joinText(mergePageBreaks(diagnosisCells, 1).flatMap((c) => c.lines));
  const [population, indication, products, ...extra] = after;
  const item: ParsedItem = {
    ...base,
    diagnosis,
    population: population ? joinText(population.lines) : null,
    indication: indication ? joinText(indication.lines) : null,
    products: products
      ? [{ text: joinText(products.lines), line: (products.lines[0] as SourceLine).n }]
      : [],
  };
  const missing = [
    diagnosis ? null : 'diagnosis',
    population ? null : 'population',
    indication ? null : 'indication',
    products ? null : 'products',
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    context.findings.issues.push({
      code: 'PARSE_ITEM_INCOMPLETE',
      severity: 'warning',
      line: row.numberLine.n,
      message: `section ${row.section.number}, row ${row.number}: no ${missing.join(', ')} cell`,
    });
  }
  return { row, item, spill: extra.flatMap((c) => c.lines) };
}

function cellsOf(row: Row, firstText: string, context: LayoutContext): Cell[] {
  const cells: Cell[] = [];
  let current: SourceLine[] = [];
  let blanks = 0;
  let pendingBreak = false;
  const lines = [
    { ...row.numberLine, text: firstText, blank: firstText === '' },
    ...row.lines.slice(1),
  ];
  if (firstText === '' && (row.lines[1]?.blank ?? false)) {
    context.findings.repairs.push({
      kind: 'detached_row_number',
      line: row.numberLine.n,
      before: `${row.number} / (blank line)`,
      after: `row ${row.number} joined to its diagnosis`,
    });
  }
  for (const line of lines) {
    if (line.blank) {
      blanks++;
      continue;
    }
    if (blanks > 0 && current.length > 0) {
      cells.push({ lines: current, afterPageBreak: pendingBreak });
      current = [];
      pendingBreak = blanks >= 2;
    } else if (blanks >= 2) pendingBreak = true;
    blanks = 0;
    // The diagnosis and the population share a paragraph when no blank line separates them.
    if (current.length > 0 && cells.length === 0 && POPULATION_START.test(line.text.trim())) {
      cells.push({ lines: current, afterPageBreak: false });
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) cells.push({ lines: current, afterPageBreak: pendingBreak });
  return cells;
}

function mergePageBreaks(cells: Cell[], wanted: number): Cell[] {
  const result = [...cells];
  while (result.length > wanted) {
    const k = result.findIndex((c, i) => i > 0 && c.afterPageBreak);
    if (k < 0) break;
    const merged: Cell = {
      lines: [...(result[k - 1] as Cell).lines, ...(result[k] as Cell).lines],
      afterPageBreak: (result[k - 1] as Cell).afterPageBreak,
    };
    result.splice(k - 1, 2, merged);
  }
  return result;
}

/** Text that starts mid-phrase: a comma, a closing bracket or a lower-case word. */
function startsMidPhrase(text: string): boolean {
  return /^[,;.)]|^\p{Ll}/u.test(text.trim());
}

function moveSpills(rows: ReadRow[], context: LayoutContext): void {
  rows.forEach((current, k) => {
    if (current.spill.length === 0) return;
    const spillText = joinText(current.spill);
    const from = (current.spill[0] as SourceLine).n;
    const to = (current.spill[current.spill.length - 1] as SourceLine).n;
    const next = rows[k + 1];
    const target = next?.item.products[0];
    if (next && target && !next.item.excluded && startsMidPhrase(target.text)) {
      const joined = /^[,;.)]/.test(target.text)
        ? `${spillText}${target.text}`
        : `${spillText} ${target.text}`;
      context.findings.repairs.push({
        kind: 'page_break_spill',
        line: from,
        before: `row ${current.item.number}: "${spillText}" … row ${next.item.number}: "${target.text.slice(0, 40)}"`,
        after: `row ${next.item.number}: "${joined.slice(0, 80)}"`,
      });
      target.text = joined;
      target.line = from;
      current.item.notes.push({
        kind: 'moved',
        text: `Lines ${from}–${to} ("${spillText}") belong to item ${next.item.number}: the page break pushed them into this row.`,
      });
      next.item.notes.push({
        kind: 'moved',
        text: `The product cell begins at lines ${from}–${to}, printed in item ${current.item.number}'s row before the page break, and continues here.`,
      });
      return;
    }
    current.item.products.push({ text: spillText, line: from });
    current.item.notes.push({
      kind: 'doubt',
      text: `Lines ${from}–${to} ("${spillText}") follow the products cell; kept as a product of this row.`,
    });
    context.findings.issues.push({
      code: 'PARSE_ITEM_INCOMPLETE',
      severity: 'warning',
      line: from,
      message: `row ${current.item.number} has a fifth cell ("${spillText.slice(0, 60)}") that the next row does not continue; kept in this row`,
    });
  });
}
