/**
 * The words the importer recognises, in Kazakh and Russian: month names,
 * note markers, annex markers, exclusions, repeals, section kinds, and the
 * language test. Adilet publishes every act in both languages with the same
 * structure, so each pattern has a kk and a ru form.
 */
import { isCalendarDate } from '../domain/date.ts';
import type { SectionKindGuess, SourceLang } from './model.ts';

const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
] as const;

const RU_MONTHS = [
  'январ',
  'феврал',
  'март',
  'апрел',
  'ма',
  'июн',
  'июл',
  'август',
  'сентябр',
  'октябр',
  'ноябр',
  'декабр',
] as const;

/** The month number of a Kazakh or Russian month word in any case form, or null. */
export function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  const kk = KK_MONTHS.findIndex((m) => w.startsWith(m));
  if (kk >= 0) return kk + 1;
  if (/^ма[яий]$/.test(w)) return 5;
  const ru = RU_MONTHS.findIndex((m) => m !== 'ма' && w.startsWith(m));
  return ru >= 0 ? ru + 1 : null;
}

function iso(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100) return null;
  const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(text) ? text : null;
}

/** Dates as the texts write them: "2021 жылғы 25 ақпандағы", "25 февраля 2021 года", "18.04.2023". */
export const DATE_PATTERNS = {
  kk: /(\d{4})\s+жыл(?:ғы|ы)\s+(\d{1,2})\s+(\p{L}+)/u,
  ru: /(\d{1,2})\s+(\p{L}+)\s+(\d{4})\s*(?:года|г\.)?/u,
  numeric: /(\d{2})\.(\d{2})\.(\d{4})/,
} as const;

export interface FoundDate {
  date: string;
  index: number;
  length: number;
}

/** The first date written in `text`, in whichever form comes first. */
export function findDate(text: string): FoundDate | null {
  const found: FoundDate[] = [];
  const kk = DATE_PATTERNS.kk.exec(text);
  if (kk) {
    const month = monthOf(kk[3] ?? '');
    const date = month ? iso(Number(kk[1]), month, Number(kk[2])) : null;
    if (date) found.push({ date, index: kk.index, length: kk[0].length });
  }
  const ru = DATE_PATTERNS.ru.exec(text);
  if (ru) {
    const month = monthOf(ru[2] ?? '');
    const date = month ? iso(Number(ru[3]), month, Number(ru[1])) : null;
    if (date) found.push({ date, index: ru.index, length: ru[0].length });
  }
  const numeric = DATE_PATTERNS.numeric.exec(text);
  if (numeric) {
    const date = iso(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
    if (date) found.push({ date, index: numeric.index, length: numeric[0].length });
  }
  found.sort((a, b) => a.index - b.index);
  return found[0] ?? null;
}

/** Kazakh when its letters that Russian lacks are frequent enough. */
export function detectLang(text: string): SourceLang {
  let kk = 0;
  let cyrillic = 0;
  const end = Math.min(text.length, 20_000);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0410 && c <= 0x0451) cyrillic++;
    else if (KK_LETTERS.has(c)) kk++;
  }
  return cyrillic > 0 && kk / (kk + cyrillic) > 0.01 ? 'kk' : 'ru';
}

const KK_LETTERS = new Set([...'әіңғүұқөһӘІҢҒҮҰҚӨҺ'].map((c) => c.charCodeAt(0)));

export const NOTE_START = /^(?:Ескерту\.|ЗҚАИ-ның ескертпесі!|Сноска\.|Примечание ИЗПИ!)/u;
export const ZKAI_NOTE = /^(?:ЗҚАИ-ның ескертпесі!|Примечание ИЗПИ!)/u;

/** "1-қосымша", "шешіміне 2-қосымша", "шешімге қосымша", "Приложение 1 к решению …". */
export function annexMarker(line: string): { number: string | null } | null {
  if (!line.includes('қосымша') && !line.includes('Приложение')) return null;
  const t = line.trim();
  const kk = /^(?:(?:шешіміне|шешімге)\s+)?(?:(\d+)\s*-\s*)?қосымша$/u.exec(t);
  if (kk && (kk[1] || /^шешім/u.test(t))) return { number: kk[1] ?? null };
  const ru = /^Приложение(?:\s*(?:№\s*)?(\d+))?(?:\s+к\s+решени\p{L}*.*)?$/u.exec(t);
  if (ru) return { number: ru[1] ?? null };
  return null;
}

export const EXCLUDED = /^(?:Алынып тасталды|алынып тасталды|Исключен\p{L}*|исключен\p{L}*)/u;

export const REPEAL_WORDS = /күші жойыл|утратил\p{L}* силу/u;

export const DECISION_WORDS = /шешім|Решение|решени/u;

/** "ресми жарияланған күнінен бастап" → on publication; "… кейін", "по истечении" → after. */
export const ENTRY_INTO_FORCE =
  /(?:қолданысқа енгізіледі|қолданысқа енгізілді|вводится в действие|введено в действие|вступает в силу)/u;

const TEN_DAYS = /күнтізбелік\s+он\s+күн|десяти\s+календарных\s+дней/u;

/** Reads an entry-into-force wording as a rule, or null where it states none. */
export function entryRuleOf(
  wording: string,
): { kind: 'on_publication' } | { kind: 'after_publication'; calendarDays?: number } | null {
  if (!ENTRY_INTO_FORCE.test(wording) && !/вводится|вступает/u.test(wording)) return null;
  if (/бастап|со дня/u.test(wording) && !/кейін|после|по истечении/u.test(wording))
    return { kind: 'on_publication' };
  if (TEN_DAYS.test(wording)) return { kind: 'after_publication', calendarDays: 10 };
  if (/кейін|после|по истечении/u.test(wording)) return { kind: 'after_publication' };
  return null;
}

/** What a section heading lists: devices, specialised foods, or medicines. */
export function sectionKindOf(heading: string): SectionKindGuess | null {
  const t = heading.toLowerCase();
  if (/медициналық бұйым|медицинск\p{L}* издели/u.test(t)) return 'device';
  if (/емдік өнім|емдеу өнім|тамақтану|лечебн\p{L}* продукт|питани/u.test(t)) return 'food';
  if (/дәрілік зат|лекарствен/u.test(t)) return 'medicine';
  return null;
}

/** "дәрілік зат", "дәрілік заты", "дәрілік заттары", "лекарственное средство", "лекарственные средства". */
export const MEDICINE_WORD =
  /дәрілік\s+зат(?:тары|тар|ы)?|лекарственн\p{L}*\s+средств\p{L}*|лекарственн\p{L}*\s+препарат\p{L}*/u;
