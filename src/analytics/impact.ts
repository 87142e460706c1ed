/**
 * The impact of a list change on the register: for every patient of a region, the engine's
 * answer on the day before D and on D, each from the register's own facts on that day
 * (`factsFromRegister`); who gains or loses an entitlement, why, and which prescriptions active
 * on D rest on an item that changed. Pure and incremental: the storage hands patients over in
 * batches (`add`), the answer is built once at the end (`finish`).
 *
 * A change's causes (several may hold at once):
 * - `list`: the diff between D−1 and D names the item (excluded, changed, added, removed);
 * - `coverage`: whether tegin knows the list differs between the days (e.g. no text in force
 *   on D−1 is held, one is on D: every answer was `unknown` the day before);
 * - `age`: the answer turns on the item's age group and the patient's age differs;
 * - `register`: the register's facts for the diagnosis, or the patient's attachment or
 *   citizenship, differ between the days.
 */
import type { ActId } from '../domain/act.ts';
import { addDays, type IsoDate } from '../domain/date.ts';
import type { ChangeKind, Diff } from '../domain/diff.ts';
import type { LocalizedText } from '../domain/text.ts';
import type { RegisterOf } from '../ops/facts.ts';
import {
  answerFromFacts,
  answerFromRegister,
  isBetter,
  itemKey,
  type Evaluate,
  type ItemAnswer,
  type ItemStatus,
  type PatientAnswer,
} from './items.ts';

export const CAUSES = ['list', 'coverage', 'age', 'register'] as const;
export type Cause = (typeof CAUSES)[number];

export type Direction = 'gained' | 'lost' | 'changed';

/** A prescription active on D: its frozen basis names the item (act, annex, `section.item`). */
export interface ActivePrescription {
  id: string;
  patientId: string;
  icd10: string;
  act: string;
  annex: string;
  item: string;
}

export interface ImpactSubject {
  /** The patient's internal id. */
  id: string;
  register: RegisterOf;
  /** The patient's prescriptions of the region active on D. */
  prescriptions: readonly ActivePrescription[];
}

/** The facts of a group on one day: what the engine is asked (src/ops/facts.ts, per patient). */
export interface GroupDay {
  /** Age in completed years on the day; −1 for someone born after it (the engine refuses it). */
  age: number;
  /** The region of the attachment on the day, or `unknown`. */
  servedIn: string;
  /** The codes the register holds on the day, in code order; commission INNs sorted. */
  diagnoses: { code: string; registered: boolean; confirmed: boolean; commission: string[] }[];
}

/**
 * Patients whose facts on D−1 and on D are all the same (storage groups them): the engine is
 * asked once per group and its answer counts `patients` times.
 */
export interface ImpactGroup {
  patients: number;
  /** The patients' internal ids, only when a list is asked for (else null). */
  ids: string[] | null;
  citizen: boolean;
  before: GroupDay;
  after: GroupDay;
  /** The group's prescriptions of the region active on D, counted by item and diagnosis. */
  prescriptions: {
    act: string;
    annex: string;
    item: string;
    icd10: string;
    count: number;
    /** [prescription id, patient id], only when a list is asked for. */
    ids: [string, string][] | null;
  }[];
}

export interface PatientChange {
  patientId: string;
  key: string;
  item: string;
  diagnosis: string;
  before: ItemStatus;
  after: ItemStatus;
  direction: Direction;
  causes: Cause[];
}

export interface PrescriptionAtRisk {
  prescriptionId: string;
  patientId: string;
  key: string;
  item: string;
  icd10: string;
  /** How the diff changed the item at D, or null. */
  listChange: ChangeKind | null;
  before: ItemStatus;
  after: ItemStatus;
}

export interface ItemImpact {
  key: string;
  act: string;
  annex: string;
  item: string;
  diagnosis: string;
  listChange: ChangeKind | null;
  gained: number;
  lost: number;
  changed: number;
  prescriptions: number;
  /** How many of the changes each cause explains. */
  causes: Record<Cause, number>;
}

