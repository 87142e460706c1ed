/**
 * The import report: per item what was read, repaired and resolved with a
 * confidence; per document what was not understood, with line numbers. It is
 * the reviewer's checklist and `report.json` under `--out`.
 */
import type { EffectsReading } from './effects/model.ts';
import type { entryRuleOf } from './keywords.ts';
import type { ActIdentity } from './identity/model.ts';
import type { ImportIssue, Layout, ParsedNote, Repair, SourceLang } from './model.ts';
import type { MatchForm, NameSource } from './vocabulary.ts';

export interface ItemReport {
  section: string;
  number: string;
  lines: [number, number];
  status: 'in_force' | 'excluded';
  diagnosis: { text: string; icd10: string[]; resolved: boolean; matchedBy: string | null } | null;
  population: string | null;
  indication: string[];
  products: {
    text: string;
    /** The English INN, from the reviewed vocabulary only. */
    inn: string | null;
    /** Why there is no INN: unnamed in the source, not a medicine, or not in the vocabulary. */
    innAbsent: 'name_missing' | 'group' | 'not_applicable' | 'unresolved' | null;
    /** The ATC code, when one: from the vocabulary, or the national tables (see `source`). */
    atc: string | null;
    /** The Russian INN the national tables give, for a name resolved there (no English INN). */
    innRu: string | null;
    resolved: boolean;
    matchedBy: string | null;
    /** Which reference resolved the name: `vocabulary` or `national-formulary (third-party)`. */
    source: NameSource | null;
    /** How the written name met the reference's: exact, case form, word order, without salt. */
    form: MatchForm | null;
  }[];
  repairs: Repair[];
  notes: ParsedNote[];
  /** 1 = every name resolved with high confidence and nothing repaired; lower as doubts add up. */
  confidence: number;
}

export interface UnresolvedName {
  kind: 'diagnosis' | 'product';
  text: string;
  line: number;
  item: string;
  /** Known wordings the text contains, for the reviewer; never applied. */
  suggestions: string[];
}

export interface ImportReport {
  ok: boolean;
  source: {
    file: string;
    bytes: number;
    lines: number;
    lang: SourceLang | null;
    layout: Layout | null;
  };
  act: { id: string; region: string; adopted: string; number: string } | null;
  /** The act's own identity, relations, notes, region and kind (docs/adr/0021). */
  identity: ActIdentity | null;
  summary: {
    items: number;
    inForce: number;
    excluded: number;
    repairs: number;
    unresolved: number;
    translationsNeeded: number;
    confidence: number;
  };
  items: ItemReport[];
  repairs: Repair[];
  unresolved: UnresolvedName[];
  issues: ImportIssue[];
  drafts: { path: string; kind: 'act' | 'list' | 'effects' }[];
  /** An amending or repealing act's effects, and from when (its own entry-into-force point). */
  effects?: EffectsReading & {
    from: {
      point: string;
      wording: string;
      rule: NonNullable<ReturnType<typeof entryRuleOf>>;
    } | null;
  };
}

export function emptyReport(file: string, bytes: number): ImportReport {
  return {
    ok: false,
    source: { file, bytes, lines: 0, lang: null, layout: null },
    act: null,
    identity: null,
    summary: {
      items: 0,
      inForce: 0,
      excluded: 0,
      repairs: 0,
      unresolved: 0,
      translationsNeeded: 0,
      confidence: 0,
    },
    items: [],
    repairs: [],
    unresolved: [],
    issues: [],
    drafts: [],
  };
}

/** The identity lines of the readable report: kind, own header, region, relations, notes. */
export function formatIdentity(identity: ActIdentity): string[] {
  const out = [`kind ${identity.kind}: ${identity.kindReason}`];
  const self = identity.self;
  out.push(
    self
      ? `self ${self.issuer ?? '(issuer not named)'} ${self.date ?? '?'} № ${self.number ?? '?'} (line ${self.line})${self.registration ? `, registered № ${self.registration.number}${self.registration.date ? ` on ${self.registration.date}` : ''}` : ''}`
      : 'self: the text does not give its own header (issuer, date and number)',
  );
  const r = identity.region;
  if (r)
    out.push(
      `region ${r.code} as "${r.written}" (${r.nameId}${r.inPeriod === null ? ', date unknown' : r.inPeriod ? ', in its period' : ', NOT in its period'})`,
    );
  for (const rel of identity.relations)
    out.push(
      `  ${rel.type}${rel.part ? ` (${rel.part})` : ''}: ${rel.issuer ?? '?'} ${rel.date ?? '?'} № ${rel.number ?? '?'} (line ${rel.line})`,
    );
  for (const n of identity.notes)
    out.push(
      `  note ${n.kind} line ${n.line} ${n.says}${n.part ? ` ${n.part}` : ''}: ${n.text.slice(0, 100)}`,
    );
  return out;
}

