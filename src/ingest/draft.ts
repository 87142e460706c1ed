/**
 * Builds draft data files from what the stages read: the decision's ActFile,
 * stubs for the acts its notes cite and the acts it repealed, and a ListFile
 * per list annex — each in the registry's schema. Where the text is silent the
 * draft says unknown (`null`, an unknown status); names the vocabulary lacks
 * stay verbatim and uncoded, so the data check stops the draft until a
 * reviewer codes them (docs/adr/0005-ingestion.md).
 */
import type { ActFile, ActId, Amendment, SourceNote } from '../domain/act.ts';
import { normaliseIcd10, type Icd10Code } from '../domain/codes.ts';
import type { IsoDate } from '../domain/date.ts';
import type { Item, ListFile, ListStructure, Section } from '../domain/list.ts';
import type { Region, RegionCode } from '../domain/region.ts';
import type { LocalizedText } from '../domain/text.ts';
import { entryRuleOf } from './keywords.ts';
import type { CitedAct, ReadNote, RepealedAct, ActHeader } from './metadata.ts';
import type { ParsedItem, ParsedList, ParsedNote, Repair, SourceLang } from './model.ts';
import { buildProducts } from './products.ts';
import { localize, readIndication, readPopulation, untranslated } from './phrases.ts';
import type { ItemReport, UnresolvedName } from './report.ts';
import type { AnnexBlock } from './segment.ts';
import type { IngestVocabulary } from './vocabulary.ts';

export interface DraftInput {
  header: ActHeader & { region: Region; adopted: string; number: string };
  lang: SourceLang;
  sourcePath: string;
  currentAsOf: IsoDate;
  /** Whether `currentAsOf` was stated by the caller (then it is evidence of being in force). */
  currentAsOfStated: boolean;
  entry: {
    point: string;
    wording: string;
    rule: NonNullable<ReturnType<typeof entryRuleOf>>;
  } | null;
  notes: ReadNote[];
  annexes: {
    block: AnnexBlock;
    kind: 'list' | 'repealed_acts';
    list?: ParsedList;
    repealed?: RepealedAct[];
  }[];
  repairs: readonly Repair[];
  vocabulary: IngestVocabulary;
}

export interface Drafts {
  acts: ActFile[];
  lists: ListFile[];
  items: ItemReport[];
  unresolved: UnresolvedName[];
}

const UNTITLED: LocalizedText = {
  kk: '(атауы жоқ)',
  ru: '(без названия)',
  en: '(no title in the source)',
};

/** A table numbers rows under section headings; the other layouts are points with sub-points. */
function structureOf(layout: ParsedList['layout']): ListStructure {
  return layout === 'table'
    ? { section: 'section', item: 'row' }
    : { section: 'point', item: 'sub_point' };
}

function actId(region: RegionCode, adopted: string, number: string): ActId {
  return `${region}.maslikhat.${adopted}.${number}` as ActId;
}

