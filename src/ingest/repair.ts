/**
 * Repairs of PDF-to-text damage, line by line, each recorded as
 * {kind, line, before, after}: letters spaced apart, words broken or
 * hyphenated over two lines, a lone letter split from its word, and words of
 * hyperlinks printed at the end of the line instead of where they were written.
 * Cell-level repairs (page-break spill, detached row numbers) are made by the
 * table layout, which knows the cells.
 */
import { annexMarker } from './keywords.ts';
import type { Repair, SourceLang, SourceLine } from './model.ts';

/**
 * Single letters separated by single spaces, words by double spaces: "а р н а л ғ а н",
 * "е р і т і н д і .", "Қ а н  ұ ю". One word must have three letters or more.
 */
const SPACED = /(?<![\p{L}\p{N}])\p{L}(?: {1,2}\p{L})+(?: ?[.,;:])?(?![\p{L}\p{N}])/gu;

/** A lone consonant that is never a word in Kazakh, split from the rest of its word. */
const SPLIT_LETTER = /(?<=\S\s+)([бгджзлмнпртфхцчшщғқңһ]) (\p{Ll}{2,})/gu;

/** Words of hyperlinks that Adilet's PDF prints at the end of the line. */
const LINK_TAIL =
  /(?:(?<glued>[.])|\s)(?<word>№\s?\d+(?:-\d+)?(?:\s+шешімі)?|\d+-қосымша\p{L}*|қосымша\p{L}*|шешім\p{L}*|Кодекс\p{L}*|Заң\p{L}*|заңдар\p{L}*|решени\p{L}*|Закон\p{L}*|приложени\p{L}*)$/u;
const GLUED_NUMBER = /(?<=\p{L})(?<word>№\s?\d+(?:-\d+)?)$/u;

/** Kazakh words of one or two letters, never joined to the line before. */
const KK_SHORT_WORDS = new Set([
  'да',
  'де',
  'та',
  'те',
  'ма',
  'ме',
  'ол',
  'үш',
  'ем',
  'ет',
  'ас',
  'әр',
  'не',
  'ие',
  'ай',
  'ақ',
  'ау',
  'у',
  'и',
  'а',
  'о',
  'е',
]);

export interface RepairContext {
  lang: SourceLang;
  /** Known words (lower case), to tell a broken word from two words. */
  lexicon: ReadonlySet<string>;
}

export function toLines(text: string): SourceLine[] {
  return text.split('\n').map((t, i) => ({ n: i + 1, text: t, blank: t.trim() === '' }));
}

/** Repairs every line; pure (returns new lines). */
export function repairLines(
  input: readonly SourceLine[],
  context: RepairContext,
): { lines: SourceLine[]; repairs: Repair[] } {
  const lines = input.map((l) => ({ ...l }));
  const repairs: Repair[] = [];
  indentExcerpt(lines, repairs);
  for (const line of lines) joinSpacedLetters(line, repairs);
  joinBrokenWords(lines, context, repairs);
  if (context.lang === 'kk') for (const line of lines) joinSplitLetters(line, repairs);
  moveLinkWords(lines, repairs);
  return { lines, repairs };
}

const INDENTED = /^\s{2,}\S/u;
/** Where an unindented excerpt's body starts: an editorial note, a numbered point, the operative formula. */
const BODY_START =
  /^\s*(?:Ескерту\.|Сноска\.|ЗҚАИ-ның ескертпесі!|Примечание ИЗПИ!|\d+\.\s)|ШЕШІМ\s+(?:ҚАБЫЛДАДЫ|ЕТТІ|ЕТЕДІ)|ШЕШТІ|РЕШИЛ|БҰЙЫРАМЫН|ПРИКАЗЫВАЮ|ҚАУЛЫ\s+ЕТЕДІ|ПОСТАНОВЛЯЕТ/u;

