/**
 * Running-text lists, as older decisions write them: each line or clause names
 * a disease and then its products, trade names in quotes with the INN in
 * brackets — `1. Ревматоидты артрит: "Хумира" (адалимумаб), "Актемра"
 * (тоцилизумаб);` — or the disease after a dash. Several clauses may share a
 * line, separated by semicolons.
 */
import type { ParsedItem, ParsedList, ParsedSection, SourceLine } from '../model.ts';
import { joinText } from '../segment.ts';
import {
  exclusionOf,
  excludedItem,
  newSection,
  sectionHeading,
  splitTopLevel,
  type LayoutContext,
} from './common.ts';

const NUMBERED = /^\s*(\d+)[.)]\s+(.*)$/u;
const CLAUSE = /^(?<diagnosis>[^:"«]+?)\s*(?::|\s[-–—]\s)\s*(?<products>\S.*)$/u;
const PRODUCT = /^["«]?(?<brand>[^"»(]+?)["»]?\s*\((?<inn>[^)]+)\)$/u;

export function looksLikeRunningText(body: readonly SourceLine[]): number {
  return (
    body.filter((l) => {
      const t = l.text.replace(NUMBERED, '$2');
      return CLAUSE.test(t) && /["«][^"»]+["»]\s*\(/u.test(t);
    }).length * 3
  );
}

export function parseRunningText(body: readonly SourceLine[], context: LayoutContext): ParsedList {
  const sections: ParsedSection[] = [];
  let section: ParsedSection | null = null;
  let lines: SourceLine[] = [];
  const units: SourceLine[][] = [];
  for (const line of body) {
    if (line.blank) continue;
    const t = line.text.trim();
    const heading = sectionHeading(t);
    if (heading?.kind && /:$/u.test(t) && !CLAUSE.test(heading.title + ':x')) {
      if (lines.length > 0) units.push(lines);
      lines = [];
      flushUnits(units, section, context);
      section = newSection(heading.number, heading.title, heading.kind, line.n);
      sections.push(section);
      continue;
    }
    const starts =
      NUMBERED.test(line.text) ||
      /^\s{2,}\S/u.test(line.text) ||
      /[;.]\s*$/u.test(
        lines
          .map((l) => l.text)
          .join(' ')
          .trim(),
      );
    if (starts && lines.length > 0) {
      units.push(lines);
      lines = [];
    }
    lines.push(line);
    if (!section) {
      section = newSection('1', null, 'medicine', line.n, true);
      sections.push(section);
    }
  }
  if (lines.length > 0) units.push(lines);
  flushUnits(units, section, context);
  return { layout: 'running_text', sections };
}

function flushUnits(
  units: SourceLine[][],
  section: ParsedSection | null,
  context: LayoutContext,
): void {
  if (!section) {
    units.splice(0);
    return;
  }
  for (const unit of units.splice(0)) {
    const first = unit[0] as SourceLine;
    const last = unit[unit.length - 1] as SourceLine;
    const text = joinText(unit);
    const numbered = NUMBERED.exec(text);
    const body = numbered ? (numbered[2] as string) : text;
    // Several clauses may share a numbered line: "…; Бехтерев ауруы: …".
    const clauses = numbered ? [body] : splitTopLevel(body, ';');
    for (const clause of clauses) {
      const number = numbered ? (numbered[1] as string) : String(section.items.length + 1);
      const lines: [number, number] = [first.n, last.n];
      section.lines = [section.lines[0], Math.max(section.lines[1], last.n)];
      const base = { number, numberAssigned: !numbered, lines, notes: [] };
      const excluded = exclusionOf(clause);
      if (excluded) {
        section.items.push(excludedItem(context, first.n, base, excluded));
        continue;
      }
      const item = readRunningClause(clause.replace(/[;.]\s*$/u, ''), first.n);
      if (!item) {
        context.findings.issues.push({
          code: 'PARSE_LINE_UNREAD',
          severity: 'warning',
          line: first.n,
          message: `not read as "disease: products": "${clause.slice(0, 80)}"`,
        });
        continue;
      }
      section.items.push({ ...base, ...item, notes: [] });
    }
  }
}

export function readRunningClause(
  clause: string,
  line: number,
): Pick<ParsedItem, 'diagnosis' | 'population' | 'indication' | 'products'> | null {
  const match = CLAUSE.exec(clause.trim());
  if (!match?.groups) return null;
  const diagnosis = (match.groups.diagnosis as string)
    .replace(/\s+(?:ауруы\s+)?кезінде$|^при\s+/u, '')
    .trim();
  const products = splitTopLevel(match.groups.products as string, ',').map((piece) => {
    const p = PRODUCT.exec(piece);
    if (p?.groups) {
      return {
        text: piece,
        quoted: [(p.groups.inn as string).trim(), (p.groups.brand as string).trim()],
        line,
      };
    }
    return { text: piece, quoted: [piece.replace(/["«»]/gu, '').trim()], line };
  });
  if (products.length === 0) return null;
  return { diagnosis, population: null, indication: null, products };
}
