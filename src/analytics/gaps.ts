/**
 * Coverage gaps on a day D: patients the engine, from the register's own facts on D, says are
 * `entitled` to an item with a product to hand over, for whom nothing was dispensed against
 * that item in the N months up to D; and deferrals (out of stock) still not served past their
 * due date on D. Counted by the organisation the patient is attached to on D, by diagnosis and
 * by item. Pure and incremental, like the impact analysis.
 */
import type { IsoDate } from '../domain/date.ts';
import { attachmentOn } from '../ops/attachment.ts';
import type { RegisterOf } from '../ops/facts.ts';
import { answerFromRegister, type Evaluate } from './items.ts';

/** A deferral recorded on or before D, due before D, not served by D. */
export interface OverdueDeferral {
  deferralId: string;
  prescriptionId: string;
  patientId: string;
  /** The prescription's item (`act|annex|section.item`) and `section.item`. */
  key: string;
  item: string;
  icd10: string;
  pharmacy: string;
  recordedOn: IsoDate;
  dueOn: IsoDate;
}

export interface GapSubject {
  id: string;
  register: RegisterOf;
  /** Item keys something was dispensed against in the window (after `since`, up to D). */
  dispensed: ReadonlySet<string>;
  overdue: readonly OverdueDeferral[];
}

export interface Gap {
  patientId: string;
  /** The organisation the patient is attached to on D; null where none. */
  organisation: string | null;
  key: string;
  item: string;
  diagnosis: string;
}

export interface GapCount {
  /** Patient–item pairs entitled on D. */
  entitled: number;
  /** Of those, with nothing dispensed in the window. */
  gaps: number;
  /** Deferrals overdue on D. */
  overdue: number;
}

export interface Gaps {
  region: string;
  on: IsoDate;
  months: number;
  /** Dispenses after this day (and up to `on`) count. */
  since: IsoDate;
  patients: number;
  unresolved: number;
  totals: GapCount;
  byOrganisation: (GapCount & { organisation: string | null })[];
  byDiagnosis: (GapCount & { diagnosis: string })[];
  byItem: (GapCount & { key: string; item: string })[];
  /** Staff-only: the gaps, naming patients by internal id. */
  gaps: Gap[];
  /** Staff-only: the overdue deferrals. */
  deferrals: OverdueDeferral[];
}

/** The same day `months` calendar months earlier (the month's last day where it is shorter). */
export function monthsBefore(on: IsoDate, months: number): IsoDate {
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(d, last), 2)}` as IsoDate;
}

const zero = (): GapCount => ({ entitled: 0, gaps: 0, overdue: 0 });

export class GapAnalysis {
  readonly since: IsoDate;
  private readonly totals = zero();
  private readonly byOrganisation = new Map<string | null, GapCount>();
  private readonly byDiagnosis = new Map<string, GapCount>();
  private readonly byItem = new Map<string, GapCount & { item: string }>();
  private readonly gaps: Gap[] = [];
  private readonly deferrals: OverdueDeferral[] = [];
  private patients = 0;
  private unresolved = 0;

  constructor(
    private readonly input: { region: string; on: IsoDate; months: number; evaluate: Evaluate },
  ) {
    this.since = monthsBefore(input.on, input.months);
  }

  add(subjects: Iterable<GapSubject>): void {
    const { evaluate, region, on } = this.input;
    for (const s of subjects) {
      const answer = answerFromRegister(evaluate, s.register, region, on);
      if (!answer) {
        this.unresolved++;
        continue;
      }
      this.patients++;
      const organisation = attachmentOn(s.register.patient.attachments, on)?.organisation ?? null;
      for (const a of answer.items.values()) {
        if (a.status !== 'entitled' || !a.hasProduct) continue;
        const gap = !s.dispensed.has(a.key);
        for (const count of this.counts(organisation, a.diagnosis, a.key, a.item)) {
          count.entitled++;
          if (gap) count.gaps++;
        }
        if (gap) {
          this.gaps.push({
            patientId: s.id,
            organisation,
            key: a.key,
            item: a.item,
            diagnosis: a.diagnosis,
          });
        }
      }
      for (const d of s.overdue) {
        for (const count of this.counts(organisation, d.icd10, d.key, d.item)) count.overdue++;
        this.deferrals.push(d);
      }
    }
  }

  private counts(organisation: string | null, diagnosis: string, key: string, item: string) {
    const get = <K, V>(map: Map<K, V>, k: K, make: () => V): V => {
      let v = map.get(k);
      if (!v) map.set(k, (v = make()));
      return v;
    };
    return [
      this.totals,
      get(this.byOrganisation, organisation, zero),
      get(this.byDiagnosis, diagnosis, zero),
      get(this.byItem, key, () => ({ ...zero(), item })),
    ];
  }

  finish(): Gaps {
    const { region, on, months } = this.input;
    return {
      region,
      on,
      months,
      since: this.since,
      patients: this.patients,
      unresolved: this.unresolved,
      totals: this.totals,
      byOrganisation: [...this.byOrganisation]
        .map(([organisation, c]) => ({ organisation, ...c }))
        .sort((a, b) => String(a.organisation).localeCompare(String(b.organisation))),
      byDiagnosis: [...this.byDiagnosis]
        .map(([diagnosis, c]) => ({ diagnosis, ...c }))
        .sort((a, b) => a.diagnosis.localeCompare(b.diagnosis)),
      byItem: [...this.byItem]
        .map(([key, c]) => ({ key, ...c }))
        .sort((a, b) => a.key.localeCompare(b.key)),
      gaps: this.gaps,
      deferrals: this.deferrals,
    };
  }
}
