/**
 * The register analyses (docs/adr/0018-analytics.md), behind the one AnalyticsUseCases
 * (./analytics.ts): the impact of a list change on the
 * register, and coverage gaps. Each is an operation of the one permission table:
 * `analytics.aggregate` (counts, small cells suppressed, no patient: publishable) or
 * `analytics.patients` (lists naming patients by internal id: staff-only). Every run is audited;
 * a list records each patient it lists, in the same transaction as the run's own record.
 */
import { z } from 'zod';
import { addDays, IsoDate } from '../../domain/date.ts';
import type { Diff } from '../../domain/diff.ts';
import { fail, inputIssues, type OpsResult } from '../../ops/issues.ts';
import type { Actor, Decision, Operation } from '../../ops/permissions.ts';
import type { AuditEntry } from '../../ops/audit.ts';
import { GapAnalysis, type Gaps } from '../../analytics/gaps.ts';
import { ImpactAnalysis, type Impact } from '../../analytics/impact.ts';
import type { Evaluate } from '../../analytics/items.ts';
import {
  DEFAULT_THRESHOLD,
  publishGaps,
  publishImpact,
  type PublishedGaps,
  type PublishedImpact,
} from '../../analytics/publish.ts';
import type { AnalyticsStorage } from '../../storage/analytics/port.ts';
import type { Registry } from '../../registry/registry.ts';
import { AuditedUseCases, type OpsDeps, type RequestContext } from '../ops/gate.ts';

export const VIEWS = ['aggregate', 'patients'] as const;
export type View = (typeof VIEWS)[number];

const OPERATION_OF: Record<View, Operation> = {
  aggregate: 'analytics.aggregate',
  patients: 'analytics.patients',
};

const Common = {
  region: z.string().regex(/^KZ-\d{2}$/, 'expected a region code such as KZ-27'),
  view: z.enum(VIEWS).default('aggregate'),
  /** Counts from 1 to threshold − 1 are suppressed in the aggregate view. */
  threshold: z.number().int().min(2).max(100).default(DEFAULT_THRESHOLD),
};

export const ImpactQuery = z.strictObject({ ...Common, date: IsoDate });
export type ImpactQuery = z.input<typeof ImpactQuery>;

export const GapsQuery = z.strictObject({
  ...Common,
  on: IsoDate,
  months: z.number().int().min(1).max(24).default(3),
});
export type GapsQuery = z.input<typeof GapsQuery>;

export type ImpactAnswer =
  { view: 'patients'; impact: Impact } | { view: 'aggregate'; impact: PublishedImpact };
export type GapsAnswer =
  { view: 'patients'; gaps: Gaps } | { view: 'aggregate'; gaps: PublishedGaps };

export interface AnalyticsDeps {
  storage: AnalyticsStorage;
  /** The diff of a region's list between two dates; null for a region tegin does not know. */
  diff(region: string, from: IsoDate, to: IsoDate): Diff | null;
  /** Patients read per batch (memory is bounded by it, not by the region). */
  batchSize?: number;
  /**
   * How impact reads the register: `grouped` (default: patients with the same facts grouped in
   * the database, the engine asked once per group) or `per-patient` (every patient's records
   * read in batches and evaluated one by one: the straightforward way, kept to check the other).
   */
  impactReading?: 'grouped' | 'per-patient';
  /** The registry the what-if reads a draft against (its schema and cross-file checks). */
  registry?: () => Registry;
}

export class RegisterAnalyticsUseCases extends AuditedUseCases {
  private readonly analytics: AnalyticsDeps;

  constructor(deps: OpsDeps, analytics: AnalyticsDeps) {
    super(deps);
    this.analytics = analytics;
  }

  private evaluate(): Evaluate {
    const law = this.deps.law?.();
    if (!law) throw new Error('analytics need the law (OpsDeps.law): configure it');
    return (facts) => law.evaluate(facts);
  }

  private get batchSize(): number {
    return this.analytics.batchSize ?? 5000;
  }

