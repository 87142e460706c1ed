/**
 * `tegin import <file>`: reads an Adilet text of a maslikhat decision into
 * draft data files and a report of what was repaired and what could not be
 * read. The thin I/O edge of src/ingest: it reads the file, loads the
 * registry for regions and vocabulary, and writes drafts under `--out`.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { dateFlag } from '../flags.ts';
import { compareLists, formatComparison, type ListComparison } from '../../ingest/compare.ts';
import { draftPaths } from '../../ingest/draft-paths.ts';
import { importDecision } from '../../ingest/import.ts';
import { MAX_INPUT_BYTES } from '../../ingest/input.ts';
import { formatReport, formatSummary } from '../../ingest/report.ts';
import { IngestVocabulary } from '../../ingest/vocabulary.ts';
import {
  consolidate,
  effectsDraft,
  formatConsolidated,
  type HeldLookup,
} from '../../ingest/effects/resolve.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadRegistryOrFail } from '../registry.ts';
import { readFormularyFile } from '../../registry/load-files.ts';
import { formularyNamesOf } from '../../registry/formulary.ts';

export async function importCommand(
  args: string[],
  io: CliIo,
  dataDir?: string,
  today?: string,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      region: { type: 'string' },
      lang: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      compare: { type: 'boolean', default: false },
      'current-as-of': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [file, ...extra] = positionals;
  if (!file)
    throw new UsageError('import: name the text file to import, e.g. tegin import decision.txt');
  if (extra.length > 0)
    throw new UsageError(`import: one file at a time (got ${positionals.length})`);
  if (values.lang !== undefined && values.lang !== 'kk' && values.lang !== 'ru')
    throw new UsageError(`--lang: "${values.lang}" is not one of kk, ru`);
  const stated = values['current-as-of'];
  const currentAsOf = dateFlag(
    '--current-as-of',
    stated ?? today ?? new Date().toISOString().slice(0, 10),
  );

  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`import: cannot read "${file}": no such file`);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new UsageError(
      `import: "${file}" is ${size} bytes; the import limit is ${MAX_INPUT_BYTES} bytes (2 MB): a decision's text is far smaller, so this is not one`,
    );
  }
  const registry = await loadRegistryOrFail(io, dataDir);
  if (!registry) return EXIT.dataProblems;
  const region = values.region === undefined ? undefined : registry.region(values.region);
  if (values.region !== undefined && !region)
    throw new UsageError(`--region: "${values.region}" is not a region; run "tegin regions"`);

  const vocabulary = new IngestVocabulary({
    medicines: [...registry.medicines.values()],
    diseases: registry.diseases,
    formulary: formularyNamesOf(readFormularyFile()),
  });
  const result = importDecision(readFileSync(file), {
    file: basename(file),
    ...(region ? { region } : {}),
    ...(values.lang ? { lang: values.lang } : {}),
    currentAsOf: { date: currentAsOf, stated: stated !== undefined },
    regions: registry.regions,
    regionNames: registry.regionNames,
    vocabulary,
  });
  const { report } = result;
  const held: HeldLookup = {
    regions: registry.regions,
    hasAct: (id) => registry.act(id) !== undefined,
    // The latest held version of each annex of the act.
    listsOf: (id) => [
      ...new Map(
        registry.versions.filter((v) => v.list.act === id).map((v) => [v.list.annex, v.list]),
      ).values(),
    ],
  };
  const consolidated = values.compare ? consolidate(result, held, vocabulary) : [];

  let comparisons: ListComparison[] | null = null;
  if (values.compare) {
    comparisons = [];
    for (const list of result.lists) {
      const versions = registry.versions.filter(
        (v) => v.list.act === list.act && v.list.annex === list.annex,
      );
      const curated = versions.find((v) => v.list.edition === list.edition) ?? versions.at(-1);
      if (curated) comparisons.push(compareLists(list, curated.list));
    }
    if (comparisons.length === 0 && consolidated.length === 0) {
      io.stderr(
        `tegin: import --compare: the registry holds no curated list for ${report.act?.id ?? 'this text'}\n`,
      );
    }
  }

  if (values.out) {
    const effects = effectsDraft(result, held);
    if (effects && report.act) {
      const path = draftPaths.effects(report.act.region, report.act.adopted, report.act.number);
      report.drafts.push({ path, kind: 'effects' });
      mkdirSync(dirname(join(values.out, path)), { recursive: true });
      writeFileSync(
        join(values.out, path),
        `# Effects draft written by tegin import from ${report.source.file}: review it; it is never applied to the law data automatically.\n${stringify(effects, { lineWidth: 0 })}`,
      );
    }
    writeDrafts(values.out, result, report);
    io.stderr(
      `tegin: wrote ${report.drafts.length} draft file(s) and report.json under ${values.out}\n`,
    );
  }
  if (values.json) {
    const body = comparisons ? comparisonJson(comparisons) : report;
    io.stdout(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    io.stdout(values.compare ? formatSummary(report) : formatReport(report));
    for (const c of comparisons ?? []) io.stdout(formatComparison(c));
    for (const c of consolidated) io.stdout(formatConsolidated(c));
  }
  if (
    report.issues.some((i) => i.code.startsWith('PARSE_INPUT') || i.code === 'PARSE_NOT_A_DECISION')
  )
    return EXIT.badInput;
  return report.ok ? EXIT.ok : EXIT.badInput;
}

/** `{accuracy, items, exact, differences}` for one list; per list under `lists` when there are several. */
function comparisonJson(comparisons: ListComparison[]): unknown {
  if (comparisons.length === 1) return comparisons[0];
  const items = comparisons.reduce((n, c) => n + c.items, 0);
  const exact = comparisons.reduce((n, c) => n + c.exact, 0);
  return {
    accuracy: items === 0 ? 0 : Math.round((exact / items) * 10_000) / 10_000,
    items,
    exact,
    differences: comparisons.flatMap((c) => c.differences),
    lists: comparisons,
  };
}

function writeDrafts(
  dir: string,
  result: ReturnType<typeof importDecision>,
  report: typeof result.report,
): void {
  const write = (path: string, text: string) => {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  };
  const header = (kind: string) =>
    `# yaml-language-server: $schema=../../schema/${kind}.schema.json\n# Draft written by tegin import from ${report.source.file}: review it (report.json lists every repair and doubt).\n`;
  result.acts.forEach((act) => {
    write(
      draftPaths.act(act.issuer.region, act.adopted, act.number),
      header('act') + stringify(act, { lineWidth: 0 }),
    );
  });
  const main = result.acts[0];
  for (const list of result.lists) {
    if (!main) break;
    write(
      draftPaths.list(list.region, main.adopted, main.number, list.annex),
      header('list') + stringify(list, { lineWidth: 0 }),
    );
  }
  write('report.json', `${JSON.stringify(report, null, 2)}\n`);
}
