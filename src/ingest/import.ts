/**
 * The import pipeline: input gate → lines → repair → segment → metadata and
 * layout detection → parse → normalise → draft files → schema validation →
 * report. Pure: the caller passes the text (or bytes), the regions and the
 * vocabulary; nothing here reads files or clocks. Never throws: a failure of
 * the importer itself becomes a PARSE_INTERNAL issue in the report.
 */
import { ActFile } from '../domain/act.ts';
import type { Disease } from '../domain/diseases.ts';
import type { IsoDate } from '../domain/date.ts';
import { ListFile } from '../domain/list.ts';
import type { Region } from '../domain/region.ts';
import type { RegionName } from '../domain/region-names.ts';
import type { Medicine } from '../domain/vocabulary.ts';
import { buildDrafts, reportItems } from './draft.ts';
import { readInput, MAX_INPUT_BYTES } from './input.ts';
import { detectLang, REPEAL_WORDS } from './keywords.ts';
import { looksLikeNumberedList, parseNumberedList } from './layouts/numbered-list.ts';
import { looksLikeRunningText, parseRunningText } from './layouts/running-text.ts';
import { looksLikeTable, parseTable } from './layouts/table.ts';
import { readOperativeList } from './layouts/operative-point.ts';
import { draftPaths } from './draft-paths.ts';
import { readEffects } from './effects/read.ts';
import { pointGroups, type PointGroup } from './points.ts';
import type { LayoutContext } from './layouts/common.ts';
import {
  readEntryIntoForce,
  readHeader,
  readNote,
  readRepealed,
  type ReadNote,
} from './metadata.ts';
import {
  newFindings,
  type Layout,
  type ParsedList,
  type SourceLang,
  type SourceLine,
} from './model.ts';
import { TRANSLATE } from './phrases.ts';
import { emptyReport, type ImportReport } from './report.ts';
import { repairLines, toLines } from './repair.ts';
import { paragraphs, segment, type AnnexBlock } from './segment.ts';
import { IngestVocabulary } from './vocabulary.ts';
import { applyIdentity } from './identity/apply.ts';
import { readIdentity } from './identity/read.ts';

export interface ImportOptions {
  /** The file name, for the report and the drafts' `source.file` (`<region>/source/<file>`). */
  file: string;
  region?: Region;
  lang?: SourceLang;
  /** The day the consolidated text was current; `stated` when the caller knows it. */
  currentAsOf: { date: IsoDate; stated: boolean };
  regions: readonly Region[];
  /** Region names through time (data/region-names.yaml); without them no region is read from the act's own words. */
  regionNames?: readonly RegionName[];
  vocabulary: IngestVocabulary | { medicines: readonly Medicine[]; diseases: readonly Disease[] };
  maxBytes?: number;
}

export interface ImportResult {
  report: ImportReport;
  acts: ActFile[];
  lists: ListFile[];
  /** The repaired source lines (for the comparison and for review). */
  lines: SourceLine[];
}

export function importDecision(input: Uint8Array | string, options: ImportOptions): ImportResult {
  const bytes =
    typeof input === 'string' ? new TextEncoder().encode(input).byteLength : input.byteLength;
  const report = emptyReport(options.file, bytes);
  try {
    return run(input, options, report);
  } catch (error) {
    report.ok = false;
    report.issues.push({
      code: 'PARSE_INTERNAL',
      severity: 'error',
      message: `the importer failed: ${error instanceof Error ? error.message : String(error)}`,
    });
    return { report, acts: [], lists: [], lines: [] };
  }
}

function pickLayout(body: readonly SourceLine[]): { layout: Layout; score: number } | null {
  const scores: { layout: Layout; score: number }[] = [
    { layout: 'table', score: looksLikeTable(body) },
    { layout: 'numbered_list', score: looksLikeNumberedList(body) },
    { layout: 'running_text', score: looksLikeRunningText(body) },
  ];
  scores.sort((a, b) => b.score - a.score);
  const best = scores[0];
  return best && best.score >= 3 ? best : null;
}

