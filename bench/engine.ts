/**
 * Entitlement engine throughput on a synthetic population, against
 * (a) the same rules written for json-rules-engine and (b) a floor of bare
 * Map lookups, all measured in this run. Also checks, on a sample, that the
 * engine and the json-rules-engine rules give the same statuses.
 */
import {
  Engine as RulesEngine,
  type ConditionProperties,
  type RuleProperties,
} from 'json-rules-engine';
import { icd10Covers, type Icd10Code } from '../src/domain/codes.ts';
import { isoDate } from '../src/domain/date.ts';
import { isInForceOn, type Effective } from '../src/domain/effective.ts';
import { Engine, type EntitlementStatus } from '../src/domain/engine.ts';
import { resolvePatient, type ResolvedPatient } from '../src/domain/patient.ts';
import type { Registry } from '../src/registry/registry.ts';
import { mulberry32 } from '../src/ops/demo/random.ts';

export interface Facts {
  region: string;
  date: string;
  age: number;
  diagnoses: string[];
  registered: boolean;
  commission: boolean;
  verified: boolean;
  confirmed: boolean;
}

/** A small seeded PRNG (mulberry32), so every run draws the same population. */
export function population(registry: Registry, size: number, seed = 42): Facts[] {
  const next = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const listed = [
    ...new Set(
      registry.versions.flatMap((v) =>
        v.list.sections.flatMap((s) =>
          s.items.flatMap((i) =>
            i.status === 'in_force'
              ? [...i.diagnosis.icd10, ...(i.diagnosis.mapping.alternatives ?? [])]
              : [],
          ),
        ),
      ),
    ),
  ];
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const code = (): string => {
    if (next() < 0.7) {
      const c = pick(listed);
      return c.length === 3 && next() < 0.5 ? `${c}.${Math.floor(next() * 10)}` : c;
    }
    return `${pick([...letters])}${String(Math.floor(next() * 100)).padStart(2, '0')}`;
  };
  const dates = [
    '2025-06-01',
    '2025-12-31',
    '2026-01-01',
    '2026-03-15',
    '2026-06-30',
    '2026-11-24',
  ];
  return Array.from({ length: size }, () => ({
    region: pick(['KZ-27', 'KZ-35']),
    date: pick(dates),
    age: Math.floor(next() * 91),
    diagnoses: Array.from({ length: 1 + Math.floor(next() * 3) }, code),
    registered: next() < 0.8,
    commission: next() < 0.3,
    verified: next() < 0.5,
    confirmed: next() < 0.5,
  }));
}

export function resolveAll(registry: Registry, facts: Facts[]): ResolvedPatient[] {
  return facts.map((f) => {
    const resolved = resolvePatient(
      {
        region: f.region,
        date: f.date,
        age: f.age,
        diagnoses: f.diagnoses.map((code) => ({
          code,
          registered: f.registered,
          commission: f.commission,
          verified: f.verified,
          confirmed: f.confirmed,
        })),
      },
      (key) => registry.region(key),
    );
    if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
    return resolved.patient;
  });
}