export function buildDrafts(input: DraftInput): Drafts {
  const { header, lang } = input;
  const region = header.region.code;
  const mainId = actId(region, header.adopted, header.number);
  const items: ItemReport[] = [];
  const unresolved: UnresolvedName[] = [];
  const notes: SourceNote[] = input.notes.map((n) => ({
    id: n.id,
    kind: n.kind,
    lines: n.lines,
    text: { kk: n.text },
  }));
  const amendments: Amendment[] = [];
  const cited = new Map<
    ActId,
    { act: CitedAct; note: string; stated?: { date: string; note: string } }
  >();
  for (const note of input.notes) {
    for (const act of note.acts) {
      const id = actId(region, act.date, act.number);
      if (note.part)
        amendments.push({ part: note.part, change: act.change, by: id, note: note.id });
      const known = cited.get(id);
      if (act.statedDate) {
        if (known) known.stated = { date: act.statedDate, note: note.id };
        else cited.set(id, { act, note: note.id, stated: { date: act.statedDate, note: note.id } });
      } else if (!known || (!known.act.wording && act.wording)) {
        cited.set(id, { act, note: note.id, ...(known?.stated ? { stated: known.stated } : {}) });
      }
    }
  }

  const lists: ListFile[] = [];
  const repealedActs: ActFile[] = [];
  for (const annex of input.annexes) {
    const number = annex.block.number ?? '1';
    if (annex.kind === 'repealed_acts') {
      for (const r of annex.repealed ?? []) {
        const act = repealedStub(r, region, mainId, number, lang);
        if (act) repealedActs.push(act);
      }
      continue;
    }
    if (!annex.list) continue;
    const annexNotes = input.notes.filter(
      (n) => n.part?.kind === 'annex' && n.part.number === number,
    );
    const editionBy = annexNotes.flatMap((n) => n.acts).find((a) => a.change === 'new_edition');
    const edition = editionBy ? actId(region, editionBy.date, editionBy.number) : mainId;
    const amendedBy: ActId[] = [];
    const addAmending = (id: ActId) => {
      if (id !== edition && !amendedBy.includes(id)) amendedBy.push(id);
    };
    for (const n of annexNotes)
      for (const a of n.acts)
        if (a.change !== 'new_edition') addAmending(actId(region, a.date, a.number));

    const sections: Section[] = [];
    for (const parsed of annex.list.sections) {
      const built: Item[] = [];
      for (const item of parsed.items) {
        const ref = `${parsed.number}.${item.number}`;
        const itemRepairs = input.repairs.filter(
          (r) => r.line >= item.lines[0] && r.line <= item.lines[1],
        );
        if (item.excluded) {
          const by =
            item.excluded.date && item.excluded.number
              ? actId(region, item.excluded.date, item.excluded.number)
              : mainId;
          const noteId = `item-${parsed.number}-${item.number}-excluded`;
          notes.push({
            id: noteId,
            kind: 'eskertu',
            lines: item.lines,
            text: { kk: `${item.number} ${item.excluded.text}` },
          });
          amendments.push({
            part: { kind: 'item', annex: number, section: parsed.number, item: item.number },
            change: 'excluded',
            by,
            note: noteId,
          });
          if (by !== mainId) {
            addAmending(by);
            if (!cited.has(by)) {
              const wording = /\(([^()]*)\)/u.exec(item.excluded.text)?.[1] ?? null;
              cited.set(by, {
                act: {
                  date: item.excluded.date as string,
                  number: item.excluded.number as string,
                  wording,
                  statedDate: null,
                  change: 'excluded',
                },
                note: noteId,
              });
            }
          }
          built.push({
            number: item.number,
            ...(item.numberAssigned ? { numberAssigned: true } : {}),
            lines: item.lines,
            notes: [],
            status: 'excluded',
            excludedBy: by,
            note: noteId,
          });
          items.push(excludedItem(parsed.number, item, itemRepairs, by === mainId ? 0.5 : 1));
          continue;
        }
        const { item: draftItem, report } = buildItem(
          item,
          parsed.kind,
          ref,
          lang,
          input.vocabulary,
          itemRepairs,
          unresolved,
        );
        built.push(draftItem);
        items.push({ ...report, section: parsed.number });
      }
      if (built.length === 0) continue;
      sections.push({
        kind: parsed.kind,
        number: parsed.number,
        title: parsed.title ? localize(parsed.title, lang) : UNTITLED,
        lines: parsed.lines,
        items: built,
      });
    }
    // Amending acts in the order they were adopted.
    amendedBy.sort((a, b) => (a.split('.')[2] ?? '').localeCompare(b.split('.')[2] ?? ''));
    lists.push({
      kind: 'list',
      region,
      act: mainId,
      annex: number,
      title: annex.block.title ? localize(annex.block.title.text, lang) : UNTITLED,
      edition,
      amendedBy,
      currentAsOf: input.currentAsOf,
      source: { file: input.sourcePath, lines: [annex.block.start, annex.block.end] },
      structure: structureOf(annex.list.layout),
      sections,
    });
  }

  const main: ActFile = {
    kind: 'act',
    id: mainId,
    issuer: { region, body: 'maslikhat' },
    type: 'decision',
    adopted: header.adopted as IsoDate,
    number: header.number,
    title: header.title ? localize(header.title, lang) : null,
    ...(header.session ? { session: header.session } : {}),
    registration: header.registration
      ? {
          number: header.registration.number,
          date: header.registration.date as IsoDate | null,
          body: header.registration.body ? localize(header.registration.body, lang) : null,
        }
      : null,
    publications: [],
    entryIntoForce: input.entry
      ? {
          rule: input.entry.rule,
          wording: { kk: input.entry.wording },
          source: { act: mainId, point: input.entry.point },
        }
      : null,
    inForceBy: input.currentAsOfStated
      ? [
          {
            date: input.currentAsOf,
            basis: untranslated(
              `The consolidated text current on ${input.currentAsOf} shows the decision in force.`,
            ),
          },
        ]
      : [],
    status: {
      kind: 'unknown',
      reason: untranslated(
        'Drafted by tegin import: whether the act is in force is for the reviewer to confirm.',
      ),
    },
    source: {
      file: input.sourcePath,
      publisher: `Adilet (Әділет), consolidated text in ${lang === 'kk' ? 'Kazakh' : 'Russian'}`,
      currentAsOf: input.currentAsOf,
    },
    notes,
    amendments,
    annexes: input.annexes.map((a) => ({
      number: a.block.number ?? '1',
      kind: a.kind,
      title: a.block.title ? localize(a.block.title.text, lang) : UNTITLED,
      lines: [a.block.start, a.block.end] as [number, number],
    })),
    remarks: [
      untranslated(
        `Drafted by tegin import from ${input.sourcePath}: review every field against the source, then remove this remark.`,
      ),
    ],
  };
  const stubs: ActFile[] = [];
  for (const [id, { act, note, stated }] of cited) {
    if (id === mainId) continue;
    const rule = act.wording ? entryRuleOf(act.wording) : null;
    stubs.push({
      kind: 'act',
      id,
      issuer: { region, body: 'maslikhat' },
      type: 'decision',
      adopted: act.date as IsoDate,
      number: act.number,
      title: null,
      registration: null,
      publications: [],
      entryIntoForce:
        rule && act.wording
          ? {
              rule,
              wording: { kk: act.wording },
              source: { act: mainId, note },
              ...(stated
                ? {
                    statedDate: {
                      date: stated.date as IsoDate,
                      source: { act: mainId, note: stated.note },
                    },
                  }
                : {}),
            }
          : null,
      inForceBy: input.currentAsOfStated
        ? [
            {
              date: input.currentAsOf,
              basis: untranslated(
                `The consolidated text of ${mainId}, current on ${input.currentAsOf}, contains this act's changes.`,
              ),
            },
          ]
        : [],
      status: {
        kind: 'unknown',
        reason: untranslated(
          `Not stated in the source; its changes are part of the text of ${mainId}.`,
        ),
      },
      notes: [],
      amendments: [],
      annexes: [],
      remarks: [
        untranslated(
          `Known only from the notes of ${mainId}; its title, registration and publication are not in the source.`,
        ),
      ],
    });
  }
  return { acts: [main, ...stubs, ...repealedActs], lists, items, unresolved };
}

