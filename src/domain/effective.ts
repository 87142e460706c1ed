/**
 * The date from which an act is in force, as far as the data can tell.
 *
 * Counting rule (NOTE(legal): the convention Adilet applies; confirm against
 * the Law "On legal acts"): "N calendar days after the day of first official
 * publication" means the N days following the publication day run out first,
 * so an act published on 1 March with N = 10 is in force from 12 March. Where
 * the text says only "after the day of first official publication", the act is
 * in force from the next day.
 *
 * Where the publication date is unknown, the answer is a window: the earliest
 * date the rule allows (publication cannot precede adoption or state
 * registration) and the latest date by which evidence shows the act in force
 * (e.g. a consolidated text current on that day). Inside the window the answer
 * is "unknown", never a guess.
 */
import { addDays, compareDates, maxDate, minDate, type IsoDate } from './date.ts';
import type { ActFile, EntryIntoForceRule } from './act.ts';

export type Effective =
  | { kind: 'known'; date: IsoDate; basis: EffectiveBasis }
  | { kind: 'window'; earliest: IsoDate; latest: IsoDate | null; reason: string };

export type EffectiveBasis = 'stated_date' | 'fixed_date' | 'publication';

/** The day an act enters into force when first officially published on `published`. */
export function applyRule(rule: EntryIntoForceRule, published: IsoDate): IsoDate {
  switch (rule.kind) {
    case 'on_publication':
      return published;
    case 'after_publication':
      return addDays(published, (rule.calendarDays ?? 0) + 1);
    case 'fixed_date':
      return rule.date;
    default:
      return assertNever(rule);
  }
}

type ActTiming = Pick<
  ActFile,
  'adopted' | 'registration' | 'publications' | 'entryIntoForce' | 'inForceBy'
>;

export function effectiveDateOf(act: ActTiming): Effective {
  const entry = act.entryIntoForce;
  if (entry?.statedDate)
    return { kind: 'known', date: entry.statedDate.date, basis: 'stated_date' };
  if (entry?.rule.kind === 'fixed_date') {
    return { kind: 'known', date: entry.rule.date, basis: 'fixed_date' };
  }
  const firstPublication = minDate(act.publications.map((p) => p.date));
  if (entry && firstPublication) {
    return { kind: 'known', date: applyRule(entry.rule, firstPublication), basis: 'publication' };
  }
  const earliestPublication =
    maxDate([act.adopted, ...(act.registration?.date ? [act.registration.date] : [])]) ??
    act.adopted;
  const earliest = entry ? applyRule(entry.rule, earliestPublication) : act.adopted;
  const latest = minDate(act.inForceBy.map((e) => e.date)) ?? null;
  const reason = entry
    ? 'the date of first official publication is not in the source'
    : 'the source does not say when the act entered into force';
  return { kind: 'window', earliest, latest, reason };
}

export type InForceOn = 'yes' | 'no' | 'unknown';

/** Whether something with this effective date is in force on `date`. */
export function isInForceOn(effective: Effective, date: IsoDate): InForceOn {
  if (effective.kind === 'known') return compareDates(date, effective.date) >= 0 ? 'yes' : 'no';
  if (compareDates(date, effective.earliest) < 0) return 'no';
  if (effective.latest !== null && compareDates(date, effective.latest) >= 0) return 'yes';
  return 'unknown';
}

/** The later of two effective dates: a consolidated text is in force when all its parts are. */
export function laterOf(a: Effective, b: Effective): Effective {
  if (a.kind === 'known' && b.kind === 'known') return a.date >= b.date ? a : b;
  const earliest = maxDate([startOf(a), startOf(b)]) as IsoDate;
  const latest = maxDate([endOf(a), endOf(b)].filter((d): d is IsoDate => d !== null));
  const open = endOf(a) === null || endOf(b) === null;
  if (!open && latest !== undefined && latest === earliest) {
    const known = [a, b].find((e) => e.kind === 'known' && e.date === latest);
    // A window closing on the day a known date opens collapses to that date.
    if (known?.kind === 'known') return known;
  }
  const reason = [a, b]
    .filter((e): e is Extract<Effective, { kind: 'window' }> => e.kind === 'window')
    .map((e) => e.reason)[0] as string;
  return { kind: 'window', earliest, latest: open ? null : (latest ?? null), reason };
}

function startOf(e: Effective): IsoDate {
  return e.kind === 'known' ? e.date : e.earliest;
}
function endOf(e: Effective): IsoDate | null {
  return e.kind === 'known' ? e.date : e.latest;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
