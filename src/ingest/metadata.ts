/**
 * The act itself, as the top of the text and its notes state it: issuer,
 * adoption date and number, title, registration, entry into force, the notes
 * of the consolidated text and the acts they cite, and the repealed acts of a
 * "repealed decisions" annex. Nothing that the text does not state is filled in.
 */
import type { Region } from '../domain/region.ts';
import { fold } from '../domain/search.ts';
import { entryRuleOf, ENTRY_INTO_FORCE, findDate } from './keywords.ts';
import type { ImportIssue } from './model.ts';
import { normaliseSpacing, type Block, type NoteBlock, type Segmented } from './segment.ts';

export interface ActHeader {
  region: Region | null;
  adopted: string | null;
  number: string | null;
  title: string | null;
  session: string | null;
  registration: { number: string; date: string | null; body: string | null } | null;
  lines: [number, number] | null;
}

export interface CitedAct {
  date: string;
  number: string;
  /** The entry-into-force wording the note gives for this act, if any. */
  wording: string | null;
  /** A date the note states the changes entered into force on ("01.01.2026 бастап … енгізілді"). */
  statedDate: string | null;
  change: 'new_edition' | 'amended' | 'excluded';
}

export interface ReadNote {
  id: string;
  kind: 'eskertu' | 'zkai';
  lines: [number, number];
  text: string;
  part:
    | { kind: 'title' }
    | { kind: 'point'; number: string }
    | { kind: 'annex'; number: string }
    | null;
  acts: CitedAct[];
}

const DECISION_LINE = /(мәслихатының|маслихата)/u;

/** Finds the act line among the top blocks and reads issuer, date, number and registration. */
export function readHeader(
  segmented: Segmented,
  regions: readonly Region[],
  issues: ImportIssue[],
): ActHeader {
  const index = segmented.top.findIndex(
    (b) => DECISION_LINE.test(b.text) && findDate(b.text) !== null,
  );
  const block: Block | undefined = segmented.top[index];
  const titleBlocks = index > 0 ? segmented.top.slice(0, index) : [];
  const title =
    titleBlocks.length > 0 ? normaliseSpacing(titleBlocks.map((b) => b.text).join(' ')) : null;
  if (!block) {
    issues.push({
      code: 'PARSE_NOT_A_DECISION',
      severity: 'error',
      line: segmented.top[0]?.start ?? 1,
      message:
        'no line names a maslikhat decision with its date and number (e.g. "… облыстық мәслихатының 2021 жылғы 25 ақпандағы № 34 шешімі")',
    });
    return {
      region: null,
      adopted: null,
      number: null,
      title,
      session: null,
      registration: null,
      lines: null,
    };
  }
  const text = block.text;
  const region = regionOf(text, regions);
  const registrationAt = text.search(/тіркелді|[Зз]арегистрирован/u);
  const actPart =
    registrationAt > 0
      ? text.slice(0, text.lastIndexOf('.', registrationAt) + 1 || registrationAt)
      : text;
  const date = findDate(actPart);
  const number = /№\s*([\p{L}\d]+(?:-[\p{L}\d]+)*)/u.exec(actPart.slice(date ? date.index : 0));
  const session = /\b([IVXLC]+)\s+сессия/u.exec(actPart);
  let registration: ActHeader['registration'] = null;
  if (registrationAt > 0) {
    const regText = text.slice(text.lastIndexOf('.', registrationAt) + 1);
    const regNumber = /№\s*(\d+)/u.exec(regText);
    const kkBody = /(\p{Lu}[\p{L}\s-]*?облысының Әділет департамент)інде/u.exec(regText);
    const ruBody = /(Департамент\p{L}*\s+юстиции\s+[\p{L}\s-]+?области)/u.exec(regText);
    if (regNumber) {
      registration = {
        number: regNumber[1] as string,
        date: findDate(regText)?.date ?? null,
        body: kkBody
          ? `${kkBody[1]}і`
          : ruBody
            ? (ruBody[1] as string).replace(/^Департамент\p{L}*/u, 'Департамент')
            : null,
      };
    }
  }
  if (!date || !number) {
    issues.push({
      code: 'PARSE_METADATA',
      severity: 'error',
      line: block.start,
      message: `the decision line does not give ${!date ? 'an adoption date' : 'a number'}: "${text.slice(0, 100)}"`,
    });
  }
  if (!registration) {
    issues.push({
      code: 'PARSE_METADATA',
      severity: 'warning',
      line: block.start,
      message:
        'no state registration ("… № N болып тіркелді" / "Зарегистрировано … № N") was found',
    });
  }
  return {
    region,
    adopted: date?.date ?? null,
    number: number?.[1] ?? null,
    title,
    session: session?.[1] ?? null,
    registration,
    lines: [block.start, block.end],
  };
}

