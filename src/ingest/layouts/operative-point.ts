/**
 * Lists written in the decision's operative point instead of an annex:
 * - a list in the point: "1. … тегін дәрі-дәрмек құралдары … қосымша ұсынылатын
 *   болсын:" followed by clauses "эпилепсия ауруына шалдыққандар үшін - "Кеппра"
 *   (Леветирацетам) препараты;" (ru: "для больных эпилепсией – препарат «Кеппра»
 *   (Леветирацетам)");
 * - one sentence: "1. … "Жүйелі қызыл жегі" дертімен ауыратын науқастар
 *   амбулаториялық деңгейде Мофетила микофенолат дәрісімен тегін қамтамасыз
 *   етілсін." (ru: "больных … бесплатно обеспечить препаратом …").
 * Each clause becomes an item: the population as written, the diagnosis with
 * the words "ауруына шалдыққандар" / "больных" removed, and its products (brand
 * in quotes, INN in brackets; specialised foods as foods). Nothing here names a
 * disease or a medicine: the vocabulary resolves them later.
 */
import type { ParsedItem, ParsedList, ParsedProductText, SourceLine } from '../model.ts';
import type { PointGroup } from '../points.ts';
import { newSection, splitTopLevel, type LayoutContext } from './common.ts';

/** The head of a point that grants free medicines and lists them after a colon. */
const LIST_HEAD =
  /(?:тегін|бесплатн)[^:]*(?:болсын|берілсін|ұсынылсын|етілсін|предоставить|обеспечить|предоставлять|отпускать)[^:]*:$|(?:предоставить|обеспечить)[^:]*(?:тегін|бесплатн)[^:]*:$/u;
const AMENDING = /енгізілсін|редакцияда жазылсын|внести|изложить/u;
/** "… үшін - …", "… – …": the population, then its products. */
const CLAUSE = /^(?<who>.+?)\s+[-–—]\s+(?<products>\S.*)$/u;
/** Words that say who the clause is for, around the diagnosis (kk after it, ru before it). */
const KK_WHO =
  /\s+(?:ауруына|ауруымен|дертіне|дертімен|диагнозымен)\s+(?:шалдыққандар|ауыратындар|ауыратын\s+науқастар|ауыратын\s+адамдар|ауыратын\s+балалар)(?:\s+үшін)?$|\s+үшін$/u;
const RU_WHO = /^(?:для\s+)?(?:больн\p{L}*|пациент\p{L}*|лиц\p{L}*\s+с|детей\s+с)\s+/u;
const FOOD_WORDS =
  /(?:мамандандырылған\s+)?емдік\s+(?:тағам\p{L}*|өнім\p{L}*)|специализированн\p{L}*\s+лечебн\p{L}*\s+(?:питани\p{L}*|продукт\p{L}*)|лечебн\p{L}*\s+питани\p{L}*/iu;
const MEDICINE_TAIL = /\s*(?:препарат\p{L}*|дәрі\p{L}*|лекарственн\p{L}*\s+средств\p{L}*)\s*$/u;
const MEDICINE_HEAD = /^\s*(?:препарат\p{L}*|лекарственн\p{L}*\s+средств\p{L}*)\s+/u;