/** The first lines of the readable report: source, act, counts. */
export function formatSummary(report: ImportReport): string {
  return (
    formatReport(report)
      .split('\n')
      .slice(0, report.act ? 3 : 2)
      .join('\n') + '\n'
  );
}

/** The readable form of a report, for the terminal. */
export function formatReport(report: ImportReport): string {
  const out: string[] = [];
  const s = report.source;
  out.push(
    `${s.file}: ${s.lines} lines, ${s.bytes} bytes${s.lang ? `, ${s.lang}` : ''}${s.layout ? `, layout ${s.layout}` : ''}`,
  );
  if (report.act) out.push(`act ${report.act.id}`);
  const m = report.summary;
  out.push(
    `${m.items} items (${m.inForce} in force, ${m.excluded} excluded), ${m.repairs} repairs, ${m.unresolved} unresolved names, ${m.translationsNeeded} texts to translate, confidence ${m.confidence.toFixed(2)}`,
  );
  if (report.identity) out.push(...formatIdentity(report.identity));
  for (const item of report.items) {
    const head = `  ${item.section}.${item.number} [${item.lines[0]}–${item.lines[1]}] ${item.status}`;
    if (item.status === 'excluded' || !item.diagnosis) {
      out.push(head);
      continue;
    }
    out.push(
      `${head} ${item.diagnosis.text} [${item.diagnosis.icd10.join(', ') || '?'}] — ${item.products.map(productLabel).join('; ')} (confidence ${item.confidence.toFixed(2)})`,
    );
    for (const r of item.repairs)
      out.push(`      repaired ${r.kind} line ${r.line}: ${r.before} → ${r.after}`);
    for (const n of item.notes) out.push(`      ${n.kind}: ${n.text}`);
  }
  const documentRepairs = report.repairs.filter(
    (r) => !report.items.some((i) => i.repairs.includes(r)),
  );
  if (documentRepairs.length > 0) {
    out.push('repairs outside the items:');
    for (const r of documentRepairs)
      out.push(`  line ${r.line} ${r.kind}: ${r.before} → ${r.after}`);
  }
  if (report.unresolved.length > 0) {
    out.push('not in the vocabulary (kept verbatim, not coded):');
    for (const u of report.unresolved) {
      out.push(
        `  line ${u.line} item ${u.item} ${u.kind} "${u.text}"${u.suggestions.length ? ` (contains: ${u.suggestions.join('; ')})` : ''}`,
      );
    }
  }
  if (report.issues.length > 0) {
    out.push('not understood:');
    for (const i of report.issues)
      out.push(
        `  ${i.line === undefined ? '' : `line ${i.line} `}${i.severity} ${i.code}: ${i.message}`,
      );
  }
  for (const e of report.effects?.effects ?? []) {
    const t = e.target;
    out.push(
      `  effect point ${e.point} ${e.kind} ${JSON.stringify(e.part)} on ${t.issuer ?? '?'} ${t.date ?? '?'} № ${t.number ?? '?'}${e.missing ? ` — missing: ${e.missing}` : ''}`,
    );
  }
  for (const d of report.drafts) out.push(`draft ${d.kind}: ${d.path}`);
  return `${out.join('\n')}\n`;
}

function productLabel(p: ItemReport['products'][number]): string {
  const how = p.form && p.form !== 'exact' ? `, ${p.form}` : '';
  if (p.inn) return `${p.inn}${how ? ` (${p.form})` : ''}`;
  if (p.source === 'national-formulary (third-party)')
    return `${p.innRu ?? '?'} ${p.atc ?? '(ATC by form)'} (national-formulary, third-party${how}; no English INN)`;
  switch (p.innAbsent) {
    case 'name_missing':
      return '(no name in the source)';
    case 'unresolved':
      return `? "${p.text.slice(0, 40)}"`;
    default:
      return `— ${p.text.slice(0, 40)}`;
  }
}