/** The region whose maslikhat (kk or ru genitive) the text names. */
export function regionOf(text: string, regions: readonly Region[]): Region | null {
  const folded = fold(text);
  return (
    regions.find(
      (r) => folded.includes(fold(r.maslikhat.kk)) || folded.includes(fold(r.maslikhat.ru)),
    ) ?? null
  );
}

/** The point that states when the decision enters into force. */
export function readEntryIntoForce(
  segmented: Segmented,
): { point: string; wording: string; rule: NonNullable<ReturnType<typeof entryRuleOf>> } | null {
  for (const point of segmented.points) {
    if (!ENTRY_INTO_FORCE.test(point.text) && !/вводится|вступает/u.test(point.text)) continue;
    if (!/Осы шешім|Настоящее решение/u.test(point.text)) continue;
    const wording = point.text.replace(/^\d+\.\s*/u, '');
    const rule = entryRuleOf(wording);
    if (rule) return { point: point.number, wording, rule };
  }
  return null;
}

const CITED = /(\d{2}\.\d{2}\.\d{4})\s*(?:жылғы\s*)?№\s*([\p{L}\d]+(?:-[\p{L}\d]+)*)/gu;

/** Reads a note: what it amends, which acts it cites and how each enters into force. */
export function readNote(
  note: NoteBlock,
  usedIds: Set<string>,
  annexNumber: string | null,
): ReadNote {
  const text = note.text;
  const part = partOf(text, annexNumber);
  const amendedAt = text.search(
    /өзгерістер енгізілді|өзгеріс енгізілді|с изменениями|внесены изменения|изменения внесены/u,
  );
  const excluded = /алынып тасталды|исключен/u.test(text);
  const acts: CitedAct[] = [];
  for (const m of text.matchAll(CITED)) {
    const date = findDate(m[1] as string)?.date;
    if (!date) continue;
    const after = text.slice(m.index + m[0].length);
    const paren = /^[^()]{0,40}?\(([^()]*)\)/u.exec(after);
    const wording =
      paren && ENTRY_INTO_FORCE.test(paren[1] as string) ? (paren[1] as string).trim() : null;
    const stated =
      wording && /енгізілді|введен/u.test(wording) ? (findDate(wording)?.date ?? null) : null;
    const change: CitedAct['change'] = excluded
      ? 'excluded'
      : note.kind === 'zkai' ||
          (amendedAt >= 0 && m.index > amendedAt) ||
          !/жаңа редакцияда|в редакции|новой редакции/u.test(text)
        ? 'amended'
        : 'new_edition';
    acts.push({
      date,
      number: m[2] as string,
      wording: stated ? null : wording,
      statedDate: stated,
      change,
    });
  }
  let id = idOf(part, note.kind, acts[0]?.change ?? 'amended');
  for (let k = 2; usedIds.has(id); k++)
    id = `${idOf(part, note.kind, acts[0]?.change ?? 'amended')}-${k}`;
  usedIds.add(id);
  return { id, kind: note.kind, lines: [note.start, note.end], text, part, acts };
}

