/**
 * `analytics.aggregate`: the need and budget estimate of a region and year
 * (docs/adr/0019-need-and-budget.md). Reads the register and the ledger in grouped queries,
 * asks the engine once per group of identical facts, and computes both methods
 * (src/analytics/need.ts). The answer holds counts and money only; the run is audited.
 */
import { z } from 'zod';
import {
  consumptionLine,
  monthsObserved,
  morbidityLine,
  totalOf,
  type ConsumptionLine,
  type MorbidityLine,
  type Total,
} from '../../analytics/need.ts';
import { IsoDate, isoDate, type IsoDate as Day } from '../../domain/date.ts';
import { inputIssues, type OpsResult } from '../../ops/issues.ts';
import type { Actor } from '../../ops/permissions.ts';
import type { ReferenceSource } from '../../domain/reference.ts';
import { EMPTY_REFERENCE, type ReferenceData } from '../../registry/reference.ts';
import { AuditedUseCases, type OpsDeps, type RequestContext } from '../ops/gate.ts';
import { daysFrom, populationLines, referenceFor, type RegisterCount } from './population.ts';

export const NeedQuery = z.strictObject({
  region: z.string().regex(/^KZ-\d{2}$/, 'expected a region code KZ-NN'),
  year: z.number().int().min(2000).max(2100),
  /** The day the engine is asked on (age, list edition, attachment, decisions); default 1 July. */
  census: IsoDate.optional(),
});

export interface NeedReport {
  region: string;
  year: number;
  census: Day;
  /** The part of the year the ledger covers: the whole year, or up to today. */
  observed: { from: Day; to: Day; months: number } | null;
  register: RegisterCount;
  morbidity: MorbidityLine[];
  totals: { entitled: Total; conditional: Total };
  consumption: ConsumptionLine[];
  sources: { path: string; kind: string; source: ReferenceSource }[];
}

export class NeedUseCases extends AuditedUseCases {
  private readonly reference: ReferenceData;

  constructor(deps: OpsDeps) {
    super(deps);
    this.reference = deps.reference ?? EMPTY_REFERENCE;
  }

  async need(actor: Actor, input: unknown, ctx: RequestContext): Promise<OpsResult<NeedReport>> {
    const parsed = NeedQuery.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const { region, year } = parsed.data;
    const gate = await this.gate(actor, 'analytics.aggregate', { region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    const law = this.deps.law?.();
    if (!law) throw new Error('analytics need the law (OpsDeps.law): configure it at assembly');
    const from = isoDate(`${year}-01-01`);
    const to = isoDate(`${year}-12-31`);
    const census = parsed.data.census ?? isoDate(`${year}-07-01`);
    const analytics = this.storage.analytics;

    const today = this.today();
    const observedTo = today < to ? today : to;
    const observing = observedTo >= from;
    // The three reads at once: they share nothing, and each is a statement of seconds at
    // national scale (docs/scale.md).
    const [groups, ledger, stockouts] = await Promise.all([
      analytics.registerGroups(region, from, to, census),
      observing ? analytics.ledgerMonths(region, from, observedTo) : [],
      observing ? analytics.outOfStock(region, from, observedTo, observedTo) : [],
    ]);
    const population = populationLines(groups, region, census, law.evaluate);
    const reference = referenceFor(this.reference, from, to);
    const morbidity = [...population.lines.values()].map((l) => morbidityLine(l, reference));

    let observed: NeedReport['observed'] = null;
    let consumption: ConsumptionLine[] = [];
    if (observing) {
      const days = daysFrom(from, observedTo);
      const months = monthsObserved(days, daysFrom(from, to));
      observed = { from, to: observedTo, months };
      const out = new Map(stockouts.map((s) => [s.productKey, s.days]));
      const byLine = new Map<
        string,
        { item: string; productKey: string; unit: string; monthly: number[] }
      >();
      for (const row of ledger) {
        const key = `${row.act}|${row.item}|${row.productKey}|${row.unit}`;
        const line = byLine.get(key) ?? {
          item: row.item,
          productKey: row.productKey,
          unit: row.unit,
          monthly: Array<number>(12).fill(0),
        };
        line.monthly[row.month - 1] = (line.monthly[row.month - 1] ?? 0) + row.quantity;
        byLine.set(key, line);
      }
      consumption = [...byLine.values()].map((l) =>
        consumptionLine({ ...l, daysOutOfStock: out.get(l.productKey) ?? 0 }, months),
      );
    }
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'analytics.aggregate', 'allowed', ctx, {
        detail: `need ${region} ${year} census ${census}`,
      }),
    );
    return {
      ok: true,
      value: {
        region,
        year,
        census,
        observed,
        register: population.register,
        morbidity,
        totals: {
          entitled: totalOf(morbidity, 'entitled'),
          conditional: totalOf(morbidity, 'conditional'),
        },
        consumption,
        sources: [
          ...reference.prices.map((r) => ({ path: r.path, kind: 'prices', source: r.file.source })),
          ...reference.doses.map((r) => ({ path: r.path, kind: 'doses', source: r.file.source })),
          ...reference.packs.map((r) => ({ path: r.path, kind: 'packs', source: r.file.source })),
        ],
      },
    };
  }
}