function repealedStub(
  r: RepealedAct,
  region: RegionCode,
  by: ActId,
  annex: string,
  lang: SourceLang,
): ActFile | null {
  if (!r.date || !r.number) return null;
  return {
    kind: 'act',
    id: actId(region, r.date, r.number),
    issuer: { region, body: 'maslikhat' },
    type: 'decision',
    adopted: r.date as IsoDate,
    number: r.number,
    title: r.title ? localize(r.title, lang) : null,
    ...(r.session ? { session: r.session } : {}),
    registration: r.registrationNumber
      ? { number: r.registrationNumber, date: null, body: null }
      : null,
    publications: r.publications.map((p) => ({ ...p, date: p.date as IsoDate })),
    entryIntoForce: null,
    inForceBy: [],
    status: { kind: 'repealed', by, annex, item: r.item },
    notes: [],
    amendments: [],
    annexes: [],
    remarks: [untranslated(`Known only from annex ${annex} of ${by}, which repealed it.`)],
  };
}

/** The report of an item the text marks excluded: where it stands, nothing else to read. */
function excludedItem(
  section: ItemReport['section'],
  item: ParsedItem,
  repairs: Repair[],
  confidence: number,
): ItemReport {
  return {
    section,
    number: item.number,
    lines: item.lines,
    status: 'excluded',
    diagnosis: null,
    population: null,
    indication: [],
    products: [],
    repairs,
    notes: [],
    confidence,
  };
}

