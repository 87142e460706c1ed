/** Types of bin/fresh.js (plain JavaScript, so the launchers run without a compiler). */
export function whyStale(root: string): string | undefined;
export function importBuilt(
  root: string,
  name: string,
  source: string,
  stderr?: { write(text: string): unknown },
): Promise<Record<string, unknown>>;
