/**
 * The values that flow between the import stages: source lines, repairs,
 * issues, and the parsed (not yet normalised) shape of a list.
 */
import type { IssueCode } from '../domain/issues.ts';

/** The languages the importer reads. */
export const SOURCE_LANGS = ['kk', 'ru'] as const;
export type SourceLang = (typeof SOURCE_LANGS)[number];

/** One line of the source, 1-based; `text` is repaired, `blank` refers to the original. */
export interface SourceLine {
  n: number;
  text: string;
  blank: boolean;
}

export const REPAIR_KINDS = [
  'spaced_letters',
  'split_word',
  'broken_word',
  'hyphenated_word',
  'displaced_link_word',
  'page_break_spill',
  'detached_row_number',
  'detached_heading',
  'spacing',
  'excluded_row',
  'paragraph_indent',
] as const;

/**
 * What the importer changed in the text, and where:
 * - `spaced_letters`: "а р н а л ғ а н" → "арналған";
 * - `split_word`: a lone letter split from its word ("б іткен" → "біткен");
 * - `broken_word`: a word broken over two lines without a hyphen;
 * - `hyphenated_word`: a word hyphenated over two lines ("препа-" / "раты");
 * - `displaced_link_word`: a word of a hyperlink printed at the end of the line
 *   instead of where it was written ("шешімі", "Кодексіне", "қосымшасына", "№ 34");
 * - `page_break_spill`: table cell text pushed into the previous row by a page break;
 * - `detached_row_number` / `detached_heading`: a row number or section heading
 *   separated from its row by a blank line or page break;
 * - `spacing`: spacing normalised around punctuation and dashes;
 * - `excluded_row`: a row that only says "Алынып тасталды - …" / "исключен …",
 *   read as an excluded item citing the excluding act;
 * - `paragraph_indent`: an excerpt with no indented line (as a web page or a search tool gives
 *   it) read one paragraph per line from its first note, point or operative formula, as
 *   Adilet's dumps mark paragraphs with an indent.
 */
export type RepairKind = (typeof REPAIR_KINDS)[number];

export interface Repair {
  kind: RepairKind;
  line: number;
  before: string;
  after: string;
}

/** A problem found while importing, located by source line where it has one. */
export interface ImportIssue {
  code: IssueCode;
  severity: 'error' | 'warning';
  line?: number;
  message: string;
}

/** A list item as read from the text, before vocabulary lookup. */
export interface ParsedItem {
  number: string;
  numberAssigned: boolean;
  lines: [number, number];
  excluded?: ParsedExclusion;
  diagnosis: string;
  population: string | null;
  indication: string | null;
  /** Product cell or clause text as repaired, in source order. */
  products: ParsedProductText[];
  /** What the parser noticed about this item (typos, repairs, moved text). */
  notes: ParsedNote[];
}

export interface ParsedProductText {
  text: string;
  /** A name quoted or bracketed in the source, when the layout gives one. */
  quoted?: string[];
  /** True where the source says only "дәрілік зат" / "лекарственное средство". */
  unnamed?: boolean;
  /** A food or device named among medicines (a list in the operative point); else the section's kind. */
  kind?: 'food' | 'device';
  line: number;
}

export interface ParsedExclusion {
  /** The excluding act as written, e.g. "Батыс Қазақстан облыстық мәслихатының 15.12.2025 № 22-5". */
  text: string;
  date: string | null;
  number: string | null;
}

export interface ParsedNote {
  kind: 'repaired' | 'moved' | 'missing' | 'typo' | 'doubt';
  text: string;
}

export type SectionKindGuess = 'medicine' | 'device' | 'food';

export interface ParsedSection {
  number: string;
  numberAssigned: boolean;
  kind: SectionKindGuess;
  title: string | null;
  lines: [number, number];
  items: ParsedItem[];
}

/** Annex layouts, and lists written in the operative point itself (`layouts/operative-point.ts`). */
export const LAYOUTS = [
  'numbered_list',
  'table',
  'running_text',
  'operative_point',
  'one_sentence',
] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface ParsedList {
  layout: Layout;
  sections: ParsedSection[];
}

/** Issues plus repairs: what every stage adds to. */
export interface Findings {
  issues: ImportIssue[];
  repairs: Repair[];
}

export function newFindings(): Findings {
  return { issues: [], repairs: [] };
}
