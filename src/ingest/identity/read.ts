/**
 * Reads the act's identity, relations, notes, region and kind from the repaired lines. The
 * act's own identity comes only from a header sentence naming it in the nominative ("…
 * мәслихатының 2008 жылғы 9 шілдедегі N 117/18-IV Шешімі", "Решение маслихата … от … № …")
 * before the operative formula and outside notes and quoted titles; every other act named
 * becomes a relation typed by the case of its word and the verbs around it.
 */
import type { RegionName } from '../../domain/region-names.ts';
import type { SourceLine } from '../model.ts';
import { classify, type KindInput } from './kind.ts';
import { datesIn, findMentions, type RawMention } from './mentions.ts';
import type { ActIdentity, ActMention, ActRelation, EditorialNote, RelationType } from './model.ts';
import { noteKindOf, readNote } from './notes.ts';
import { findRegionName } from './region-names.ts';

interface Paragraph {
  line: number;
  text: string;
  note: EditorialNote['kind'] | null;
}

const FORMULA =
  /ШЕШІМ\s+(?:ҚАБЫЛДАДЫ|ЕТТІ|ЕТЕДІ)|ШЕШТІ|РЕШИЛ|БҰЙЫРАМЫН|ПРИКАЗЫВАЮ|ҚАУЛЫ\s+ЕТЕДІ|ПОСТАНОВЛЯЕТ/u;
const REPEALED = /[Кк]үші\s+жойыл|[Уу]тратил\p{L}*\s+силу|күшін\s+жойды/u;
const REPEALS = /күші\s+жойылды\s+деп\s+танылсын|[Пп]ризнать\s+утратившим\p{L}*\s+силу/u;
const AMENDS = /өзгеріс|толықтыру|[Вв]нести|изменени|дополнени/u;
const ANNEX_REPLACED =
  /(\d+)\s*-\s*қосымшасы[^.]*жаңа\s+редакцияда|[Пп]риложени\p{L}*\s+(\d+)[^.]*(?:новой\s+редакции|изложить)/u;

