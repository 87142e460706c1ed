/**
 * Aggregates fit to show beyond staff: counts only, no patient, and every count from 1 to
 * `threshold − 1` replaced by null (small-cell suppression), so nobody can be singled out in
 * a small organisation or a rare diagnosis. Zero stays zero: it names nobody. Pure.
 *
 * Limit: only primary suppression. A total minus its visible parts can reveal a suppressed
 * cell's range (never a person's id); secondary suppression is not done (docs/adr/0018).
 */
import type { Gaps, GapCount } from './gaps.ts';
import type { Impact, ItemImpact } from './impact.ts';

/** The default threshold: counts below it are suppressed. */
export const DEFAULT_THRESHOLD = 5;

export type Count = number | null;

export interface Suppression {
  threshold: number;
  rule: string;
}

export const suppressionOf = (threshold: number): Suppression => ({
  threshold,
  rule: `counts from 1 to ${threshold - 1} are shown as null`,
});

export const suppress = (n: number, threshold: number): Count =>
  n > 0 && n < threshold ? null : n;

type Suppressed<T> = { [K in keyof T]: T[K] extends number ? Count : Suppressed<T[K]> };

function suppressAll<T extends object>(counts: T, threshold: number): Suppressed<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(counts)) {
    out[k] = typeof v === 'number' ? suppress(v, threshold) : suppressAll(v as object, threshold);
  }
  return out as Suppressed<T>;
}

export type PublishedImpact = Omit<
  Impact,
  'changes' | 'prescriptions' | 'totals' | 'byItem' | 'patients'
> & {
  suppression: Suppression;
  patients: Count;
  totals: Suppressed<Impact['totals']>;
  byItem: (Pick<ItemImpact, 'key' | 'act' | 'annex' | 'item' | 'diagnosis' | 'listChange'> &
    Suppressed<Pick<ItemImpact, 'gained' | 'lost' | 'changed' | 'prescriptions' | 'causes'>>)[];
};

export function publishImpact(impact: Impact, threshold: number): PublishedImpact {
  const { region, date, before, coverage, acts, listChanges, unknown, unresolved } = impact;
  const { totals, byItem, patients } = impact;
  return {
    region,
    date,
    before,
    coverage,
    acts,
    listChanges,
    unknown,
    unresolved,
    suppression: suppressionOf(threshold),
    patients: suppress(patients, threshold),
    totals: suppressAll(totals, threshold),
    byItem: byItem.map(({ key, act, annex, item, diagnosis, listChange, ...counts }) => ({
      key,
      act,
      annex,
      item,
      diagnosis,
      listChange,
      ...suppressAll(counts, threshold),
    })),
  };
}

export type PublishedGaps = Omit<
  Gaps,
  'gaps' | 'deferrals' | 'totals' | 'byOrganisation' | 'byDiagnosis' | 'byItem' | 'patients'
> & {
  suppression: Suppression;
  patients: Count;
  totals: Suppressed<GapCount>;
  byOrganisation: (Suppressed<GapCount> & { organisation: string | null })[];
  byDiagnosis: (Suppressed<GapCount> & { diagnosis: string })[];
  byItem: (Suppressed<GapCount> & { key: string; item: string })[];
};

export function publishGaps(gaps: Gaps, threshold: number): PublishedGaps {
  const { region, on, months, since, unresolved } = gaps;
  const { totals, byOrganisation, byDiagnosis, byItem, patients } = gaps;
  const counts = ({ entitled, gaps: g, overdue }: GapCount) =>
    suppressAll({ entitled, gaps: g, overdue }, threshold);
  return {
    region,
    on,
    months,
    since,
    unresolved,
    suppression: suppressionOf(threshold),
    patients: suppress(patients, threshold),
    totals: counts(totals),
    byOrganisation: byOrganisation.map((r) => ({ organisation: r.organisation, ...counts(r) })),
    byDiagnosis: byDiagnosis.map((r) => ({ diagnosis: r.diagnosis, ...counts(r) })),
    byItem: byItem.map((r) => ({ key: r.key, item: r.item, ...counts(r) })),
  };
}