function partOf(text: string, annexNumber: string | null): ReadNote['part'] {
  if (/Шешімнің тақырыбы|Заголовок/u.test(text)) return { kind: 'title' };
  const point = /(\d+)-тармақ|[Пп]ункт\s+(\d+)/u.exec(text);
  if (point) return { kind: 'point', number: (point[1] ?? point[2]) as string };
  const annex = /(\d+)\s*-?\s*қосымша|[Пп]риложени\p{L}*\s+(\d+)/u.exec(text);
  if (annex) return { kind: 'annex', number: (annex[1] ?? annex[2]) as string };
  return annexNumber ? { kind: 'annex', number: annexNumber } : null;
}

function idOf(
  part: ReadNote['part'],
  kind: 'eskertu' | 'zkai',
  change: CitedAct['change'],
): string {
  const suffix = kind === 'zkai' ? 'zkai' : change === 'new_edition' ? 'edition' : 'amended';
  if (!part) return `note-${suffix}`;
  switch (part.kind) {
    case 'title':
      return `title-${suffix}`;
    case 'point':
      return `point-${part.number}-${suffix}`;
    case 'annex':
      return `annex-${part.number}-${suffix}`;
    default:
      return assertNever(part);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled note part ${JSON.stringify(value)}`);
}

export interface RepealedAct {
  item: string;
  lines: [number, number];
  date: string | null;
  number: string | null;
  title: string | null;
  session: string | null;
  registrationNumber: string | null;
  publications: {
    medium: 'newspaper' | 'adilet' | 'etalon_bank';
    date: string;
    name?: string;
    issue?: string;
  }[];
  text: string;
}

/** One point of a "repealed decisions" annex. */
export function readRepealed(point: Block & { number: string }): RepealedAct {
  const text = point.text.replace(/^\d+\.\s*/u, '');
  const date = findDate(text);
  const number = /№\s*([\p{L}\d]+(?:-[\p{L}\d]+)*)/u.exec(text.slice(date ? date.index : 0));
  const titleStart = number ? text.indexOf('"', (date?.index ?? 0) + 1) : -1;
  const paren = text.search(/\((?:Нормативтік|шешімі|зарегистрирован|Зарегистрирован)/u);
  let title: string | null = null;
  if (titleStart >= 0 && paren > titleStart) {
    const inner = text.slice(titleStart + 1, paren);
    const close = inner.lastIndexOf('"');
    title = close > 0 ? normaliseSpacing(inner.slice(0, close)) : null;
  }
  const registration = /(?:тізілімінде|[Рр]еестре)[^№]{0,100}№\s*(\d+)/u.exec(text);
  const session = /\b([IVXLC]+)\s+сессия/u.exec(text);
  const publications: RepealedAct['publications'] = [];
  const tail = paren >= 0 ? text.slice(paren) : text;
  let lastDate: string | null = null;
  for (const clause of tail.split(/,\s|\sжәне\s|\sи\s/u)) {
    const when: { date: string } | null =
      findDate(clause) ?? (lastDate && /"/u.test(clause) ? { date: lastDate } : null);
    if (!when) continue;
    lastDate = when.date;
    if (/эталондық|эталонном/u.test(clause))
      publications.push({ medium: 'etalon_bank', date: when.date });
    else if (/Әділет|Әділет"|Адилет/u.test(clause))
      publications.push({ medium: 'adilet', date: when.date });
    else {
      const paper =
        /№\s*([^"]+?)\s*"\s*([^"]+?)\s*"|"\s*([^"]+?)\s*"\s*газет|"\s*([^"]+?)\s*"\s*№\s*([^,;"]+?\)?)(?=\)?\s*$|\)\.)/u.exec(
          clause,
        );
      if (paper) {
        const name = (paper[2] ?? paper[3] ?? paper[4] ?? '').trim();
        const issue = (paper[1] ?? paper[5])?.trim();
        publications.push({
          medium: 'newspaper',
          date: when.date,
          ...(name ? { name } : {}),
          ...(issue ? { issue } : {}),
        });
      }
    }
  }
  return {
    item: point.number,
    lines: [point.start, point.end],
    date: date?.date ?? null,
    number: number?.[1] ?? null,
    title,
    session: session?.[1] ?? null,
    registrationNumber: registration?.[1] ?? null,
    publications,
    text,
  };
}
