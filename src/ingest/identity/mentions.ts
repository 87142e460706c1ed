/**
 * Acts as sentences name them: a date, a number, the act's word and its case, and the issuer
 * around them. The case of the act's word tells its role: kk "шешімі" / ru "Решение" is the act
 * itself (or an act listed), "шешімімен" / "решением" the act that did something to this one,
 * "шешіміне" / "в решение" the act this one amends, "шешіміне 1-қосымша" / "к решению" a
 * heading of this act's own annex.
 */
import { monthOf } from '../keywords.ts';
import { isCalendarDate } from '../../domain/date.ts';

export type ActCase = 'nom' | 'instr' | 'dat' | 'gen' | 'acc' | 'annex' | 'unknown';

export interface RawMention {
  date: string | null;
  dateText: string;
  number: string | null;
  actWord: string;
  actType: 'decision' | 'order' | 'resolution' | 'unknown';
  actCase: ActCase;
  /** The text around the act (before the date and up to the act's word), to read the issuer from. */
  window: string;
  index: number;
  /** The date and number are a state registration ("№ 543 болып енгізілді", "Зарегистрировано … № 4309"). */
  registration: boolean;
}

const DATE =
  /(\d{4})\s*жыл(?:ғы|ы)?\s+(\d{1,2})\s+(\p{L}+)|(\d{1,2})\s+(\p{L}+)\s+(\d{4})\s*(?:года|г\.)?|\b(\d{2})\.(\d{2})\.(\d{4})\b|\b(\d{4})\.(\d{2})\.(\d{2})\b/gu;
const NUMBER =
  /^[^№"«»]{0,24}?(?:№|(?<![\p{L}])N)\s*((?:ҚР\s*ДСМ-)?\d[\p{L}\d]*(?:[-/][\p{L}\d]+)*(?:\s[сc](?![\p{L}]))?)/u;
const KK_WORD = /(?:шеш[іi]м|бұйры[ғқ]|қаулы)[\p{L}]*/iu;
const RU_WORD = /(?:решени|приказ|постановлени)[\p{L}]*/giu;

function isoOf(y: number, m: number | null, d: number): string | null {
  if (!m || y < 1990 || y > 2100) return null;
  const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isCalendarDate(text) ? text : null;
}

function dateOf(m: RegExpMatchArray): string | null {
  if (m[1]) return isoOf(Number(m[1]), monthOf(m[3] ?? ''), Number(m[2]));
  if (m[4]) return isoOf(Number(m[6]), monthOf(m[5] ?? ''), Number(m[4]));
  if (m[7]) return isoOf(Number(m[9]), Number(m[8]), Number(m[7]));
  return isoOf(Number(m[10]), Number(m[11]), Number(m[12]));
}

/** Removes parenthesised asides ("(Нормативтік … тіркелген)") so the act's word is in reach. */
function withoutAsides(text: string): string {
  let out = text;
  for (let k = 0; k < 3; k++) out = out.replace(/\([^()]*\)/gu, ' ');
  return out.replace(/\s+/gu, ' ');
}

function kkCase(word: string, after: string): ActCase {
  const w = word.toLowerCase().replace(/i/gu, 'і');
  if (/мен$/u.test(w)) return 'instr';
  if (/інің$|ының$|ның$/u.test(w)) return 'gen';
  if (/іне$|сына$|ына$/u.test(w)) return /^\s*\d+\s*-?\s*қосымша/u.test(after) ? 'annex' : 'dat';
  if (/ін$|сын$/u.test(w)) return 'acc';
  if (/і$|ы$|сы$/u.test(w)) return 'nom';
  return 'unknown';
}

function ruCase(word: string, before: string): ActCase {
  const w = word.toLowerCase();
  const prev = before.trim().split(/\s+/u).at(-1)?.toLowerCase() ?? '';
  if (/(?:ем|ом)$/u.test(w)) return 'instr';
  if (/ю$/u.test(w)) return prev === 'к' ? 'annex' : 'dat';
  if (/(?:ия|а)$/u.test(w)) return 'gen';
  if (prev === 'в' || prev === 'во') return 'dat';
  return 'nom';
}

function typeOf(word: string): RawMention['actType'] {
  if (/^(?:шеш|реш)/iu.test(word)) return 'decision';
  if (/^(?:бұйры|приказ)/iu.test(word)) return 'order';
  return 'resolution';
}

/** Every date the text writes, in order. */
export function datesIn(text: string): { date: string | null; index: number }[] {
  return [...text.matchAll(DATE)].map((m) => ({ date: dateOf(m), index: m.index }));
}

/** Every dated, numbered act the sentence names. */
export function findMentions(sentence: string): RawMention[] {
  const found: RawMention[] = [];
  for (const m of sentence.matchAll(DATE)) {
    const rest = sentence.slice(m.index + m[0].length);
    const num = NUMBER.exec(rest);
    const afterNumber = withoutAsides(num ? rest.slice(num[0].length) : rest).replace(
      /"[^"]*"|«[^»]*»/gu,
      ' ',
    );
    const kk = KK_WORD.exec(afterNumber.slice(0, 140));
    const before = sentence.slice(Math.max(0, m.index - 160), m.index);
    const ruAll = [...before.matchAll(RU_WORD)];
    const ru = ruAll.at(-1);
    let actWord = '';
    let actCase: ActCase = 'unknown';
    let window = before;
    if (kk && /газет|газета/iu.test(afterNumber.slice(0, kk.index))) continue;
    if (kk) {
      actWord = kk[0];
      actCase = kkCase(kk[0], afterNumber.slice(kk.index + kk[0].length));
      const unquoted = sentence.slice(0, m.index).replace(/"[^"]*"|«[^»]*»/gu, ' ');
      window = `${unquoted.slice(-160)} ${afterNumber.slice(0, kk.index)}`;
    } else if (ru) {
      actWord = ru[0];
      actCase = ruCase(ru[0], before.slice(0, ru.index));
      window = before.slice(ru.index + ru[0].length);
    }
    found.push({
      date: dateOf(m),
      dateText: m[0].trim(),
      number: num ? (num[1] as string).replace(/\s+/gu, '') : null,
      actWord,
      actType: actWord ? typeOf(actWord) : 'unknown',
      actCase,
      window,
      index: m.index,
      registration:
        /^\s*(?:болып\s+|нөмірімен\s+)?(?:тіркел|енгізілді)/u.test(afterNumber) ||
        /(?:[Зз]арегистрирован|тіркеуд|[Әә]діл\p{L}*\s+департамент|[Әә]діл\p{L}*\s+министрлі)[^.]{0,120}$/u.test(
          before,
        ),
    });
  }
  return found.filter((f) => f.number !== null || f.actWord !== '');
}