function parseLayout(
  layout: Layout,
  body: readonly SourceLine[],
  context: LayoutContext,
): ParsedList {
  switch (layout) {
    case 'table':
      return parseTable(body, context);
    case 'numbered_list':
      return parseNumberedList(body, context);
    case 'running_text':
      return parseRunningText(body, context);
    case 'operative_point':
    case 'one_sentence':
      // Read from the decision's points (layouts/operative-point.ts), never scored for an annex.
      return { layout, sections: [] };
    default:
      return assertNever(layout);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled layout ${String(value)}`);
}

/** A list in the operative point drafts as a list whose "annex" is `point-N`, never mistaken for an annex. */
function pointAsAnnex(point: PointGroup): AnnexBlock {
  return {
    number: `point-${point.number}`,
    start: point.lines[0],
    end: point.lines[1],
    marker: point.head.start,
    title: null,
    notes: [],
    body: [],
  };
}

function isRepealedAnnex(annex: AnnexBlock): boolean {
  const points = paragraphs(annex.body).filter((p) => /^\d+\.\s/u.test(p.text));
  if (points.length === 0) return false;
  const acts = points.filter((p) => /тіркел|зарегистрирован/u.test(p.text) && /№/u.test(p.text));
  return (
    acts.length * 2 >= points.length ||
    (annex.title !== null && REPEAL_WORDS.test(annex.title.text))
  );
}

function run(
  input: Uint8Array | string,
  options: ImportOptions,
  report: ImportReport,
): ImportResult {
  const gate = readInput(input, options.maxBytes ?? MAX_INPUT_BYTES);
  if (!gate.ok) {
    report.issues.push(gate.issue);
    return { report, acts: [], lists: [], lines: [] };
  }
  const vocabulary =
    options.vocabulary instanceof IngestVocabulary
      ? options.vocabulary
      : new IngestVocabulary(options.vocabulary);
  const lang = options.lang ?? detectLang(gate.text);
  report.source.lang = lang;
  const original = toLines(gate.text);
  report.source.lines = original.length;
  const findings = newFindings();
  const repaired = repairLines(original, { lang, lexicon: vocabulary.lexicon });
  findings.repairs.push(...repaired.repairs);
  const lines = repaired.lines;
  const segmented = segment(lines);
  const header = readHeader(segmented, options.regions, findings.issues);
  report.identity = readIdentity(lines, options.regionNames ?? []);
  applyIdentity(report.identity, header, findings.issues, lines);
  header.region ??= options.regions.find((r) => r.code === report.identity?.region?.code) ?? null;
  const region = options.region ?? header.region;
  if (options.region && header.region && options.region.code !== header.region.code) {
    findings.issues.push({
      code: 'PARSE_REGION_UNKNOWN',
      severity: 'warning',
      ...(header.lines ? { line: header.lines[0] } : {}),
      message: `--region ${options.region.code} was given, but the text names the ${header.region.name.en} maslikhat (${header.region.code})`,
    });
  }
  if (!region && header.lines) {
    findings.issues.push({
      code: 'PARSE_REGION_UNKNOWN',
      severity: 'error',
      line: header.lines[0],
      message: "no region's maslikhat is named in the decision line; give --region",
    });
  }
  if (lang === 'ru') {
    findings.issues.push({
      code: 'PARSE_RUSSIAN_WORDING',
      severity: 'warning',
      message:
        'the text is in Russian: the drafts hold Russian wording in "kk" source fields; import the Kazakh text of the same act for the registry',
    });
  }

  const usedIds = new Set<string>();
  const notes: ReadNote[] = segmented.notes.map((n) => readNote(n, usedIds, null));
  const context: LayoutContext = { lang, findings };
  const annexes: {
    block: AnnexBlock;
    kind: 'list' | 'repealed_acts';
    list?: ParsedList;
    repealed?: ReturnType<typeof readRepealed>[];
  }[] = [];
  for (const block of segmented.annexes) {
    notes.push(...block.notes.map((n) => readNote(n, usedIds, block.number ?? '1')));
    if (isRepealedAnnex(block)) {
      const points = paragraphs(block.body)
        .map((p) => ({ ...p, number: /^(\d+)\.\s/u.exec(p.text)?.[1] ?? '' }))
        .filter((p) => p.number !== '');
      annexes.push({ block, kind: 'repealed_acts', repealed: points.map(readRepealed) });
      continue;
    }
    const layout = pickLayout(block.body);
    if (!layout) {
      findings.issues.push({
        code: 'PARSE_NOT_A_LIST',
        severity: 'warning',
        line: block.marker,
        message: `annex ${block.number ?? '(unnumbered)'} is neither a list of medicines, devices or foods nor a list of repealed decisions`,
      });
      continue;
    }
    report.source.layout ??= layout.layout;
    annexes.push({ block, kind: 'list', list: parseLayout(layout.layout, block.body, context) });
  }
  const points = pointGroups(lines, segmented);
  if (!annexes.some((a) => a.kind === 'list')) {
    const operative = readOperativeList(points, context);
    if (operative) {
      report.source.layout = operative.layout;
      annexes.push({ block: pointAsAnnex(operative.point), kind: 'list', list: operative.list });
    }
  }
  // A news text or a ministerial order may quote a decision's changes: only an act of a maslikhat has effects.
  const effects =
    report.identity.kind === 'not-a-maslikhat-act'
      ? { effects: [] }
      : readEffects(points, segmented, lines, lang);
  if (effects.effects.length > 0) {
    const entry = readEntryIntoForce(segmented);
    report.effects = {
      from: entry ? { point: entry.point, wording: entry.wording, rule: entry.rule } : null,
      ...effects,
    };
  }
  const listAnnexes = annexes.filter((a) => a.kind === 'list');
  const saidNotAList = findings.issues.some(
    (i) =>
      i.severity === 'error' &&
      (i.code === 'PARSE_NOT_A_LIST' || i.code === 'PARSE_NOT_A_DECISION'),
  );
  if (header.lines && listAnnexes.length === 0 && effects.effects.length === 0 && !saidNotAList) {
    findings.issues.push({
      code: 'PARSE_NOT_A_LIST',
      severity: 'error',
      line: header.lines[0],
      message: `the decision has ${segmented.annexes.length} annex(es) and none is a list of free medicines, devices or foods`,
    });
  }
  checkTruncation(
    lines.filter((l) => !segmented.notes.some((n) => l.n >= n.start && l.n <= n.end)),
    listAnnexes.map((a) => a.list as ParsedList),
    findings.issues,
  );

  report.repairs = findings.repairs;
  const acts: ActFile[] = [];
  const lists: ListFile[] = [];
  if (region && header.adopted && header.number) {
    report.act = {
      id: `${region.code}.maslikhat.${header.adopted}.${header.number}`,
      region: region.code,
      adopted: header.adopted,
      number: header.number,
    };
    if (listAnnexes.length === 0) return finish(report, findings, [], [], lines);
    const drafts = buildDrafts({
      header: { ...header, region, adopted: header.adopted, number: header.number },
      lang,
      sourcePath: `${region.code}/source/${options.file.split(/[\\/]/).pop() ?? options.file}`,
      currentAsOf: options.currentAsOf.date,
      currentAsOfStated: options.currentAsOf.stated,
      entry: readEntryIntoForce(segmented),
      notes,
      annexes,
      repairs: findings.repairs,
      vocabulary,
    });
    acts.push(...drafts.acts);
    lists.push(...drafts.lists);
    report.items = drafts.items;
    report.unresolved = drafts.unresolved;
    for (const act of acts) {
      report.drafts.push({
        path: draftPaths.act(act.issuer.region, act.adopted, act.number),
        kind: 'act',
      });
      validate(ActFile, act, `act ${act.id}`, findings.issues);
    }
    for (const list of lists) {
      const act = acts[0] as ActFile;
      report.drafts.push({
        path: draftPaths.list(list.region, act.adopted, act.number, list.annex),
        kind: 'list',
      });
      validate(ListFile, list, `list annex ${list.annex}`, findings.issues);
    }
  }
  if (!report.act && listAnnexes.length > 0) {
    // No draft can name the act, but the reviewer still sees what the lists say.
    const read = reportItems(annexes, lang, vocabulary, findings.repairs);
    report.items = read.items;
    report.unresolved = read.unresolved;
    const missing = [
      region ? null : 'region',
      header.adopted ? null : 'adoption date',
      header.number ? null : 'number',
    ].filter((m) => m !== null);
    const told = findings.issues.some(
      (i) =>
        i.code === 'PARSE_METADATA' &&
        i.message.startsWith("the text does not give the act's own header"),
    );
    if (!told)
      findings.issues.push({
        code: 'PARSE_METADATA',
        severity: 'error',
        line: listAnnexes[0]?.block.marker ?? 1,
        message: `${read.items.length} item(s) read and reported, but no draft written: the act's ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not in the text`,
      });
  }
  return finish(report, findings, acts, lists, lines);
}

