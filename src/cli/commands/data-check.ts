/** `tegin data check`: load and validate every data file; list each problem with file, line, path and reason. */
import { parseArgs } from 'node:util';
import { buildRegistry } from '../../registry/build.ts';
import { readDataDir } from '../../registry/load-files.ts';
import { EXIT, type CliIo } from '../io.ts';

export function dataCheck(args: string[], io: CliIo, dataDir?: string): number {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false }, dir: { type: 'string' } },
    strict: true,
  });
  const files = readDataDir(values.dir ?? dataDir);
  const { registry, issues } = buildRegistry(files);
  const counts = {
    files: files.length,
    regions: registry.regions.length,
    acts: registry.acts.size,
    lists: registry.versions.length,
    items: registry.versions.reduce(
      (n, v) => n + v.list.sections.reduce((m, s) => m + s.items.length, 0),
      0,
    ),
    medicines: registry.medicines.size,
    diseases: registry.diseases.length,
  };
  if (values.json) {
    io.stdout(`${JSON.stringify({ ok: issues.length === 0, counts, issues }, null, 2)}\n`);
  } else {
    for (const issue of issues) {
      const where = `${issue.file}${issue.line === undefined ? '' : `:${issue.line}`}`;
      const path = issue.path.length > 0 ? ` ${issue.path.join('.')}` : '';
      io.stdout(`${where}${path}: ${issue.code}: ${issue.message}\n`);
    }
    const summary = `${counts.files} files, ${counts.regions} regions, ${counts.acts} acts, ${counts.lists} lists, ${counts.items} items, ${counts.medicines} medicines, ${counts.diseases} diseases`;
    io.stdout(
      issues.length === 0
        ? `data check: ok (${summary})\n`
        : `data check: ${issues.length} problem(s) (${summary})\n`,
    );
  }
  return issues.length === 0 ? EXIT.ok : EXIT.dataProblems;
}