/**
 * An excerpt with no indented line (a web page, a search result) writes one paragraph per
 * line; the stages after this one find paragraphs by their indent (Adilet's dumps). From the
 * first line that starts the body, each line is indented, and the change is recorded once.
 * Lines of an annex (after its marker) are left alone: table cells are not paragraphs.
 */
function indentExcerpt(lines: SourceLine[], repairs: Repair[]): void {
  const text = lines.filter((l) => !l.blank);
  if (text.length < 2 || text.some((l) => INDENTED.test(l.text))) return;
  const start = lines.findIndex((l) => !l.blank && BODY_START.test(l.text));
  if (start < 0) return;
  let last = -1;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as SourceLine;
    if (line.blank) continue;
    if (annexMarker(line.text)) break;
    line.text = `      ${line.text.trimStart()}`;
    last = line.n;
  }
  const first = lines[start] as SourceLine;
  repairs.push({
    kind: 'paragraph_indent',
    line: first.n,
    before: 'no line of the text is indented',
    after: `lines ${first.n}–${last} read as one paragraph each`,
  });
}

function joinSpacedLetters(line: SourceLine, repairs: Repair[]): void {
  if (!line.text.includes(' ')) return;
  line.text = line.text.replace(SPACED, (match) => {
    const words = match.split(/ {2}/);
    if (!words.some((w) => w.replace(/[ .,;:]/g, '').length >= 3)) return match;
    if (words.some((w) => /\p{L}{2}/u.test(w))) return match;
    const after = words.map((w) => w.replace(/ /g, '')).join(' ');
    repairs.push({ kind: 'spaced_letters', line: line.n, before: match, after });
    return after;
  });
}

function joinSplitLetters(line: SourceLine, repairs: Repair[]): void {
  line.text = line.text.replace(SPLIT_LETTER, (match, letter: string, rest: string) => {
    repairs.push({ kind: 'split_word', line: line.n, before: match, after: letter + rest });
    return letter + rest;
  });
}

/**
 * A word broken at the line end: the line ends in a letter with no space, and
 * the next line starts with a lower-case fragment of at most two letters, or
 * the previous line ends in a short hyphenated tail ("гемолитикалық-уре"), or
 * the joined word is a known word. A trailing hyphen is a hyphenation.
 */
function joinBrokenWords(lines: SourceLine[], context: RepairContext, repairs: Repair[]): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i] as SourceLine;
    const next = lines[i + 1] as SourceLine;
    if (line.blank || next.blank || /^\s/.test(next.text)) continue;
    const proper = /\p{L}-$/u.test(line.text)
      ? /^(\p{Lu}\p{Ll}+)(?=$|[\s.,;:)])/u.exec(next.text)
      : null;
    if (proper) {
      // "Западно-" ⏎ "Казахстанской": a compound name keeps its hyphen.
      const word = proper[1] as string;
      const stem = trailingWord(line.text) ?? '';
      moveFragment(line, next, word, '');
      repairs.push({
        kind: 'hyphenated_word',
        line: line.n,
        before: `${stem} / ${word}`,
        after: `${stem}${word}`,
      });
      continue;
    }
    const head = /^(\p{Ll}+)(?=$|[\s.,;:)])/u.exec(next.text);
    if (!head) continue;
    const fragment = head[1] as string;
    const ending = trailingWord(line.text);
    if (!ending) continue;
    if (ending.endsWith('-')) {
      const stem = ending.slice(0, -1).split('-').pop() ?? '';
      if (!stem) continue;
      const keepHyphen = context.lexicon.has(`${stem}-${fragment}`.toLowerCase());
      const dropHyphen =
        context.lexicon.has(`${stem}${fragment}`.toLowerCase()) || context.lang === 'ru';
      if (!keepHyphen && !dropHyphen) continue;
      const joined = keepHyphen ? `${stem}-${fragment}` : `${stem}${fragment}`;
      moveFragment(line, next, fragment, keepHyphen ? '' : '-');
      repairs.push({
        kind: 'hyphenated_word',
        line: line.n,
        before: `${stem}- / ${fragment}`,
        after: joined,
      });
      continue;
    }
    const word = ending;
    const shortTail = /-\p{L}{1,4}$/u.test(word);
    const known = context.lexicon.has(`${word}${fragment}`.toLowerCase());
    // Short fragments are Kazakh suffixes ("ың", "ан", "қ"); Russian has short words ("от", "на").
    const suffix = context.lang === 'kk' && fragment.length <= 2 && !KK_SHORT_WORDS.has(fragment);
    if (suffix || (context.lang === 'kk' && shortTail) || known) {
      moveFragment(line, next, fragment, '');
      repairs.push({
        kind: 'broken_word',
        line: line.n,
        before: `${word} / ${fragment}`,
        after: word + fragment,
      });
    }
  }
}