function finish(
  report: ImportReport,
  findings: ReturnType<typeof newFindings>,
  acts: ActFile[],
  lists: ListFile[],
  lines: SourceLine[],
): ImportResult {
  for (const u of report.unresolved) {
    findings.issues.push({
      code: u.kind === 'diagnosis' ? 'PARSE_DIAGNOSIS_UNKNOWN' : 'PARSE_PRODUCT_UNKNOWN',
      severity: 'warning',
      line: u.line,
      message: `item ${u.item}: "${u.text}" is not in the ${u.kind === 'diagnosis' ? 'diseases' : 'medicines'} vocabulary; kept verbatim, not coded`,
    });
  }
  report.issues = findings.issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  report.summary = {
    items: report.items.length,
    inForce: report.items.filter((i) => i.status === 'in_force').length,
    excluded: report.items.filter((i) => i.status === 'excluded').length,
    repairs: report.repairs.length,
    unresolved: report.unresolved.length,
    translationsNeeded: countMarkers([acts, lists]),
    confidence:
      report.items.length === 0
        ? 0
        : Math.round(
            (report.items.reduce((s, i) => s + i.confidence, 0) / report.items.length) * 100,
          ) / 100,
  };
  report.ok =
    !report.issues.some((i) => i.severity === 'error') &&
    (report.items.length > 0 || (report.effects?.effects.length ?? 0) > 0);
  return { report, acts, lists, lines };
}

