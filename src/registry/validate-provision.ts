/** Cross-file checks of the provision parameter files: place, region, one file per region. */
import type { DataIssue } from '../domain/issues.ts';
import type { Registry } from './registry.ts';

export function validateProvisions(registry: Registry): DataIssue[] {
  const issues: DataIssue[] = [];
  const seen = new Map<string, string>();
  for (const { path, file, lineOf } of registry.provisions) {
    const at = (p: (string | number)[]) => {
      const line = lineOf(p);
      return line === undefined ? {} : { line };
    };
    const expected = `${file.region}/provision.yaml`;
    if (path !== expected) {
      issues.push({
        code: 'DATA_FILE_PLACE',
        file: path,
        path: [],
        message: `the provision parameters of ${file.region} belong at ${expected}`,
      });
    }
    if (!registry.region(file.region)) {
      issues.push({
        code: 'CITE_UNKNOWN_REGION',
        file: path,
        path: ['region'],
        ...at(['region']),
        message: `unknown region ${file.region}`,
      });
    }
    const first = seen.get(file.region);
    if (first !== undefined) {
      issues.push({
        code: 'DATA_DUPLICATE',
        file: path,
        path: ['region'],
        ...at(['region']),
        message: `${file.region} already has provision parameters in ${first}`,
      });
    } else seen.set(file.region, path);
  }
  return issues;
}
