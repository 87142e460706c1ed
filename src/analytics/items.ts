/**
 * A patient's answer per list item, for comparing two answers and for counting. Pure.
 *
 * An item is named as a prescription's frozen basis names it (`basisItem`: `section.item`),
 * within the act and annex it cites, so an answer, a diff and a prescription meet on one key.
 */
import type { Entitlement, EntitlementStatus } from '../domain/engine.ts';
import type { IsoDate } from '../domain/date.ts';
import { basisItem } from '../ops/prescribing.ts';
import { factsFromRegister, type RegisterOf } from '../ops/facts.ts';

/** What the analyses are given of the law: raw facts in, the engine's answer out. */
export type Evaluate = (
  facts: unknown,
) => { ok: true; result: { age: number; entitlements: readonly Entitlement[] } } | { ok: false };

/** A status, or `none`: the answer names no such item (no diagnosis it covers is on the register). */
export type ItemStatus = EntitlementStatus | 'none';

export interface ItemAnswer {
  /** `act|annex|section.item`. */
  key: string;
  /** `section.item`, as the prescription's basis names it. */
  item: string;
  act: string;
  annex: string;
  status: EntitlementStatus;
  /** The ICD-10 code on the register the answer is for. */
  diagnosis: string;
  reason: NonNullable<Entitlement['reason']>['code'] | null;
  /** Whether the entitled answer lists a product a prescription could name. */
  hasProduct: boolean;
}

export const itemKey = (act: string, annex: string, item: string): string =>
  `${act}|${annex}|${item}`;

const RANK: Record<ItemStatus, number> = {
  entitled: 3,
  conditional: 2,
  unknown: 1,
  not_entitled: 0,
  none: 0,
};

/** Whether `a` is a better answer for the patient than `b`. */
export const isBetter = (a: ItemStatus, b: ItemStatus): boolean => RANK[a] > RANK[b];

/** The best answer per item (an item may answer per product group, or per diagnosis). */
export function answersByItem(entitlements: readonly Entitlement[]): Map<string, ItemAnswer> {
  const byItem = new Map<string, ItemAnswer>();
  for (const e of entitlements) {
    const item = basisItem(e);
    const key = itemKey(e.basis.act, e.basis.annex, item);
    const current = byItem.get(key);
    if (current && !isBetter(e.status, current.status)) continue;
    byItem.set(key, {
      key,
      item,
      act: e.basis.act,
      annex: e.basis.annex,
      status: e.status,
      diagnosis: e.diagnosis.code,
      reason: e.reason?.code ?? null,
      hasProduct: e.products.length > 0,
    });
  }
  return byItem;
}

export interface PatientAnswer {
  age: number;
  /** The patient's own facts (citizenship, attachment's region), to tell whether they changed. */
  person: string;
  /** The register's facts per ICD-10 code (registered, decisions, confirmed), likewise. */
  diagnoses: Map<string, string>;
  items: Map<string, ItemAnswer>;
}

/** The engine's answer on `date` from the register alone; null where the facts do not resolve. */
export function answerFromRegister(
  evaluate: Evaluate,
  register: RegisterOf,
  region: string,
  date: IsoDate,
): PatientAnswer | null {
  const { facts } = factsFromRegister(register, region, date);
  return answerFromFacts(evaluate, {
    region,
    date,
    birthDate: register.patient.birthDate,
    citizenship: facts.citizenship === 'KZ' ? 'KZ' : 'other',
    servedIn: facts.servedIn ?? 'unknown',
    diagnoses: facts.diagnoses,
  });
}

/** The facts `answerFromFacts` reads: an age or a birth date, and the register's diagnoses. */
export interface AnswerFacts {
  region: string;
  date: string;
  birthDate?: string;
  age?: number;
  citizenship: 'KZ' | 'other';
  servedIn: string;
  diagnoses: readonly {
    code: string;
    registered: boolean;
    commission: readonly string[];
    verified: boolean;
    confirmed: boolean;
  }[];
}

/**
 * The engine's answer on facts as the register gives them (per patient, or shared by a group of
 * patients with the same facts); null where the engine does not take them. A diagnosis' facts are
 * compared with its commission INNs sorted: the engine takes them as a set.
 */
export function answerFromFacts(evaluate: Evaluate, facts: AnswerFacts): PatientAnswer | null {
  const answer = evaluate(facts);
  if (!answer.ok) return null;
  return {
    age: answer.result.age,
    person: `${facts.citizenship}|${facts.servedIn}`,
    diagnoses: new Map(
      facts.diagnoses.map((d) => [
        d.code,
        JSON.stringify({ ...d, commission: [...d.commission].sort() }),
      ]),
    ),
    items: answersByItem(answer.result.entitlements),
  };
}
