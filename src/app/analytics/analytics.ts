/**
 * THE analytics use cases (docs/adr/0018-analytics.md, 0019-need-and-budget.md), the one entry
 * every client calls — CLI, HTTP API and staff web: the impact of a list change, coverage gaps,
 * the need and budget estimate, and the what-if of a draft list. Each analysis lives in its own
 * module (register.ts, need.ts, whatif.ts); this class composes them over the same dependencies.
 * Each authorises through the one permission table and audits the run (a region-level read:
 * `analytics.aggregate`, or `analytics.patients` where a list names patients).
 */
import { z } from 'zod';
import { IsoDate, type IsoDate as Day } from '../../domain/date.ts';
import { fail, inputIssues, type OpsResult } from '../../ops/issues.ts';
import type { Actor } from '../../ops/permissions.ts';
import type { Registry } from '../../registry/registry.ts';
import type { AnalyticsStorage } from '../../storage/analytics/port.ts';
import type { OpsDeps, RequestContext } from '../ops/gate.ts';
import { diffFor } from '../queries.ts';
import { readDraft, type DraftLaw } from '../whatif-draft.ts';
import { NeedUseCases, type NeedReport } from './need.ts';
import {
  RegisterAnalyticsUseCases,
  type AnalyticsDeps,
  type GapsAnswer,
  type ImpactAnswer,
} from './register.ts';
import { draftIssues, WhatIfUseCases, type DraftSource, type WhatIfReport } from './whatif.ts';

export type { AnalyticsDeps, GapsAnswer, ImpactAnswer, View } from './register.ts';
export { GapsQuery, ImpactQuery, VIEWS } from './register.ts';
export { NeedQuery, type NeedReport } from './need.ts';
export { WhatIfQuery, type WhatIfReport } from './whatif.ts';

/** A draft list file is at most this many bytes (a region's list is some tens of kilobytes). */
export const MAX_DRAFT_BYTES = 512 * 1024;

/** The what-if as a client sends it: the draft list file's text beside the region and date. */
export const WhatIfInput = z.strictObject({
  region: z.string().regex(/^KZ-\d{2}$/, 'expected a region code KZ-NN'),
  date: IsoDate,
  draft: z
    .string()
    .min(1, 'expected the text of a draft list file (YAML, the format of data/*/lists/*.yaml)')
    .refine((t) => Buffer.byteLength(t, 'utf8') <= MAX_DRAFT_BYTES, {
      message: `the draft is larger than ${MAX_DRAFT_BYTES} bytes`,
    }),
  /** The file's name, as issues name it; never a path on this machine. */
  name: z
    .string()
    .regex(/^[\w.-]{1,80}$/, 'expected a file name (letters, digits, ".", "-", "_")')
    .default('draft.yaml'),
});

export class AnalyticsUseCases {
  private readonly register: RegisterAnalyticsUseCases;
  private readonly needs: NeedUseCases;
  private readonly whatIfs: WhatIfUseCases;

  constructor(
    deps: OpsDeps,
    private readonly analytics: AnalyticsDeps,
  ) {
    this.register = new RegisterAnalyticsUseCases(deps, analytics);
    this.needs = new NeedUseCases(deps);
    this.whatIfs = new WhatIfUseCases(deps);
  }

  /** Who gains or loses an entitlement on a day, and why (counts; or patients, staff-only). */
  impact(actor: Actor, input: unknown, ctx: RequestContext): Promise<OpsResult<ImpactAnswer>> {
    return this.register.impact(actor, input, ctx);
  }

  /** Entitled patients with nothing dispensed in N months, and overdue deferrals. */
  gaps(actor: Actor, input: unknown, ctx: RequestContext): Promise<OpsResult<GapsAnswer>> {
    return this.register.gaps(actor, input, ctx);
  }

  /** Need and budget of a region's year: the morbidity method, the consumption method beside it. */
  need(actor: Actor, input: unknown, ctx: RequestContext): Promise<OpsResult<NeedReport>> {
    return this.needs.need(actor, input, ctx);
  }

  /**
   * The what-if of a draft list sent as text (`WhatIfInput`): read and checked against the
   * registry only once the actor may run it; never registered, cached or published.
   */
  async whatIf(
    actor: Actor,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<WhatIfReport>> {
    const parsed = WhatIfInput.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const { region, date, draft, name } = parsed.data;
    return this.whatIfs.whatIf(actor, { region, date }, this.draftReader(name, draft), ctx);
  }

  /** The what-if of a draft already read (the CLI reads a file and names it by its path). */
  whatIfOf(
    actor: Actor,
    input: unknown,
    draft: DraftSource,
    ctx: RequestContext,
  ): Promise<OpsResult<WhatIfReport>> {
    return this.whatIfs.whatIf(actor, input, draft, ctx);
  }

  /** Reads a draft's text against the registry, for a region and date (called after the gate). */
  draftReader(path: string, text: string): (region: string, date: Day) => OpsResult<DraftLaw> {
    return (code, date) => {
      const registry = this.analytics.registry?.();
      if (!registry) throw new Error('the what-if needs the registry (AnalyticsDeps.registry)');
      const region = registry.region(code);
      if (!region) return fail('OPS_INPUT', `region: tegin holds no list for ${code}`, ['region']);
      const read = readDraft({ registry, region, date, path, text });
      return read.ok
        ? { ok: true, value: read.draft }
        : { ok: false, issues: draftIssues(read.issues) };
    };
  }
}

/** The analytics over a registry (the diff and the what-if's checks both read it). */
export function analyticsOver(
  deps: OpsDeps,
  storage: AnalyticsStorage,
  registry: () => Registry,
  options: Pick<AnalyticsDeps, 'batchSize' | 'impactReading'> = {},
): AnalyticsUseCases {
  return new AnalyticsUseCases(deps, {
    ...options,
    storage,
    registry,
    diff: (code, from, to) => {
      const region = registry().region(code);
      return region ? diffFor(registry(), region, from, to) : null;
    },
  });
}