const KK_SENTENCE =
  /(?:["«](?<quoted>[^"»]+)["»]|(?<plain>[\p{L}-]+(?:\s+[\p{L}-]+){0,5}?))\s+(?<link>дертімен|ауруымен|диагнозымен)\s+ауыратын\s+(?<people>\p{L}+)\s+(?:(?:амбулаториялық\s+(?:деңгейде|емделу\s+кезінде|емдеу\s+кезінде))\s+)?(?<product>.+?)\s+(?:дәрісімен|препаратымен|дәрілік\s+затымен|дәрілік\s+заттарымен)\s+тегін\s+қамтамасыз\s+етілсін\.?$/u;
const RU_SENTENCE =
  /(?<people>больн\p{L}*|пациент\p{L}*)\s+(?:["«](?<quoted>[^"»]+)["»]|(?<plain>[\p{L}-]+(?:\s+[\p{L}-]+){0,5}?))\s+(?:на\s+амбулаторном\s+уровне\s+)?бесплатно\s+обеспечить\s+(?:препаратом|лекарственным\s+средством)\s+(?<product>.+?)\.?$/u;

export type OperativeLayout = 'operative_point' | 'one_sentence';

export interface OperativeList {
  point: PointGroup;
  layout: OperativeLayout;
  list: ParsedList;
}

/** The first point that holds a list or a one-sentence grant, read; null if none does. */
export function readOperativeList(
  points: readonly PointGroup[],
  context: LayoutContext,
): OperativeList | null {
  for (const point of points) {
    const head = point.head.text;
    if (AMENDING.test(head)) continue;
    if (LIST_HEAD.test(head) && point.subs.length > 0) {
      const list = listInPoint(point, context);
      if (list.sections[0]?.items.length) return { point, layout: 'operative_point', list };
    }
    const sentence = oneSentence(point);
    if (sentence) return { point, layout: 'one_sentence', list: sentence };
  }
  return null;
}

function listInPoint(point: PointGroup, context: LayoutContext): ParsedList {
  const section = newSection(
    point.number,
    point.head.text.replace(/^\d+\.\s*/u, ''),
    'medicine',
    point.head.start,
  );
  section.lines = [point.lines[0], point.lines[1]];
  for (const sub of point.subs) {
    for (const clause of splitTopLevel(sub.text, ';')) {
      const item = readClause(clause, String(section.items.length + 1), sub.lines, context.lang);
      if (item) section.items.push(item);
      else
        context.findings.issues.push({
          code: 'PARSE_LINE_UNREAD',
          severity: 'warning',
          line: sub.start,
          message: `not read as "who – products" in point ${point.number}: "${clause.slice(0, 80)}"`,
        });
    }
  }
  return { layout: 'operative_point', sections: [section] };
}

export function readClause(
  clause: string,
  number: string,
  lines: readonly SourceLine[],
  lang: 'kk' | 'ru',
): ParsedItem | null {
  const text = balanceQuotes(clause.trim().replace(/[.;]+$/u, ''));
  const match = CLAUSE.exec(text);
  if (!match?.groups) return null;
  const who = (match.groups.who as string).trim();
  const diagnosis = (lang === 'ru' ? who.replace(RU_WHO, '') : who.replace(KK_WHO, '')).trim();
  const line = lines.find((l) => !l.blank)?.n ?? 0;
  const products = readProducts(match.groups.products as string, line);
  if (products.length === 0 || diagnosis === '') return null;
  const last = [...lines].reverse().find((l) => !l.blank)?.n ?? line;
  return {
    number,
    numberAssigned: true,
    lines: [line, last],
    diagnosis,
    population: who,
    indication: null,
    products,
    notes: [],
  };
}

/** "… препараты", "… препараты"": a closing quote left over from a quoted new edition. */
function balanceQuotes(text: string): string {
  const straight = (text.match(/"/gu) ?? []).length;
  return straight % 2 === 1 ? text.replace(/"(?=[^"]*$)/u, '').trim() : text;
}

/** Products of a clause: split at commas and "және"/"и"; after the food words, foods. */
export function readProducts(text: string, line: number): ParsedProductText[] {
  const pieces = splitTopLevel(text, ',;').flatMap((p) =>
    p.split(/\s+(?:және|и)\s+(?=["«\p{L}])/u),
  );
  const products: ParsedProductText[] = [];
  let food = false;
  for (const raw of pieces) {
    let piece = raw.trim();
    if (FOOD_WORDS.test(piece)) {
      food = true;
      piece = piece.replace(FOOD_WORDS, '').trim();
    }
    piece = piece.replace(MEDICINE_HEAD, '').replace(MEDICINE_TAIL, '').trim();
    if (!/\p{L}/u.test(piece)) continue;
    const brand = /["«]([^"»]+)["»]/u.exec(piece)?.[1]?.trim();
    const inn = /\(([^)]+)\)/u.exec(piece)?.[1]?.trim();
    const rest = piece
      .replace(/["«][^"»]+["»]/u, '')
      .replace(/\([^)]*\)/u, '')
      .trim();
    if (food) {
      products.push({ text: brand ?? piece, kind: 'food', line });
      continue;
    }
    const names = [inn, rest || undefined, brand].filter((n): n is string => !!n);
    products.push({ text: piece, quoted: names.length > 0 ? names : [piece], line });
  }
  return products;
}

function oneSentence(point: PointGroup): ParsedList | null {
  const head = point.head.text.replace(/^\d+\.\s*/u, '');
  const m = KK_SENTENCE.exec(head) ?? RU_SENTENCE.exec(head);
  if (!m?.groups) return null;
  const diagnosis = (m.groups.quoted ?? m.groups.plain ?? '').trim();
  const population =
    head
      .slice(m.index)
      .split(/\s+(?:амбулаториялық|на\s+амбулаторном|бесплатно)\s/u)[0]
      ?.trim() ?? diagnosis;
  const product = (m.groups.product as string).trim();
  const line = point.head.start;
  const section = newSection(point.number, null, 'medicine', line, true);
  section.lines = [point.head.start, point.head.end];
  section.items.push({
    number: '1',
    numberAssigned: true,
    lines: [point.head.start, point.head.end],
    diagnosis,
    population: KK_SENTENCE.test(head) ? population : `${m.groups.people} ${diagnosis}`,
    indication: null,
    products: readProducts(product, line),
    notes: [],
  });
  return { layout: 'one_sentence', sections: [section] };
}
