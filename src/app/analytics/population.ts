/**
 * What the need estimate and the what-if's budget share: the register's groups turned into
 * population lines (the engine asked once per group of identical facts), and the reference
 * files in force for a period.
 */
import type { NeedReference, PopulationLine } from '../../analytics/need.ts';
import { routeOfForm } from '../../analytics/route.ts';
import type { IsoDate as Day } from '../../domain/date.ts';
import { basisItem } from '../../ops/prescribing.ts';
import type { RegisterGroup } from '../../storage/ops/analytics-port.ts';
import type { ReferenceData } from '../../registry/reference.ts';
import type { EvaluateAnswer } from '../queries.ts';

/** The registrations counted, without an item, and not evaluated. */
export interface RegisterCount {
  /** Registrations (a patient and a code) counted: each patient once per code. */
  registrations: number;
  /** Of them, those the engine answered for no item as entitled or conditional. */
  withoutItem: number;
  /** Those whose facts the engine could not take (reported, never counted in a line). */
  unevaluated: number;
}

type Evaluate = (facts: unknown) => EvaluateAnswer;

/** Days in [from, to], both included. */
export function daysFrom(from: Day, to: Day): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** The reference files whose dates overlap [from, to] (packs carry no dates: all). */
export function referenceFor(ref: ReferenceData, from: Day, to: Day): NeedReference {
  const overlaps = (a: { from: Day; to: Day | null }) =>
    a.from <= to && (a.to === null || a.to >= from);
  return {
    prices: ref.prices.filter((p) => overlaps(p.file.applies)),
    doses: ref.doses.filter((d) => overlaps(d.file.applies)),
    packs: ref.packs,
  };
}

/** The engine's question for a group of registrations with identical facts, on `date`. */
export function groupFacts(g: RegisterGroup, region: string, date: Day) {
  return {
    region,
    date,
    age: g.age,
    citizenship: g.citizen ? 'KZ' : 'other',
    servedIn: g.servedIn,
    diagnoses: [
      {
        code: g.icd10,
        registered: true,
        commission: g.commission,
        verified: g.confirmed,
        confirmed: g.confirmed,
      },
    ],
  };
}

/**
 * The engine asked once per group of identical facts: each entitled or conditional item adds the
 * group's patients and days to each of its products.
 */
export function populationLines(
  groups: readonly RegisterGroup[],
  region: string,
  census: Day,
  evaluate: Evaluate,
): { lines: Map<string, PopulationLine>; register: RegisterCount } {
  const lines = new Map<string, PopulationLine>();
  const register = { registrations: 0, withoutItem: 0, unevaluated: 0 };
  for (const g of groups) {
    register.registrations += g.patients;
    const answer = evaluate(groupFacts(g, region, census));
    if (!answer.ok) {
      register.unevaluated += g.patients;
      continue;
    }
    let counted = false;
    for (const e of answer.result.entitlements) {
      if (e.status !== 'entitled' && e.status !== 'conditional') continue;
      counted = true;
      const item = basisItem(e);
      for (const product of e.products) {
        const name = product.inn ?? product.name?.en ?? product.name?.ru ?? '(unnamed)';
        const key = `${e.basis.act}|${item}|${name}|${product.form?.en ?? ''}`;
        const line = lines.get(key) ?? {
          item,
          act: e.basis.act,
          itemProducts: e.products.length,
          product: { inn: product.inn, atc: product.atc, form: product.form?.en ?? null },
          route: routeOfForm(product.form?.en ?? null),
          entitled: { patients: 0, patientDays: 0 },
          conditional: { patients: 0, patientDays: 0 },
        };
        line[e.status].patients += g.patients;
        line[e.status].patientDays += g.patientDays;
        lines.set(key, line);
      }
    }
    if (!counted) register.withoutItem += g.patients;
  }
  return { lines, register };
}