const LETTER = /\p{L}/u;

/** The letters (and inner hyphens) that end `text`, scanning back from the end; null if it ends otherwise. */
function trailingWord(text: string): string | null {
  let i = text.length;
  while (i > 0) {
    const ch = text[i - 1] as string;
    if (ch === '-' || LETTER.test(ch)) i--;
    else break;
  }
  const word = text.slice(i).replace(/^-+/, '');
  return word && LETTER.test(word[0] as string) ? word : null;
}

function moveFragment(line: SourceLine, next: SourceLine, fragment: string, strip: string): void {
  line.text = (strip ? line.text.slice(0, -strip.length) : line.text) + fragment;
  next.text = next.text.slice(fragment.length).replace(/^ /, '');
}

/**
 * A hyperlink word printed at the end of the line goes back into the gap it
 * left: a double space, a space before a comma, or a "мен" left behind a date.
 */
function moveLinkWords(lines: SourceLine[], repairs: Repair[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as SourceLine;
    if (line.blank || /\s$/.test(line.text)) continue;
    const match = LINK_TAIL.exec(line.text) ?? GLUED_NUMBER.exec(line.text);
    if (!match?.groups) continue;
    const word = match.groups.word as string;
    const rest = line.text.slice(0, match.index + (match.groups.glued ? 1 : 0));
    const before = line.text;
    const indent = /^\s*/.exec(rest)?.[0] ?? '';
    const body = rest.slice(indent.length);
    const gap = /(?<=\S) {2,}(?=\S)| (?=,)/.exec(body);
    let after: string | null = null;
    if (gap) {
      after = `${indent}${body.slice(0, gap.index)} ${word}${gap[0] === ' ' ? '' : ' '}${body.slice(gap.index + gap[0].length)}`;
    } else {
      const men = /(\d{2}\.\d{2}\.\d{4}) (мен|нен|ден|ға|ге)(?=\s)/u.exec(body);
      if (men && /шешімі$/u.test(word)) {
        after = `${indent}${body.slice(0, men.index)}${men[1]} ${word}${men[2]}${body.slice(men.index + men[0].length)}`;
      } else if (match.groups.glued && /қосымша/u.test(word)) {
        // "… осы шешімнің 1-" ⏎ "… берілсін.қосымшасына": back after the dangling "1-".
        for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
          const previous = lines[j] as SourceLine;
          if (/\d-\s*$/.test(previous.text)) {
            const was = previous.text;
            previous.text = previous.text.replace(/\s*$/, '') + word;
            line.text = rest;
            repairs.push({
              kind: 'displaced_link_word',
              line: previous.n,
              before: was,
              after: previous.text,
            });
            repairs.push({ kind: 'displaced_link_word', line: line.n, before, after: line.text });
            break;
          }
        }
        continue;
      }
    }
    if (after === null) continue;
    const afterIndent = /^\s*/.exec(after)?.[0] ?? '';
    line.text = afterIndent + after.slice(afterIndent.length).replace(/ {2,}/g, ' ');
    repairs.push({ kind: 'displaced_link_word', line: line.n, before, after: line.text.trim() });
  }
}