/** The same rules, written the way a team would for json-rules-engine: a few rules per list item. */
export function rulesEngine(registry: Registry): RulesEngine {
  const engine = new RulesEngine([], { allowUndefinedFacts: true });
  const covers = (codes: string[], listed: string[]) =>
    codes.some((c) => listed.some((l) => icd10Covers(l as Icd10Code, c as Icd10Code)));
  engine.addOperator('coversAny', (codes: string[], listed: string[]) => covers(codes, listed));
  engine.addOperator(
    'coversOnlyAlternatives',
    (codes: string[], v: { main: string[]; alt: string[] }) =>
      codes.some((c) => !covers([c], v.main) && covers([c], v.alt)),
  );
  engine.addOperator(
    'inForce',
    (date: string, e: Effective) => isInForceOn(e, isoDate(date)) === 'yes',
  );
  engine.addOperator(
    'notInForce',
    (date: string, e: Effective) => isInForceOn(e, isoDate(date)) !== 'yes',
  );
  for (const version of registry.versions) {
    const region = { fact: 'region', operator: 'equal', value: version.list.region };
    for (const section of version.list.sections) {
      for (const item of section.items) {
        if (item.status !== 'in_force') continue;
        const key = `${version.list.region}:${section.number}.${item.number}`;
        const main = [...item.diagnosis.icd10];
        const all = [...main, ...(item.diagnosis.mapping.alternatives ?? [])];
        const age = item.population.age;
        const ageFail =
          age === 'children'
            ? { fact: 'age', operator: 'greaterThanInclusive', value: 18 }
            : { fact: 'age', operator: 'lessThan', value: 18 };
        const ageOk =
          age === 'children'
            ? [{ fact: 'age', operator: 'lessThan', value: 18 }]
            : age === 'adults'
              ? [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }]
              : [];
        const inForce = { fact: 'date', operator: 'inForce', value: version.effective };
        const rule = (
          status: EntitlementStatus,
          conditions: RuleProperties['conditions'],
        ): RuleProperties => ({
          conditions,
          event: { type: status, params: { key } },
        });
        const rules: RuleProperties[] = [
          rule('unknown', {
            all: [
              region,
              { fact: 'diagnoses', operator: 'coversAny', value: all },
              ...ageOk,
              { fact: 'date', operator: 'notInForce', value: version.effective },
            ],
          }),
        ];
        if (age !== 'all') {
          rules.push(
            rule('not_entitled', {
              all: [region, { fact: 'diagnoses', operator: 'coversAny', value: all }, ageFail],
            }),
          );
        }
        // A code broader than the words, an alternative, or words requiring more: confirmation.
        const relation = (c: string) =>
          item.diagnosis.scope?.find((s) => s.code === c)?.relation ?? 'exact';
        const plain = item.diagnosis.requires
          ? []
          : main.filter((c) => relation(c) === 'exact' || relation(c) === 'part');
        const guarded = main.filter((c) => !plain.includes(c));
        const unconfirmed = { fact: 'confirmed', operator: 'equal', value: false };
        const matches: [ConditionProperties[], boolean][] = [
          [[{ fact: 'diagnoses', operator: 'coversAny', value: plain }], false],
          [[{ fact: 'diagnoses', operator: 'coversAny', value: guarded }], true],
          [
            [
              {
                fact: 'diagnoses',
                operator: 'coversOnlyAlternatives',
                value: { main, alt: all },
              },
            ],
            true,
          ],
        ];
        for (const [match, confirm] of matches) {
          const matched = [region, ...match, ...ageOk, inForce];
          if (item.products.every((p) => p.innAbsent === 'name_missing')) {
            rules.push(rule('unknown', { all: matched }));
            continue;
          }
          const unmet = confirm ? [unconfirmed] : [];
          if (item.population.dispensaryRegistration === 'required')
            unmet.push({ fact: 'registered', operator: 'equal', value: false });
          if (item.indication.conditions.includes('commission_decision'))
            unmet.push({ fact: 'commission', operator: 'equal', value: false });
          if (item.indication.conditions.includes('verified_diagnosis'))
            unmet.push({ fact: 'verified', operator: 'equal', value: false });
          if (item.indication.conditions.includes('other')) {
            // Wording the engine cannot evaluate: always conditional on it.
            rules.push(rule('conditional', { all: matched }));
          } else if (unmet.length > 0) {
            rules.push(rule('conditional', { all: [...matched, { any: unmet }] }));
            rules.push(
              rule('entitled', {
                all: [...matched, ...unmet.map((u) => ({ ...u, operator: 'notEqual' }))],
              }),
            );
          } else rules.push(rule('entitled', { all: matched }));
        }
        for (const r of rules) engine.addRule(r);
      }
    }
  }
  return engine;
}

const RANK: Record<string, number> = { entitled: 3, conditional: 2, unknown: 1, not_entitled: 0 };

/** `region:section.item=status`, keeping the best status per item, as the engine does. */
export function summarise(pairs: { key: string; status: string }[]): string[] {
  const best = new Map<string, string>();
  for (const { key, status } of pairs) {
    const current = best.get(key);
    if (current === undefined || (RANK[status] ?? 0) > (RANK[current] ?? 0)) best.set(key, status);
  }
  return [...best].map(([k, s]) => `${k}=${s}`).sort();
}

export function engineSummary(engine: Engine, patient: ResolvedPatient): string[] {
  const result = engine.evaluate(patient);
  return summarise(
    result.entitlements.map((e) => ({
      key: `${e.region}:${e.basis.section}.${e.item}`,
      status: e.status,
    })),
  );
}

export async function rulesSummary(engine: RulesEngine, facts: Facts): Promise<string[]> {
  const { events } = await engine.run({ ...facts });
  return summarise(events.map((e) => ({ key: String(e.params?.key), status: e.type })));
}

/** A floor: per diagnosis one Map lookup and a prefix test per candidate, no legal logic. */
export function mapFloor(registry: Registry): (p: ResolvedPatient) => number {
  const index = new Map<string, Icd10Code[]>();
  for (const v of registry.versions) {
    for (const s of v.list.sections) {
      for (const i of s.items) {
        if (i.status !== 'in_force') continue;
        for (const c of i.diagnosis.icd10) {
          const key = `${v.list.region}:${c.slice(0, 3)}`;
          index.set(key, [...(index.get(key) ?? []), c]);
        }
      }
    }
  }
  return (p) => {
    let hits = 0;
    for (const d of p.diagnoses) {
      for (const c of index.get(`${p.region.code}:${d.code.slice(0, 3)}`) ?? [])
        if (d.code.startsWith(c)) hits++;
    }
    return hits;
  };
}
