/**
 * A draft list decision read for a what-if, never entering the law data: the file (the format of
 * `data/<KZ-NN>/lists/*.yaml`) is parsed against the registry's own list schema, then the
 * registry's cross-file checks run on an in-memory registry where the draft stands in for the
 * region's list (issues with file and line; only the draft's are reported). The engine over the
 * draft treats it as in force on the date asked. Nothing here writes, caches or registers the
 * draft: the registry and engine it builds are local values, dropped after the analysis.
 */
import type { DataIssue } from '../domain/issues.ts';
import type { IsoDate } from '../domain/date.ts';
import { Engine } from '../domain/engine.ts';
import type { ListFile } from '../domain/list.ts';
import type { Region } from '../domain/region.ts';
import { parseDataFile } from '../registry/parse.ts';
import { Registry } from '../registry/registry.ts';
import { validateRegistry } from '../registry/validate.ts';
import { evaluateFor, type EvaluateAnswer } from './queries.ts';

export interface DraftLaw {
  path: string;
  list: ListFile;
  /** The engine's answer as if the draft were the region's list in force on the date. */
  evaluate(facts: unknown): EvaluateAnswer;
}

export type DraftResult = { ok: true; draft: DraftLaw } | { ok: false; issues: DataIssue[] };

export function readDraft(input: {
  registry: Registry;
  region: Region;
  date: IsoDate;
  path: string;
  text: string;
}): DraftResult {
  const { registry, region, date, path, text } = input;
  const parsed = parseDataFile(path, text);
  if (!parsed.ok) return parsed;
  const file = parsed.file;
  if (file.kind !== 'list') {
    return {
      ok: false,
      issues: [
        issue(
          path,
          ['kind'],
          parsed.lineOf(['kind']),
          `expected a list file (kind: list), not "${file.kind}"`,
        ),
      ],
    };
  }
  if (file.region !== region.code) {
    return {
      ok: false,
      issues: [
        issue(
          path,
          ['region'],
          parsed.lineOf(['region']),
          `the draft is for ${file.region}, not ${region.code}`,
        ),
      ],
    };
  }
  // The same checks as the data: the draft in place of the region's list, in a registry of its own.
  const trial = new Registry({
    regions: registry.regions,
    acts: registry.acts,
    medicines: registry.medicines,
    diseases: registry.diseases,
    sources: registry.sources,
    provisions: registry.provisions,
    lists: [
      ...registry.versions
        .filter((v) => v.list.region !== region.code)
        .map((v) => ({ path: v.path, list: v.list, lineOf: v.lineOf })),
      { path, list: file, lineOf: parsed.lineOf },
    ],
  });
  // A draft lives outside data/ by design, so where its file sits is not checked.
  const issues = validateRegistry(trial, []).filter(
    (i) => i.file === path && i.code !== 'DATA_FILE_PLACE',
  );
  if (issues.length > 0) return { ok: false, issues };
  const version = {
    list: file,
    effective: { kind: 'known' as const, date, basis: 'fixed_date' as const },
  };
  const engine = new Engine({
    regions: [region],
    listVersions: (code) => (code === region.code ? [version] : []),
    act: (id) => registry.act(id),
    effectiveOf: (id) => registry.effectiveOf(id),
  });
  return {
    ok: true,
    draft: { path, list: file, evaluate: (facts) => evaluateFor(registry, engine, facts) },
  };
}

function issue(file: string, path: string[], line: number | undefined, message: string): DataIssue {
  return { code: 'DATA_SCHEMA', file, path, line: line ?? 1, message };
}