function validate(
  schema: typeof ActFile | typeof ListFile,
  value: unknown,
  what: string,
  issues: ImportReport['issues'],
): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  for (const issue of result.error.issues.slice(0, 20)) {
    issues.push({
      code: 'PARSE_DRAFT_INVALID',
      severity: 'warning',
      message: `${what}: ${issue.path.join('.')}: ${issue.message}`,
    });
  }
}

/** A text that stops inside a list: the last item has no product, or the last line ends mid-phrase. */
function checkTruncation(
  lines: readonly SourceLine[],
  lists: readonly ParsedList[],
  issues: ImportReport['issues'],
): void {
  const last = [...lines].reverse().find((l) => !l.blank);
  const lastItem = lists.at(-1)?.sections.at(-1)?.items.at(-1);
  if (!last || !lastItem || lastItem.excluded) return;
  const endsInside = last.n <= lastItem.lines[1] + 1;
  const midPhrase = /[\p{L}\d,(-]$/u.test(last.text.trim()) && !/[.;:)]$/u.test(last.text.trim());
  if (
    endsInside &&
    (lastItem.products.length === 0 || (midPhrase && lists.at(-1)?.layout !== 'table'))
  ) {
    issues.push({
      code: 'PARSE_TRUNCATED',
      severity: 'error',
      line: last.n,
      message: `the text ends inside item ${lastItem.number} ("${last.text.trim().slice(-40)}"): it may be truncated`,
    });
  }
}

/** How many texts in the drafts carry the translation marker. */
function countMarkers(value: unknown): number {
  if (typeof value === 'string') return value.startsWith(TRANSLATE) ? 1 : 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countMarkers(v), 0);
  if (value && typeof value === 'object')
    return Object.values(value).reduce((n: number, v) => n + countMarkers(v), 0);
  return 0;
}
