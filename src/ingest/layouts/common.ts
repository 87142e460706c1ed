/**
 * What the layout parsers share: section headings, exclusions, and the
 * context they report into.
 */
import { EXCLUDED, findDate, sectionKindOf } from '../keywords.ts';
import type {
  Findings,
  ParsedExclusion,
  ParsedItem,
  ParsedSection,
  SectionKindGuess,
  SourceLang,
} from '../model.ts';

export interface LayoutContext {
  lang: SourceLang;
  findings: Findings;
}

/** "1. Тегін медициналық … дәрілік заттар" → a section of that number and kind. */
export function sectionHeading(
  text: string,
): { number: string; title: string; kind: SectionKindGuess | null } | null {
  const match = /^\s*(\d+)\.\s+(\S.*)$/u.exec(text);
  if (!match) return null;
  const title = (match[2] as string).replace(/[:\s]+$/u, '');
  return { number: match[1] as string, title, kind: sectionKindOf(title) };
}

/** "Алынып тасталды - Батыс Қазақстан облыстық мәслихатының 15.12.2025 № 22-5 шешімімен (…)". */
export function exclusionOf(text: string): ParsedExclusion | null {
  const t = text.trim();
  if (!EXCLUDED.test(t)) return null;
  const date = findDate(t);
  const number = /№\s*([\w-]+)/u.exec(t);
  return { text: t, date: date?.date ?? null, number: number?.[1] ?? null };
}

export function newSection(
  number: string,
  title: string | null,
  kind: SectionKindGuess | null,
  line: number,
  numberAssigned = false,
): ParsedSection {
  return {
    number,
    numberAssigned,
    kind: kind ?? 'medicine',
    title,
    lines: [line, line],
    items: [],
  };
}

/** Splits at commas (or `;`) outside quotes and brackets. */
export function splitTopLevel(text: string, separators = ',;'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '«') quoted = true;
    else if (ch === '»') quoted = false;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (!quoted && depth === 0 && separators.includes(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * An excluded row ("Алынып тасталды - …"): recorded as a repair, so the reviewer sees
 * each one listed, and returned as an item that keeps only its number and exclusion.
 */
export function excludedItem(
  context: LayoutContext,
  line: number,
  base: Pick<ParsedItem, 'number' | 'numberAssigned' | 'lines'>,
  excluded: ParsedExclusion,
): ParsedItem {
  context.findings.repairs.push({
    kind: 'excluded_row',
    line,
    before: excluded.text.slice(0, 120),
    after: `item ${base.number} excluded by the decision of ${excluded.date ?? '?'} № ${excluded.number ?? '?'}`,
  });
  return {
    ...base,
    excluded,
    diagnosis: '',
    population: null,
    indication: null,
    products: [],
    notes: [],
  };
}
