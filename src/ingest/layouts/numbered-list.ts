/**
 * Numbered lists, as Karaganda's annex writes them: sections "1. …:" and items
 * `1) "X" дәрілік заты - "Y" диагнозында;` (Russian: `1) лекарственное
 * средство "X" – при диагнозе "Y";`). A paragraph of a section without a
 * number is one item, numbered 1 by tegin.
 */
import { MEDICINE_WORD } from '../keywords.ts';
import type { ParsedItem, ParsedList, ParsedNote, ParsedSection, SourceLine } from '../model.ts';
import { joinText } from '../segment.ts';
import {
  exclusionOf,
  excludedItem,
  newSection,
  sectionHeading,
  splitTopLevel,
  type LayoutContext,
} from './common.ts';

const ITEM = /^\s*(\d+)\)\s*(.*)$/u;
const QUOTED = /"([^"]+)"|«([^»]+)»/gu;

export function looksLikeNumberedList(body: readonly SourceLine[]): number {
  return (
    body.filter((l) => ITEM.test(l.text) && (MEDICINE_WORD.test(l.text) || /["«]/u.test(l.text)))
      .length * 3
  );
}

interface Paragraph {
  lines: SourceLine[];
  number: string | null;
}

export function parseNumberedList(body: readonly SourceLine[], context: LayoutContext): ParsedList {
  const sections: ParsedSection[] = [];
  let section: ParsedSection | null = null;
  const paragraphs: Paragraph[] = [];
  const flush = () => {
    if (!section) return;
    for (const p of paragraphs.splice(0)) addItem(section, p, context);
  };
  for (const line of body) {
    if (line.blank) continue;
    const heading = sectionHeading(line.text);
    if (heading && /^\s{2,}|^\d/u.test(line.text) && !ITEM.test(line.text)) {
      flush();
      section = newSection(heading.number, heading.title, heading.kind, line.n);
      sections.push(section);
      continue;
    }
    const item = ITEM.exec(line.text);
    if (item) {
      if (!section) {
        section = newSection('1', null, 'medicine', line.n, true);
        sections.push(section);
      }
      paragraphs.push({ lines: [line], number: item[1] as string });
      continue;
    }
    const last = paragraphs[paragraphs.length - 1];
    if (/^\s{2,}\S/u.test(line.text) || !last) {
      if (
        section &&
        section.items.length === 0 &&
        paragraphs.length === 0 &&
        section.title &&
        !/^\s{2,}/u.test(line.text)
      ) {
        section.title = `${section.title} ${line.text.trim()}`.replace(/[:\s]+$/u, '');
        continue;
      }
      paragraphs.push({ lines: [line], number: null });
    } else last.lines.push(line);
  }
  flush();
  return { layout: 'numbered_list', sections };
}

function addItem(section: ParsedSection, paragraph: Paragraph, context: LayoutContext): void {
  const first = paragraph.lines[0] as SourceLine;
  const last = paragraph.lines[paragraph.lines.length - 1] as SourceLine;
  const text = joinText(paragraph.lines).replace(/^\d+\)\s*/u, '');
  const numberAssigned = paragraph.number === null;
  const number = paragraph.number ?? String(section.items.length + 1);
  const expected = String(section.items.length + 1);
  if (!numberAssigned && number !== expected) {
    context.findings.issues.push({
      code: 'PARSE_ITEM_GAP',
      severity: 'warning',
      line: first.n,
      message: `section ${section.number}: expected item ${expected}, found item ${number}`,
    });
  }
  const base = { number, numberAssigned, lines: [first.n, last.n] as [number, number] };
  section.lines = [section.lines[0], Math.max(section.lines[1], last.n)];
  const excluded = exclusionOf(text);
  if (excluded) {
    section.items.push(excludedItem(context, first.n, base, excluded));
    return;
  }
  const item = readClause(text, first.n);
  if (!item.diagnosis) {
    context.findings.issues.push({
      code: 'PARSE_ITEM_INCOMPLETE',
      severity: 'warning',
      line: first.n,
      message: `section ${section.number}, item ${number}: no diagnosis found in "${text.slice(0, 80)}"`,
    });
  }
  if (numberAssigned) {
    item.notes.push({
      kind: 'repaired',
      text: `Point ${section.number} of the annex has no numbered items; tegin numbers this item ${number} and cites it by the point.`,
    });
  }
  if (
    paragraph.lines.length > 1 &&
    item.diagnosis.length > 0 &&
    !paragraph.lines.some((x) => joinText([x]).includes(item.diagnosis))
  ) {
    item.notes.push({
      kind: 'repaired',
      text: `Diagnosis split over lines ${first.n}–${last.n} rejoined.`,
    });
  }
  section.items.push({ ...base, ...item });
}

/** Reads one item's text: products before the dash, the quoted diagnosis after it. */
export function readClause(
  text: string,
  line: number,
): Pick<ParsedItem, 'diagnosis' | 'population' | 'indication' | 'products' | 'notes'> {
  const notes: ParsedNote[] = [];
  const dash = findSeparator(text);
  let left: string;
  let right: string;
  if (dash) {
    left = text.slice(0, dash.index);
    right = text.slice(dash.index + dash.length);
  } else {
    const quote = text.search(/["«]/u);
    const lastQuoted = [...text.matchAll(QUOTED)].pop();
    const cut = lastQuoted ? lastQuoted.index : Math.max(quote, 0);
    left = text.slice(0, cut);
    right = text.slice(cut);
  }
  const diagnosisQuote = [...right.matchAll(QUOTED)][0];
  let diagnosis: string;
  let tail: string;
  if (diagnosisQuote) {
    diagnosis = (diagnosisQuote[1] ?? diagnosisQuote[2] ?? '').trim();
    tail = right.slice(diagnosisQuote.index + diagnosisQuote[0].length);
  } else {
    diagnosis = right
      .replace(/^\s*при\s+диагноз\p{L}*\s*/u, '')
      .replace(/\s*диагноз\p{L}*.*$/u, '');
    tail = '';
  }
  diagnosis = diagnosis
    .replace(/["«»]/gu, '')
    .replace(/[;.,:\s]+$/u, '')
    .trim();
  tail = tail.replace(/^[\s,]+|[\s;.,]+$/gu, '');
  const population =
    tail === '' || /^(?:диагнозында|диагнозы кезінде|диагнозе|диагноза)$/u.test(tail) ? null : tail;

  // Russian puts the persons before the diagnosis: "… гражданам с диагнозом "X"".
  let persons: string | null = null;
  const before = /\s*((?:гражданам|лицам|детям)\s+с\s+диагноз\p{L}*)\s*$/u.exec(left);
  if (before) {
    persons = before[1] as string;
    left = left.slice(0, before.index);
  }
  const medicineWord = MEDICINE_WORD.exec(left);
  const names = left.replace(MEDICINE_WORD, ' ');
  const quoted = [...names.matchAll(QUOTED)].map((m) => (m[1] ?? m[2] ?? '').trim());
  const unquoted = splitTopLevel(names.replace(QUOTED, ','), ',;')
    .map((s) => s.replace(/^[-–—\s]+|[-–—\s]+$/gu, ''))
    .filter((s) => /\p{L}/u.test(s));
  const products: ParsedItem['products'] = [];
  if (quoted.length === 0 && unquoted.length === 0) {
    if (medicineWord)
      products.push({ text: medicineWord[0].replace(/\s+/g, ' '), unnamed: true, line });
  } else {
    // Names in source order: quoted and unquoted as they appear.
    const ordered = [
      ...quoted.map((q) => ({ q, at: names.indexOf(q) })),
      ...unquoted.map((u) => ({ q: u, at: names.indexOf(u) })),
    ].sort((a, b) => a.at - b.at);
    for (const { q } of ordered) products.push({ text: q, quoted: [q], line });
    for (const u of unquoted) {
      if (quoted.length > 0) {
        notes.push({
          kind: 'typo',
          text: `"${u}" is written without the quotation marks the other names have.`,
        });
      }
    }
  }
  return { diagnosis, population: population ?? persons, indication: null, products, notes };
}

/** The dash between products and diagnosis: outside quotes, followed by a quote or "при". */
function findSeparator(text: string): { index: number; length: number } | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') quoted = !quoted;
    else if (ch === '«') quoted = true;
    else if (ch === '»') quoted = false;
    else if (!quoted && /[-–—]/u.test(ch)) {
      const before = text.slice(0, i);
      const after = text.slice(i + 1);
      if (/\S$/u.test(before) && !/(?:зат|заты|заттары|заттар)$/u.test(before)) continue;
      if (/^\s*(?:["«]|при\s)/u.test(after)) {
        const m = /^\s*/u.exec(after);
        return { index: i, length: 1 + (m?.[0].length ?? 0) };
      }
    }
  }
  return null;
}
