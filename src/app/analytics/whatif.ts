/**
 * `analytics.aggregate`: what a draft list decision would change for the register of a region on
 * a date — who gains an entitlement and who loses one, counted by item and by diagnosis, never
 * naming a patient. The register is read grouped (src/storage/ops/analytics-port.ts
 * `registerGroups`, the same facts src/ops/facts.ts builds for one patient), the engine is asked
 * once per group with the law in force and once with the draft (src/app/whatif-draft.ts).
 * Beside the counts, the budget: packs and cost of the year by the morbidity method, with the law
 * and with the draft (./budget.ts). The draft is read only after the gate. Audited like the need
 * estimate.
 */
import { z } from 'zod';
import { IsoDate, isoDate, type IsoDate as Day } from '../../domain/date.ts';
import type { EngineResult } from '../../domain/engine.ts';
import type { DataIssue } from '../../domain/issues.ts';
import { inputIssues, type OpsIssue, type OpsResult } from '../../ops/issues.ts';
import type { Actor } from '../../ops/permissions.ts';
import { EMPTY_REFERENCE } from '../../registry/reference.ts';
import type { DraftLaw } from '../whatif-draft.ts';
import type { EvaluateAnswer } from '../queries.ts';
import { AuditedUseCases, type RequestContext } from '../ops/gate.ts';
import { compareBudgets, type WhatIfBudget } from './budget.ts';
import { groupFacts, referenceFor } from './population.ts';

/** The draft, read and checked (src/app/whatif-draft.ts) only once the actor may run it. */
export type DraftSource = DraftLaw | ((region: string, date: Day) => OpsResult<DraftLaw>);

/** A draft's data issues as input issues of the field that carried it (`draft`). */
export function draftIssues(issues: readonly DataIssue[]): OpsIssue[] {
  return issues.map((i) => ({
    code: 'OPS_INPUT',
    path: ['draft', ...i.path],
    message: `draft: line ${i.line ?? 1}: ${i.path.join('.') || 'file'}: ${i.message}`,
  }));
}

export const WhatIfQuery = z.strictObject({
  region: z.string().regex(/^KZ-\d{2}$/, 'expected a region code KZ-NN'),
  date: IsoDate,
});

const GRANTS = ['entitled', 'conditional'] as const;
type Standing = 'entitled' | 'conditional' | 'none';

export interface WhatIfCount {
  /** `section.item` of the list, or an ICD-10 code. */
  key: string;
  gained: number;
  lost: number;
  /** Entitled ↔ conditional: still an entitlement, on other terms. */
  changed: number;
}

export interface WhatIfReport {
  region: string;
  date: string;
  draft: { path: string; act: string; edition: string; amendedBy: string[] };
  /** Registrations (a patient and a code) on the register on the date. */
  registrations: number;
  /** Registrations with at least one item gained / with every entitlement lost. */
  gainedAny: number;
  lostAll: number;
  unevaluated: number;
  byItem: WhatIfCount[];
  byDiagnosis: WhatIfCount[];
  /** Packs and cost of the date's year, with the law and with the draft. */
  budget: WhatIfBudget;
}

export class WhatIfUseCases extends AuditedUseCases {
  async whatIf(
    actor: Actor,
    input: unknown,
    source: DraftSource,
    ctx: RequestContext,
  ): Promise<OpsResult<WhatIfReport>> {
    const parsed = WhatIfQuery.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const { region, date } = parsed.data;
    const gate = await this.gate(actor, 'analytics.aggregate', { region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    const law = this.deps.law?.();
    if (!law) throw new Error('the what-if needs the law (OpsDeps.law): configure it at assembly');
    let draft: DraftLaw;
    if (typeof source === 'function') {
      const read = source(region, date);
      if (!read.ok) return read;
      draft = read.value;
    } else draft = source;
    const groups = await this.storage.analytics.registerGroups(region, date, date, date);
    const byItem = new Map<string, WhatIfCount>();
    const byDiagnosis = new Map<string, WhatIfCount>();
    const count = (map: Map<string, WhatIfCount>, key: string) => {
      let c = map.get(key);
      if (!c) map.set(key, (c = { key, gained: 0, lost: 0, changed: 0 }));
      return c;
    };
    const report = { registrations: 0, gainedAny: 0, lostAll: 0, unevaluated: 0 };
    for (const g of groups) {
      report.registrations += g.patients;
      const facts = groupFacts(g, region, date);
      const before = standings(law.evaluate(facts));
      const after = standings(draft.evaluate(facts));
      if (!before || !after) {
        report.unevaluated += g.patients;
        continue;
      }
      let gained = false;
      for (const key of new Set([...before.keys(), ...after.keys()])) {
        const was = before.get(key) ?? 'none';
        const now = after.get(key) ?? 'none';
        if (was === now) continue;
        const field = was === 'none' ? 'gained' : now === 'none' ? 'lost' : 'changed';
        if (field === 'gained') gained = true;
        count(byItem, key)[field] += g.patients;
        count(byDiagnosis, g.icd10)[field] += g.patients;
      }
      if (gained) report.gainedAny += g.patients;
      if (before.size > 0 && after.size === 0) report.lostAll += g.patients;
    }
    const year = Number(date.slice(0, 4));
    const [from, to] = [isoDate(`${year}-01-01`), isoDate(`${year}-12-31`)];
    const budget = compareBudgets({
      groups: await this.storage.analytics.registerGroups(region, from, to, date),
      region,
      census: date,
      year,
      law: law.evaluate,
      draft: draft.evaluate,
      reference: referenceFor(this.deps.reference ?? EMPTY_REFERENCE, from, to),
    });
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'analytics.aggregate', 'allowed', ctx, {
        detail: `whatif ${region} ${date} draft ${draft.path}`,
      }),
    );
    const sorted = (m: Map<string, WhatIfCount>) =>
      [...m.values()].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
    return {
      ok: true,
      value: {
        region,
        date,
        draft: {
          path: draft.path,
          act: draft.list.act,
          edition: draft.list.edition,
          amendedBy: [...draft.list.amendedBy],
        },
        ...report,
        byItem: sorted(byItem),
        byDiagnosis: sorted(byDiagnosis),
        budget,
      },
    };
  }
}

/** Each item's best standing (entitled over conditional); null where the facts were refused. */
function standings(answer: EvaluateAnswer): Map<string, Standing> | null {
  if (!answer.ok) return null;
  const result: EngineResult = answer.result;
  const map = new Map<string, Standing>();
  for (const e of result.entitlements) {
    if (!(GRANTS as readonly string[]).includes(e.status)) continue;
    const key = `${e.basis.section}.${e.item}`;
    if (map.get(key) !== 'entitled') map.set(key, e.status as Standing);
  }
  return map;
}