const CONFIDENCE_FACTOR = { high: 1, medium: 0.9, low: 0.75 } as const;

export function buildItem(
  item: ParsedItem,
  sectionKind: 'medicine' | 'device' | 'food',
  ref: string,
  lang: SourceLang,
  vocabulary: IngestVocabulary,
  repairs: Repair[],
  unresolved: UnresolvedName[],
): { item: Item; report: ItemReport } {
  const notes: ParsedNote[] = [...item.notes];
  const written = writtenCodes(item.diagnosis);
  const match = written.wording ? vocabulary.diagnosis(written.wording, lang) : null;
  const diagnosisText = written.wording || '(not read)';
  let score = 1;
  if (match) {
    score *= CONFIDENCE_FACTOR[match.disease.confidence];
    if (match.matchedBy === 'misspelling')
      notes.push({
        kind: 'typo',
        text:
          match.note ?? `"${item.diagnosis}" is a recorded misspelling of "${match.disease.kk}".`,
      });
    if (match.form !== 'exact') {
      score *= 0.95;
      notes.push({
        kind: 'doubt',
        text: `The diagnosis "${written.wording}" is read as "${match.name}" in another case form: check.`,
      });
    }
    if (match.matchedBy === 'ru' && lang === 'kk')
      notes.push({
        kind: 'typo',
        text: `The diagnosis is written in Russian ("${item.diagnosis}") in the Kazakh text; Kazakh: ${match.disease.kk}.`,
      });
  } else if (written.codes.length === 0) {
    score -= 0.4;
    unresolved.push({
      kind: 'diagnosis',
      text: diagnosisText,
      line: item.lines[0],
      item: ref,
      suggestions: item.diagnosis
        ? vocabulary.suggestDiagnoses(item.diagnosis).map((d) => `${d.kk} (${d.icd10.join(', ')})`)
        : [],
    });
  }
  const disease = match?.disease;
  const products = buildProducts(item.products, sectionKind, lang, vocabulary);
  for (const p of products) {
    // The national tables give no English INN and are not reviewed: a reviewer must code it.
    if (p.source === 'national-formulary (third-party)') score -= 0.1;
    else if (p.form !== null && p.form !== 'exact') score -= 0.05;
    if (p.resolved) continue;
    score -= 0.25;
    unresolved.push({
      kind: 'product',
      text: p.lookedUp,
      line: p.line,
      item: ref,
      suggestions: [],
    });
  }
  if (products.length === 0) score -= 0.4;
  if (item.notes.some((n) => n.kind === 'moved')) score -= 0.1;
  score -= Math.min(0.1, repairs.length * 0.01);
  const repairNote = describeRepairs(repairs);
  const draftNotes = repairNote
    ? [...notes, { kind: 'repaired' as const, text: repairNote }]
    : notes;
  const population = readPopulation(item.population, lang);
  const indication = readIndication(item.indication, lang);
  const draft: Item = {
    number: item.number,
    ...(item.numberAssigned ? { numberAssigned: true } : {}),
    lines: item.lines,
    status: 'in_force',
    diagnosis: {
      text: disease
        ? lang === 'kk'
          ? { kk: diagnosisText, ru: disease.ru, en: disease.en }
          : { kk: disease.kk, ru: diagnosisText, en: disease.en }
        : localize(diagnosisText, lang),
      icd10: written.codes.length > 0 ? written.codes : ((disease?.icd10 ?? []) as Icd10Code[]),
      mapping:
        written.codes.length > 0
          ? {
              confidence: 'high',
              note: untranslated(
                `ICD-10 codes as the source writes them.${disease && disease.icd10.join() !== written.codes.join() ? ` The vocabulary reads the wording as ${disease.icd10.join(', ')}: check.` : ''}`,
              ),
            }
          : disease
            ? {
                confidence: disease.confidence,
                ...(disease.alternatives ? { alternatives: disease.alternatives } : {}),
                ...(disease.note ? { note: untranslated(disease.note) } : {}),
              }
            : {
                confidence: 'low',
                note: untranslated(
                  'Not in the diseases vocabulary: code it by hand (data/vocabulary/diseases.yaml).',
                ),
              },
    },
    population,
    indication,
    products: products.map((p) => p.product),
    notes: draftNotes.map((n) => ({
      kind: n.kind,
      text: untranslated(n.text.replace(/\s+/g, ' ').trim()),
    })),
  };
  return {
    item: draft,
    report: {
      section: '',
      number: item.number,
      lines: item.lines,
      status: 'in_force',
      diagnosis: {
        text: diagnosisText,
        icd10: written.codes.length > 0 ? written.codes : (disease?.icd10 ?? []),
        resolved: match !== null || written.codes.length > 0,
        matchedBy: written.codes.length > 0 ? 'source' : (match?.matchedBy ?? null),
      },
      population: `${population.age}/${population.dispensaryRegistration}`,
      indication: indication.conditions,
      products: products.map((p) => ({
        text: p.product.text.kk,
        inn: p.product.inn,
        innAbsent: p.product.inn || p.innRu ? null : (p.product.innAbsent ?? 'unresolved'),
        atc: p.product.atc,
        innRu: p.innRu,
        resolved: p.resolved,
        matchedBy: p.matchedBy,
        source: p.source,
        form: p.form,
      })),
      repairs,
      notes,
      confidence: Math.max(0, Math.round(score * 100) / 100),
    },
  };
}