export interface Impact {
  region: string;
  date: IsoDate;
  before: IsoDate;
  coverage: { before: Diff['coverage']['from']['status']; after: Diff['coverage']['to']['status'] };
  /** The acts that took effect between the two days (or may have: `between: unknown`). */
  acts: { act: ActId; label: LocalizedText; between: 'yes' | 'unknown' }[];
  /** The diff's item changes; null where it cannot compare the days (see `unknown`). */
  listChanges: { kind: ChangeKind; item: string; fields: string[] }[] | null;
  unknown: LocalizedText[];
  /** Patients evaluated; and those whose facts the engine refused (none expected). */
  patients: number;
  unresolved: number;
  totals: { gained: number; lost: number; changed: number; prescriptions: number };
  byItem: ItemImpact[];
  /** Staff-only: the patients (internal ids) whose answer for an item changed. */
  changes: PatientChange[];
  /** Staff-only: prescriptions active on D on an item changed at D or no longer entitled. */
  prescriptions: PrescriptionAtRisk[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const directionOf = (before: ItemStatus, after: ItemStatus): Direction =>
  after === 'entitled' ? 'gained' : before === 'entitled' ? 'lost' : 'changed';

export class ImpactAnalysis {
  private readonly before: IsoDate;
  private readonly listChange = new Map<string, ChangeKind>();
  private readonly coverageChanged: boolean;
  private readonly changes: PatientChange[] = [];
  private readonly atRisk: PrescriptionAtRisk[] = [];
  private readonly items = new Map<string, ItemImpact>();
  private readonly totals = { gained: 0, lost: 0, changed: 0, prescriptions: 0 };
  private patients = 0;
  private unresolved = 0;

  constructor(
    private readonly input: {
      region: string;
      date: IsoDate;
      /** `diffLists` from D−1 to D. */
      diff: Diff;
      evaluate: Evaluate;
    },
  ) {
    this.before = addDays(input.date, -1);
    for (const c of input.diff.changes ?? []) {
      this.listChange.set(`${c.sectionNumber}.${c.number}`, c.kind);
    }
    const { from, to } = input.diff.coverage;
    this.coverageChanged = from.status !== to.status;
  }

  /** Patients one by one, each with the register's records (the straightforward way). */
  add(subjects: Iterable<ImpactSubject>): void {
    const { evaluate, region, date } = this.input;
    for (const s of subjects) {
      const was = answerFromRegister(evaluate, s.register, region, this.before);
      const is = answerFromRegister(evaluate, s.register, region, date);
      if (!was || !is) {
        this.unresolved++;
        continue;
      }
      this.patients++;
      for (const key of new Set([...was.items.keys(), ...is.items.keys()])) {
        this.compare(key, was, is, 1, [s.id]);
      }
      for (const rx of s.prescriptions) this.prescription(rx, was, is, 1, [[rx.id, rx.patientId]]);
    }
  }

  /** Groups of patients with the same facts on both days: one evaluation a day per group. */
  addGroups(groups: Iterable<ImpactGroup>): void {
    const { evaluate, region, date } = this.input;
    const citizenship = (g: ImpactGroup): 'KZ' | 'other' => (g.citizen ? 'KZ' : 'other');
    const factsOf = (g: ImpactGroup, day: GroupDay, on: IsoDate) => ({
      region,
      date: on,
      age: day.age,
      citizenship: citizenship(g),
      servedIn: day.servedIn,
      diagnoses: day.diagnoses.map((d) => ({
        code: d.code,
        registered: d.registered,
        commission: d.commission,
        verified: d.confirmed,
        confirmed: d.confirmed,
      })),
    });
    for (const g of groups) {
      if (g.ids !== null && g.ids.length !== g.patients) {
        throw new Error(`a group of ${g.patients} patients lists ${g.ids.length} ids`);
      }
      const was = answerFromFacts(evaluate, factsOf(g, g.before, this.before));
      const is = answerFromFacts(evaluate, factsOf(g, g.after, date));
      if (!was || !is) {
        this.unresolved += g.patients;
        continue;
      }
      this.patients += g.patients;
      for (const key of new Set([...was.items.keys(), ...is.items.keys()])) {
        this.compare(key, was, is, g.patients, g.ids);
      }
      for (const rx of g.prescriptions) this.prescription(rx, was, is, rx.count, rx.ids);
    }
  }

  /** One item's answers on both days, for `n` patients (listed by `ids` when asked). */
  private compare(
    key: string,
    was: PatientAnswer,
    is: PatientAnswer,
    n: number,
    ids: readonly string[] | null,
  ): void {
    const a = was.items.get(key);
    const b = is.items.get(key);
    const before: ItemStatus = a?.status ?? 'none';
    const after: ItemStatus = b?.status ?? 'none';
    if (!isBetter(before, after) && !isBetter(after, before)) return;
    const answer = (b ?? a) as ItemAnswer;
    const causes: Cause[] = [];
    if (this.listChange.has(answer.item)) causes.push('list');
    if (this.coverageChanged) causes.push('coverage');
    if (was.age !== is.age && (a?.reason === 'age_group' || b?.reason === 'age_group')) {
      causes.push('age');
    }
    const code = answer.diagnosis;
    if (
      !a ||
      !b ||
      was.person !== is.person ||
      was.diagnoses.get(code) !== is.diagnoses.get(code)
    ) {
      causes.push('register');
    }
    const direction = directionOf(before, after);
    for (const patientId of ids ?? []) {
      this.changes.push({
        patientId,
        key,
        item: answer.item,
        diagnosis: code,
        before,
        after,
        direction,
        causes,
      });
    }
    this.totals[direction] += n;
    const row = this.row(answer, code);
    row[direction] += n;
    for (const c of causes) row.causes[c] += n;
  }

  private prescription(
    rx: Pick<ActivePrescription, 'act' | 'annex' | 'item' | 'icd10'>,
    was: PatientAnswer,
    is: PatientAnswer,
    n: number,
    ids: readonly (readonly [string, string])[] | null,
  ): void {
    const key = itemKey(rx.act, rx.annex, rx.item);
    const listChange = this.listChange.get(rx.item) ?? null;
    const after: ItemStatus = is.items.get(key)?.status ?? 'none';
    if (listChange === null && after === 'entitled') return;
    const before: ItemStatus = was.items.get(key)?.status ?? 'none';
    for (const [prescriptionId, patientId] of ids ?? []) {
      this.atRisk.push({
        prescriptionId,
        patientId,
        key,
        item: rx.item,
        icd10: rx.icd10,
        listChange,
        before,
        after,
      });
    }
    this.totals.prescriptions += n;
    this.row({ key, act: rx.act, annex: rx.annex, item: rx.item }, rx.icd10).prescriptions += n;
  }

  private row(answer: Pick<ItemAnswer, 'key' | 'act' | 'annex' | 'item'>, diagnosis: string) {
    const id = `${answer.key}|${diagnosis}`;
    let row = this.items.get(id);
    if (!row) {
      row = {
        key: answer.key,
        act: answer.act,
        annex: answer.annex,
        item: answer.item,
        diagnosis,
        listChange: this.listChange.get(answer.item) ?? null,
        gained: 0,
        lost: 0,
        changed: 0,
        prescriptions: 0,
        causes: { list: 0, coverage: 0, age: 0, register: 0 },
      };
      this.items.set(id, row);
    }
    return row;
  }

  finish(): Impact {
    const { diff, region, date } = this.input;
    const byItem = [...this.items.values()].sort(
      (a, b) => a.key.localeCompare(b.key) || a.diagnosis.localeCompare(b.diagnosis),
    );
    return {
      region,
      date,
      before: this.before,
      coverage: { before: diff.coverage.from.status, after: diff.coverage.to.status },
      acts: diff.acts.map((a) => ({ act: a.act, label: a.label, between: a.between })),
      listChanges:
        diff.changes?.map((c) => ({
          kind: c.kind,
          item: `${c.sectionNumber}.${c.number}`,
          fields: [...c.fields],
        })) ?? null,
      unknown: diff.unknown,
      patients: this.patients,
      unresolved: this.unresolved,
      totals: { ...this.totals },
      byItem,
      // In one order whichever way the patients came (one by one, or in groups).
      changes: this.changes.sort((a, b) => cmp(a.patientId, b.patientId) || cmp(a.key, b.key)),
      prescriptions: this.atRisk.sort((a, b) => cmp(a.prescriptionId, b.prescriptionId)),
    };
  }
}