function paragraphsOf(lines: readonly SourceLine[]): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | null = null;
  for (const line of lines) {
    const t = line.text.trim();
    if (line.blank || t === '' || t.startsWith('#')) {
      current = null;
      continue;
    }
    const note = noteKindOf(t);
    // A note ends with its sentence: excerpts run the next paragraph on without an indent.
    const afterNote = current?.note != null && /[.!]$/u.test(current.text);
    const starts =
      /^\s{2,}\S/u.test(line.text) || note !== null || /^\d+\.\s/u.test(t) || afterNote;
    if (!current || starts) {
      current = { line: line.n, text: t, note };
      out.push(current);
    } else current.text += ` ${t}`;
  }
  return out;
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[^\s.]{3}[.;])\s+(?=[\p{Lu}"«\d])/u);
}

function insideQuotes(sentence: string, index: number): boolean {
  const before = sentence.slice(0, index);
  const straight = (before.match(/"/gu) ?? []).length;
  const open = (before.match(/«/gu) ?? []).length - (before.match(/»/gu) ?? []).length;
  return straight % 2 === 1 || open > 0;
}

function levelOf(window: string, region: boolean): ActMention['issuerLevel'] {
  if (/аудандық|районн/iu.test(window)) return 'district';
  if (region) return 'region';
  if (/қалалық\s+мәслихат|городск\p{L}*\s+маслихат/iu.test(window)) return 'district';
  if (/[Мм]инистр/u.test(window)) return 'ministry';
  if (/Үкімет|Правительств/u.test(window)) return 'government';
  return null;
}

function issuerOf(window: string): string | null {
  const m =
    /(?<![\p{L}-])(?:[\p{L}-]+\s+){0,4}(?:мәслихат|маслихат)\p{L}*(?:\s+(?:[\p{Lu}][\p{L}-]*\s+)?(?:област\p{L}*|города\s+[\p{L}-]+))?/u.exec(
      window,
    ) ??
    /[\p{L}.\s-]{0,60}(?:[Мм]инистр|Үкімет|Правительств)\p{L}*(?:\s+[\p{L}-]+){0,4}/u.exec(window);
  return m ? m[0].trim().replace(/\s+от$/u, '') : null;
}

function mentionOf(raw: RawMention, line: number, names: readonly RegionName[]): ActMention {
  const region = findRegionName(raw.window, raw.date, names);
  const level = levelOf(raw.window, region !== null);
  return {
    issuer: region && level === 'region' ? region.written : issuerOf(raw.window),
    issuerLevel: level,
    region: level === 'region' ? region : null,
    date: raw.date,
    dateText: raw.dateText,
    number: raw.number,
    actWord: raw.actWord,
    line,
  };
}

export function readIdentity(
  lines: readonly SourceLine[],
  names: readonly RegionName[],
): ActIdentity {
  const paragraphs = paragraphsOf(lines);
  const formulaAt = paragraphs.findIndex((p) => p.note === null && FORMULA.test(p.text));
  const notes: EditorialNote[] = [];
  const relations: ActRelation[] = [];
  let self: ActIdentity['self'] = null;
  let lastAmended: ActMention | null = null;
  let selfParagraph = -1;
  const repealsByAnnex = paragraphs.some(
    (p) => p.note === null && REPEALS.test(p.text) && /қосымша|приложени/iu.test(p.text),
  );
  const add = (type: RelationType, m: ActMention, source: string, part: string | null = null) => {
    if (
      relations.some(
        (r) => r.type === type && r.date === m.date && r.number === m.number && r.part === part,
      )
    )
      return;
    relations.push({ ...m, type, part, source });
  };
  paragraphs.forEach((p, index) => {
    const head = formulaAt < 0 || index < formulaAt;
    if (p.note) {
      const note = readNote(p.note, p.text, p.line);
      notes.push(note);
      const mentions = findMentions(p.text).filter((raw) => !raw.registration && raw.number);
      if (mentions.length === 0 && note.says !== 'other') {
        // The note says what happened, but its act is cut off or unnamed: a relation with an unknown act.
        add(
          note.says === 'repealed' ? 'repealedBy' : 'amendedBy',
          {
            issuer: null,
            issuerLevel: null,
            region: findRegionName(p.text, null, names),
            date: null,
            dateText: null,
            number: null,
            actWord: '',
            line: p.line,
          },
          p.text,
          note.says === 'repealed' ? null : note.part,
        );
      }
      for (const raw of mentions) {
        if (
          note.says === 'other' &&
          relations.some((r) => r.date === raw.date && r.number === raw.number)
        )
          continue;
        const read = mentionOf(raw, p.line, names);
        // "… 24.10.2024 № 15-3; 13.12.2024 № 16-6 шешімдерімен": one issuer for the run of acts.
        const previous = relations.at(-1);
        const m =
          read.issuer === null && previous && previous.line === p.line
            ? {
                ...read,
                issuer: previous.issuer,
                issuerLevel: previous.issuerLevel,
                region: previous.region,
              }
            : read;
        add(
          note.says === 'repealed' ? 'repealedBy' : 'amendedBy',
          m,
          p.text,
          note.says === 'repealed' ? null : note.part,
        );
      }
      return;
    }
    for (const sentence of sentencesOf(p.text)) {
      for (const raw of findMentions(sentence)) {
        if (raw.registration) continue;
        if (!raw.number) continue;
        const m = mentionOf(raw, p.line, names);
        const quoted = insideQuotes(sentence, raw.index);
        if (raw.actCase === 'annex') continue;
        if (
          head &&
          !self &&
          (raw.actCase === 'nom' || raw.actCase === 'unknown') &&
          !quoted &&
          raw.actWord
        ) {
          self = { ...m, registration: null };
          selfParagraph = index;
        } else if (raw.actCase === 'instr')
          add(REPEALED.test(sentence) ? 'repealedBy' : 'amendedBy', m, sentence);
        else if (raw.actCase === 'dat' && !quoted && AMENDS.test(sentence)) {
          add('amends', m, sentence);
          lastAmended = m;
        } else if (
          !head &&
          raw.actWord !== '' &&
          (REPEALS.test(sentence) || (repealsByAnnex && /^\d+\.\s/u.test(p.text)))
        )
          add('repeals', m, sentence);
      }
      if (self && !self.registration && index - selfParagraph <= 1)
        self.registration = readRegistration(sentence);
      const annex = ANNEX_REPLACED.exec(sentence);
      if (!head && annex && lastAmended)
        add('replacesAnnexOf', lastAmended, sentence, annex[1] ?? annex[2] ?? null);
    }
  });
  return finish(self, paragraphs, formulaAt, selfParagraph, relations, notes, names);
}

function finish(
  self: ActIdentity['self'],
  paragraphs: readonly Paragraph[],
  formulaAt: number,
  selfParagraph: number,
  relations: ActRelation[],
  notes: EditorialNote[],
  names: readonly RegionName[],
): ActIdentity {
  const plain = paragraphs.filter((p) => p.note === null);
  const formula = formulaAt >= 0 ? (paragraphs[formulaAt] as Paragraph) : null;
  const titleParagraphs = paragraphs
    .slice(0, selfParagraph >= 0 ? selfParagraph : formulaAt >= 0 ? formulaAt : 1)
    .filter((p) => p.note === null && !FORMULA.test(p.text));
  const title = titleParagraphs.map((p) => p.text).join(' ');
  const after = formula ?? (selfParagraph >= 0 ? (paragraphs[selfParagraph] as Paragraph) : null);
  const operative = [
    ...(formula ? [formula.text.slice(formula.text.search(FORMULA))] : []),
    ...plain.filter((p) => after !== null && p.line > after.line).map((p) => p.text),
  ].join(' ');
  const formulaWord = formula ? (FORMULA.exec(formula.text)?.[0] ?? '') : '';
  const input: KindInput = {
    selfType: self ? selfTypeOf(self.actWord) : null,
    title,
    operative,
    formula: !formula
      ? null
      : /БҰЙЫРАМЫН|ПРИКАЗЫВАЮ/u.test(formulaWord)
        ? 'order'
        : /ҚАУЛЫ|ПОСТАНОВЛЯЕТ/u.test(formulaWord)
          ? 'government'
          : 'maslikhat',
  };
  const { kind, reason } = classify(input);
  const date = self?.date ?? null;
  const region =
    self?.region ??
    (formula && self?.issuerLevel !== 'district'
      ? findRegionName(formula.text.slice(0, formula.text.search(FORMULA)).slice(-120), date, names)
      : null);
  return { self, region, kind, kindReason: reason, relations, notes };
}

const REGISTRATION = [
  /(?:тіркел\p{L}*|тізілім\p{L}*)[^.]*?(?:№|(?<!\p{L})N)\s*(\d+)/u,
  /(?:№|(?<!\p{L})N)\s*(\d+)\s+(?:болып\s+)?(?:тіркелді|енгізілді)/u,
  /[Зз]арегистрирован\p{L}*[^.]*?№\s*(\d+)/u,
];

/** The state registration a header sentence states, with its date when given. */
function readRegistration(
  sentence: string,
): ActIdentity['self'] extends infer S ? (S extends { registration: infer R } ? R : null) : null {
  for (const re of REGISTRATION) {
    const m = re.exec(sentence);
    if (!m) continue;
    const dated = datesIn(sentence).find((d) => d.index < m.index + m[0].length);
    return { number: m[1] as string, date: dated?.date ?? null, text: sentence };
  }
  return null;
}

function selfTypeOf(word: string): KindInput['selfType'] {
  if (/^(?:шеш|реш)/iu.test(word)) return 'decision';
  if (/^(?:бұйры|приказ)/iu.test(word)) return 'order';
  if (/^(?:қаулы|постановлени)/iu.test(word)) return 'resolution';
  return 'unknown';
}