/**
 * ICD-10 codes the source writes after a diagnosis — "Гидраденит (L73.2)", "… [МКБ-10: M05, M06]" —
 * normalised with the domain's `normaliseIcd10`; the wording without them.
 */
export function writtenCodes(text: string): { wording: string; codes: Icd10Code[] } {
  const match =
    /\s*[([]\s*(?:ХАЖ-10|МКБ-10|ICD-10)?\s*:?\s*([A-Z]\d{2}(?:\.\d{1,2})?(?:\s*[,;]\s*[A-Z]\d{2}(?:\.\d{1,2})?)*)\s*[)\]]\s*$/u.exec(
      text,
    );
  if (!match) return { wording: text, codes: [] };
  const codes: Icd10Code[] = [];
  for (const part of (match[1] as string).split(/\s*[,;]\s*/)) {
    const code = normaliseIcd10(part);
    if (!code.ok) return { wording: text, codes: [] };
    if (!codes.includes(code.code)) codes.push(code.code);
  }
  return { wording: text.slice(0, match.index).trim(), codes };
}

function describeRepairs(repairs: readonly Repair[]): string | null {
  const parts: string[] = [];
  const spaced = repairs.filter((r) => r.kind === 'spaced_letters');
  if (spaced.length > 0)
    parts.push(
      `Rejoined spaced letters ${spaced.map((r) => `"${r.before}" (line ${r.line})`).join(', ')}`,
    );
  for (const r of repairs.filter(
    (x) => x.kind === 'broken_word' || x.kind === 'hyphenated_word' || x.kind === 'split_word',
  )) {
    parts.push(`rejoined the word "${r.after}" split at line ${r.line} ("${r.before}")`);
  }
  return parts.length > 0 ? `${parts.join('; ')}.` : null;
}

/**
 * What the lists say, item by item, without drafts: for a text whose act cannot be named (its
 * header is not in the excerpt), so the reviewer still sees every item read and resolved.
 */
export function reportItems(
  annexes: DraftInput['annexes'],
  lang: SourceLang,
  vocabulary: IngestVocabulary,
  repairs: readonly Repair[],
): { items: ItemReport[]; unresolved: UnresolvedName[] } {
  const items: ItemReport[] = [];
  const unresolved: UnresolvedName[] = [];
  for (const annex of annexes) {
    for (const parsed of annex.list?.sections ?? []) {
      for (const item of parsed.items) {
        const itemRepairs = repairs.filter(
          (r) => r.line >= item.lines[0] && r.line <= item.lines[1],
        );
        if (item.excluded) {
          items.push(excludedItem(parsed.number, item, itemRepairs, 0.5));
          continue;
        }
        const ref = `${parsed.number}.${item.number}`;
        const { report } = buildItem(
          item,
          parsed.kind,
          ref,
          lang,
          vocabulary,
          itemRepairs,
          unresolved,
        );
        items.push({ ...report, section: parsed.number });
      }
    }
  }
  return { items, unresolved };
}
