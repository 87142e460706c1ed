/**
 * Reads the effects of an amending or repealing decision from its points:
 * "… шешіміне мынадай өзгерістер мен толықтырулар енгізілсін:" then, one
 * paragraph each, "1-қосымшасы … жаңа редакцияда жазылсын", "тақырыбы …
 * редакцияда жазылсын:", "…-тармағы … редакцияда жазылсын:", "…-жол алып
 * тасталсын", "…-жолмен толықтырылсын:", "…-жол … редакцияда жазылсын:";
 * "… күші жойылды деп танылсын". Russian: "внести … изменения", "изложить в
 * новой редакции", "дополнить строкой", "исключить", "признать утратившим
 * силу". The new wording is the paragraphs after an effect that ends with a
 * colon; a text that stops before it leaves the effect with `missing`.
 */
import { findDate } from '../keywords.ts';
import { readClause } from '../layouts/operative-point.ts';
import { readRunningClause } from '../layouts/running-text.ts';
import type { ParsedItem, SourceLang, SourceLine } from '../model.ts';
import type { PointGroup } from '../points.ts';
import type { Block, Segmented } from '../segment.ts';
import type { Effect, EffectPart, EffectsReading, TargetAct } from './model.ts';

const AMENDS =
  /өзгеріс\p{L}*(?:\s+мен\s+толықтыру\p{L}*)?\s+енгізілсін|толықтыру\p{L}*\s+енгізілсін|[Вв]нести\s+в\s+решени|изменени\p{L}*(?:\s+и\s+дополнени\p{L}*)?\s*:?$/u;
const REPEALS = /күші\s+жойылды\s+деп\s+танылсын|утратившим\p{L}*\s+силу/u;
const NEW_WORDING =
  /редакцияда\s+жазылсын|редакци\p{L}*\s*$|жаң\p{L}*$|изложить|в\s+(?:новой|следующей)\s+редакции/u;
const ANNEX_CONTEXT =
  /^(?:көрсетілген\s+|аталған\s+)?(?:шешімнің\s+)?(\d+)\s*-\s*қосымшасында:?$|^в\s+приложении\s+(\d+)[^:]*:$/u;
const ANNEX = /(\d+)\s*-\s*қосымшасы(?!\p{L})|[Пп]риложени\p{L}*\s+(\d+)/u;
const NEW_ANNEX =
  /осы\s+шешімге\s+(?:(\d+)\s*-\s*)?қосымшаға|осы\s+шешімнің\s+(\d+)\s*-\s*қосымшасына|согласно\s+приложени\p{L}*\s*(\d+)?\s*к\s+настоящему\s+решению/u;
const TITLE = /тақырыбы|[Зз]аголов\p{L}*|наименовани\p{L}*\s+решени/u;
const PREAMBLE = /кіріспе\p{L}*|преамбул\p{L}*/u;
const POINT = /(\d+)\s*-\s*тармағы(?!\p{L})|[Пп]ункт\s+(\d+)(?!\d)/u;
const ROWS =
  /(\d+(?:\.\d+)?(?:\s*(?:,|және|и)\s*\d+(?:\.\d+)?)*)\s*-\s*жол(?:дар)?(?:ы)?(?!\p{L})|строк\p{L}*,?\s+(?:порядков\p{L}*\s+номер\p{L}*\s+)?(\d+(?:\.\d+)?(?:\s*(?:,|и)\s*\d+(?:\.\d+)?)*)/u;
const ROW_ADDED =
  /(\d+(?:\.\d+)?)\s*-\s*жолмен\s+толықтырылсын|дополнить\s+строк\p{L}*,?\s+(?:порядков\p{L}*\s+номер\p{L}*\s+)?(\d+(?:\.\d+)?)/u;
const EXCLUDE = /алып\s+тасталсын|алынып\s+тасталсын|исключить/u;

interface Unit {
  text: string;
  start: number;
  end: number;
}

