/**
 * Cross-file checks of data/region-names.yaml: every name continues a region of
 * regions.yaml, ids are unique, and two names read from the same maslikhat form never
 * apply on the same day (the importer could not tell them apart).
 */
import type { DataIssue } from '../domain/issues.ts';
import type { RegionName } from '../domain/region-names.ts';
import type { Region } from '../domain/region.ts';

export function validateRegionNames(
  file: string,
  names: readonly RegionName[],
  regions: readonly Region[],
): DataIssue[] {
  const issues: DataIssue[] = [];
  const codes = new Set(regions.map((r) => r.code as string));
  const ids = new Set<string>();
  names.forEach((name, index) => {
    const at = (path: (string | number)[], message: string, code: DataIssue['code']) =>
      issues.push({ code, file, path: ['names', index, ...path], line: 1, message });
    if (ids.has(name.id)) at(['id'], `"${name.id}" is used twice`, 'DATA_DUPLICATE');
    ids.add(name.id);
    for (const code of [name.region, ...(name.territory ?? [])])
      if (!codes.has(code))
        at(['region'], `${code} is not a region of regions.yaml`, 'DATA_SCHEMA');
    names.slice(0, index).forEach((other) => {
      const shared = name.forms.some((f) => other.forms.includes(f));
      if (shared && overlaps(name, other))
        at(['from'], `"${name.id}" and "${other.id}" share a form and a day`, 'DATA_DATES');
    });
  });
  return issues;
}

function overlaps(a: RegionName, b: RegionName): boolean {
  const start = (n: RegionName) => n.from ?? '0000-01-01';
  const end = (n: RegionName) => n.until ?? '9999-12-31';
  return start(a) <= end(b) && start(b) <= end(a);
}