  async impact(
    actor: Actor,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<ImpactAnswer>> {
    const parsed = ImpactQuery.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const q = parsed.data;
    const operation = OPERATION_OF[q.view];
    const gate = await this.gate(actor, operation, { region: q.region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    const before = addDays(q.date, -1);
    const diff = this.analytics.diff(q.region, before, q.date);
    if (!diff) return fail('OPS_INPUT', `region: tegin holds no list for ${q.region}`, ['region']);
    const { storage } = this.analytics;
    const analysis = new ImpactAnalysis({
      region: q.region,
      date: q.date,
      diff,
      evaluate: this.evaluate(),
    });
    if ((this.analytics.impactReading ?? 'grouped') === 'grouped') {
      const withIds = q.view === 'patients';
      for await (const groups of storage.impactGroups(q.region, before, q.date, withIds)) {
        analysis.addGroups(groups);
      }
    } else {
      for await (const batch of storage.registers(q.region, before, q.date, this.batchSize)) {
        const ids = batch.map((p) => p.id);
        const byPatient = groupBy(
          await storage.activePrescriptions(ids, q.region, q.date),
          (rx) => rx.patientId,
        );
        analysis.add(batch.map((p) => ({ ...p, prescriptions: byPatient.get(p.id) ?? [] })));
      }
    }
    const impact = analysis.finish();
    const what = `impact ${q.region} ${q.date}`;
    if (q.view === 'patients') {
      const listed = [...impact.changes, ...impact.prescriptions].map((c) => c.patientId);
      await this.record(actor, gate.decision, operation, ctx, what, listed);
      return { ok: true, value: { view: 'patients', impact } };
    }
    await this.record(actor, gate.decision, operation, ctx, `${what} threshold ${q.threshold}`, []);
    return { ok: true, value: { view: 'aggregate', impact: publishImpact(impact, q.threshold) } };
  }

  async gaps(actor: Actor, input: unknown, ctx: RequestContext): Promise<OpsResult<GapsAnswer>> {
    const parsed = GapsQuery.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const q = parsed.data;
    const operation = OPERATION_OF[q.view];
    const gate = await this.gate(actor, operation, { region: q.region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    if (!this.analytics.diff(q.region, q.on, q.on)) {
      return fail('OPS_INPUT', `region: tegin holds no list for ${q.region}`, ['region']);
    }
    const { storage } = this.analytics;
    const analysis = new GapAnalysis({
      region: q.region,
      on: q.on,
      months: q.months,
      evaluate: this.evaluate(),
    });
    for await (const batch of storage.registers(q.region, q.on, q.on, this.batchSize)) {
      const ids = batch.map((p) => p.id);
      const [dispensed, overdue] = await Promise.all([
        storage.dispensedItems(ids, analysis.since, q.on),
        storage.overdueDeferrals(ids, q.on),
      ]);
      const overdueOf = groupBy(overdue, (d) => d.patientId);
      analysis.add(
        batch.map((p) => ({
          ...p,
          dispensed: dispensed.get(p.id) ?? new Set<string>(),
          overdue: overdueOf.get(p.id) ?? [],
        })),
      );
    }
    const gaps = analysis.finish();
    const what = `gaps ${q.region} ${q.on} months ${q.months}`;
    if (q.view === 'patients') {
      const listed = [...gaps.gaps, ...gaps.deferrals].map((g) => g.patientId);
      await this.record(actor, gate.decision, operation, ctx, what, listed);
      return { ok: true, value: { view: 'patients', gaps } };
    }
    await this.record(actor, gate.decision, operation, ctx, `${what} threshold ${q.threshold}`, []);
    return { ok: true, value: { view: 'aggregate', gaps: publishGaps(gaps, q.threshold) } };
  }

  /**
   * The run's record (detail: what was asked, and how many patients were listed), then one
   * record per patient listed (provision.md: a search that returns several patients records
   * each), in one transaction.
   */
  private async record(
    actor: Actor,
    decision: Decision,
    operation: Operation,
    ctx: RequestContext,
    what: string,
    listed: readonly string[],
  ): Promise<void> {
    const patients = [...new Set(listed)];
    const detail = operation === 'analytics.patients' ? `${what} listed ${patients.length}` : what;
    const entries: AuditEntry[] = [
      this.entry(actor, decision, operation, 'allowed', ctx, { detail }),
    ];
    for (const patientRef of patients) {
      entries.push(
        this.entry(actor, decision, operation, 'allowed', ctx, { patientRef, detail: what }),
      );
    }
    await this.analytics.storage.appendAudits(entries);
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}