export function readEffects(
  points: readonly PointGroup[],
  segmented: Segmented,
  lines: readonly SourceLine[],
  lang: SourceLang,
): EffectsReading {
  const effects: Effect[] = [];
  const lastLine = [...lines].reverse().find((l) => !l.blank)?.n ?? 0;
  for (const point of points) {
    const head = point.head.text.replace(/^\d+\.\s*/u, '');
    if (!/шешім|решени/u.test(head)) continue;
    const target = readTarget(head);
    if (!target.date && !target.number) continue;
    const base = { point: point.number, target };
    const at = point.head.start;
    if (REPEALS.test(head)) {
      effects.push(effect(base, 'act_repealed', at, { kind: 'act' }));
      continue;
    }
    const units: Unit[] = [
      { text: head, start: point.head.start, end: point.head.end },
      ...point.subs.map((b: Block) => ({ text: b.text, start: b.start, end: b.end })),
    ];
    const found = readUnits(units, base, segmented, lang);
    if (found.length === 0 && AMENDS.test(head)) {
      const cut = point.lines[1] >= lastLine && !/[.:;»")]$/u.test(units.at(-1)?.text ?? '');
      effects.push({
        ...effect(base, 'act_amended', at, { kind: 'act' }),
        missing: cut
          ? `point ${point.number} names the amended decision, but the text stops before saying what changes`
          : `point ${point.number} amends the decision, but no change it makes was read`,
      });
    }
    for (const e of found) {
      const wordingCut =
        e.wording !== null &&
        e.line <= lastLine &&
        endsText(e, units, lastLine) &&
        !/[.:;»")]$/u.test(e.wording);
      if (e.missing === null && wordingCut)
        e.missing = `${describe(e)}: the new wording is cut off ("…${e.wording?.slice(-30)}")`;
      effects.push(e);
    }
  }
  return { effects };
}

function endsText(e: Effect, units: readonly Unit[], lastLine: number): boolean {
  const last = units.at(-1);
  return !!last && last.end >= lastLine && e.line <= last.start;
}

function effect(
  base: { point: string; target: TargetAct },
  kind: Effect['kind'],
  line: number,
  part: EffectPart,
): Effect {
  return { ...base, kind, line, part, wording: null, items: [], newAnnex: null, missing: null };
}

function readUnits(
  units: readonly Unit[],
  base: { point: string; target: TargetAct },
  segmented: Segmented,
  lang: SourceLang,
): Effect[] {
  const effects: Effect[] = [];
  let annex: string | null = null;
  let open: Effect | null = null;
  const close = () => {
    if (!open) return;
    if (open.wording === null && open.missing === null)
      open.missing = `${describe(open)} is announced in a new wording, but the wording is not in the text`;
    open = null;
  };
  units.forEach((unit, k) => {
    const t = unit.text;
    const context = ANNEX_CONTEXT.exec(t);
    if (context) {
      close();
      annex = (context[1] ?? context[2]) as string;
      return;
    }
    const found =
      k === 0
        ? headEffect(t, base, unit.start, segmented)
        : unitEffects(t, base, unit.start, annex, lang, segmented);
    if (found.length > 0) {
      close();
      effects.push(...found);
      const last = found.at(-1) as Effect;
      if (last.kind !== 'item_excluded' && last.kind !== 'annex_replaced' && last.wording === null)
        open = last;
      return;
    }
    if (open) {
      open.wording = open.wording ? `${open.wording} ${t}` : t;
      if (open.kind === 'item_added' || open.kind === 'item_replaced') {
        const item = rowItem(open.wording, open.part, unit.start, lang);
        open.items = item ? [item] : [];
      }
    }
  });
  close();
  return effects;
}

/** The point's own sentence may carry the effect: "… шешімінің 1-қосымшасы … жаңа редакцияда жазылсын". */
function headEffect(
  text: string,
  base: { point: string; target: TargetAct },
  line: number,
  segmented: Segmented,
): Effect[] {
  if (!NEW_WORDING.test(text) || !ANNEX.test(text) || AMENDS.test(text)) return [];
  return annexReplaced(text, base, line, segmented);
}

function annexReplaced(
  text: string,
  base: { point: string; target: TargetAct },
  line: number,
  segmented: Segmented,
): Effect[] {
  const m = ANNEX.exec(text);
  const number = (m?.[1] ?? m?.[2] ?? '1') as string;
  const own = NEW_ANNEX.exec(text);
  const e = effect(base, 'annex_replaced', line, { kind: 'annex', annex: number });
  if (own) {
    e.newAnnex = own[1] ?? own[2] ?? own[3] ?? '1';
    const held = segmented.annexes.some((a) => (a.number ?? '1') === e.newAnnex);
    if (!held)
      e.missing = `point ${base.point} announces annex ${number} in a new edition (this decision's annex ${e.newAnnex}), but the annex is not in the text`;
  } else if (!/:$/u.test(text)) {
    e.missing = `point ${base.point} announces annex ${number} in a new edition, but does not say where the new edition is`;
  }
  return [e];
}

function unitEffects(
  text: string,
  base: { point: string; target: TargetAct },
  line: number,
  annex: string | null,
  lang: SourceLang,
  segmented: Segmented,
): Effect[] {
  const newWording = NEW_WORDING.test(text);
  const rows = ROWS.exec(text);
  const added = ROW_ADDED.exec(text);
  if (added) {
    const item = (added[1] ?? added[2]) as string;
    return [effect(base, 'item_added', line, rowPart(annex, item))];
  }
  if (rows && EXCLUDE.test(text)) {
    return numbersOf((rows[1] ?? rows[2]) as string).map((n) =>
      effect(base, 'item_excluded', line, rowPart(annex, n)),
    );
  }
  if (rows && newWording) {
    const e = effect(
      base,
      'item_replaced',
      line,
      rowPart(annex, numbersOf((rows[1] ?? rows[2]) as string)[0] as string),
    );
    return [withInlineWording(e, text, lang)];
  }
  if (ANNEX.test(text) && newWording) return annexReplaced(text, base, line, segmented);
  if (TITLE.test(text) && newWording)
    return [effect(base, 'title_replaced', line, { kind: 'title' })];
  if (PREAMBLE.test(text) && newWording)
    return [effect(base, 'preamble_replaced', line, { kind: 'preamble' })];
  const point = POINT.exec(text);
  if (point && newWording)
    return [
      effect(base, 'point_replaced', line, {
        kind: 'point',
        point: (point[1] ?? point[2]) as string,
      }),
    ];
  return [];
}

/** "…-жол мынадай редакцияда жазылсын: "5. …"" on one line. */
function withInlineWording(e: Effect, text: string, lang: SourceLang): Effect {
  const after = /:\s*(\S.*)$/u.exec(text)?.[1];
  if (!after) return e;
  e.wording = after;
  const item = rowItem(after, e.part, e.line, lang);
  if (item) e.items = [item];
  return e;
}

function rowPart(annex: string | null, item: string): EffectPart {
  const [section, number] = item.includes('.')
    ? (item.split('.') as [string, string])
    : [null, item];
  return { kind: 'item', annex, section, item: number };
}

function numbersOf(text: string): string[] {
  return text.split(/\s*(?:,|және|и)\s*/u).filter((n) => /^\d+(?:\.\d+)?$/u.test(n));
}

/** A row's new wording as an item: "29. Диагноз: "Бренд" (INN)" or "… – …". */
function rowItem(
  wording: string,
  part: EffectPart,
  line: number,
  lang: SourceLang,
): ParsedItem | null {
  if (part.kind !== 'item') return null;
  const text = wording
    .replace(/^["«]|["»][.;]?$/gu, '')
    .replace(/^\d+(?:\.\d+)?[.)]?\s*/u, '')
    .replace(/[.;]$/u, '');
  const running = readRunningClause(text, line);
  const read = running ?? readClause(text, part.item, [{ n: line, text, blank: false }], lang);
  if (!read) return null;
  return {
    number: part.item,
    numberAssigned: false,
    lines: [line, line],
    diagnosis: read.diagnosis,
    population: read.population,
    indication: read.indication,
    products: read.products,
    notes: [],
  };
}

/** Issuer, date, number and registration of the act a point amends or repeals. */
export function readTarget(text: string): TargetAct {
  const unquoted = text
    .replace(/"[^"]*"|«[^»]*»|“[^”]*”/gu, ' ')
    .replace(/["«][^"»]*$/u, ' ')
    .replace(/\s+/g, ' ');
  const date = findDate(unquoted);
  const number = /[№N]\s*([\p{L}\d]+(?:[-/][\p{L}\d]+)*)/u.exec(
    unquoted.slice(date ? date.index : 0),
  );
  const issuer = /(\p{Lu}[\p{L}-]*(?:\s+[\p{L}-]+){0,3}?\s+(?:мәслихатының|маслихата))/u.exec(
    unquoted,
  );
  const registration =
    /№\s*(\d+)\s+болып\s+тіркел|(\d+)\s*-?\s*нөмір\p{L}*\s+тіркел|под\s*№\s*(\d+)|зарегистрирован\p{L}*[^)]*?№\s*(\d+)/u.exec(
      text,
    );
  return {
    text: text.slice(0, 300),
    issuer: issuer?.[1] ?? null,
    date: date?.date ?? null,
    number: number?.[1] ?? null,
    registration: registration
      ? (registration[1] ?? registration[2] ?? registration[3] ?? registration[4] ?? null)
      : null,
  };
}

export function describe(e: Effect): string {
  const p = e.part;
  const where =
    p.kind === 'item'
      ? `row ${p.section ? `${p.section}.` : ''}${p.item}${p.annex ? ` of annex ${p.annex}` : ''}`
      : p.kind === 'annex'
        ? `annex ${p.annex}`
        : p.kind === 'point'
          ? `point ${p.point}`
          : p.kind;
  return `point ${e.point} (${e.kind.replace('_', ' ')}): ${where} of the amended decision`;
}
