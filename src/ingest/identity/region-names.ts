/**
 * The issuer's region as of a date: the maslikhat as written is matched, word stem by word
 * stem, against data/region-names.yaml, and the name whose period holds the date wins. No
 * region is named in code: every name, form and date is data.
 */
import type { RegionName } from '../../domain/region-names.ts';
import { fold } from '../../domain/search.ts';
import type { RegionReading } from './model.ts';

interface Word {
  folded: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu))
    words.push({ folded: fold(m[0]), start: m.index, end: m.index + m[0].length });
  return words;
}

/** The first stretch of `text` that reads as one of the forms, with the names it may be. */
export function findRegionName(
  text: string,
  date: string | null,
  names: readonly RegionName[],
): RegionReading | null {
  const words = wordsOf(text);
  let best: { at: number; end: number; candidates: RegionName[] } | null = null;
  for (const name of names) {
    for (const form of name.forms) {
      const stems = fold(form).split(' ');
      for (let i = 0; i + stems.length <= words.length; i++) {
        if (!stems.every((s, k) => (words[i + k] as Word).folded.startsWith(s))) continue;
        const end = (words[i + stems.length - 1] as Word).end;
        if (!best || i < best.at) best = { at: i, end, candidates: [name] };
        else if (i === best.at && !best.candidates.includes(name)) best.candidates.push(name);
        break;
      }
    }
  }
  if (!best) return null;
  const inPeriod = (n: RegionName) =>
    date === null ? null : (n.from ?? '0000') <= date && date <= (n.until ?? '9999');
  const chosen =
    best.candidates.find((n) => inPeriod(n) === true) ??
    best.candidates.find((n) => n.until === null) ??
    (best.candidates[0] as RegionName);
  return {
    code: chosen.region,
    written: text.slice((words[best.at] as Word).start, best.end),
    nameId: chosen.id,
    inPeriod: inPeriod(chosen),
  };
}
