/** A table to export: a header row and rows of strings or numbers (null: an empty cell). */
export type Cell = string | number | null;

export interface Table {
  /** A short name (an XLSX sheet name: at most 31 characters, none of `[]:*?/\`). */
  name: string;
  header: string[];
  rows: Cell[][];
}

/**
 * A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, and the tab and carriage
 * return OWASP lists) is prefixed with an apostrophe, so it is shown as text. Numbers stay numbers.
 */
export function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
