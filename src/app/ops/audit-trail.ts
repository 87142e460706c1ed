/**
 * The auditor's screens (issue 12, item 6): the regions an account audits, a search of the
 * region's audit trail (set-based in the storage, newest first, paged by sequence), a patient
 * named by IIN resolved to the internal id the trail holds (the IIN is never recorded or
 * returned), and the exports of a search, read page by page as the client streams them. Each
 * search, lookup and export is itself audited, with the filter in internal ids.
 */
import { Iin } from '../../ops/model.ts';
import type { AuditRecord } from '../../ops/audit.ts';
import {
  AuditFilter,
  auditQueryOf,
  describeFilter,
  type AuditFilter as Filter,
} from '../../ops/audit-search.ts';
import { fail, inputIssues, type OpsResult } from '../../ops/issues.ts';
import type { Actor } from '../../ops/permissions.ts';
import { RegionCode } from '../../domain/region.ts';
import type { RequestContext } from './gate.ts';
import { RegionDeskUseCases } from './region-desk.ts';

/** Records on one page of the search. */
export const AUDIT_SEARCH_PAGE = 50;
/** Records read at a time while an export streams. */
const EXPORT_CHUNK = 500;

export type ExportFormat = 'csv' | 'fhir';

export interface AuditSearchPage {
  filter: Filter;
  records: AuditRecord[];
  /** The `before` of the next (older) page, or null when this is the last. */
  next: number | null;
}

export class AuditTrailUseCases extends RegionDeskUseCases {
  /** The regions where the actor may read the audit, or the refusal, audited. */
  regions(actor: Actor, ctx: RequestContext): Promise<OpsResult<string[]>> {
    return this.regionsFor(actor, 'audit.read', ctx);
  }

  private parse(region: string, input: unknown): OpsResult<Filter> {
    if (!RegionCode.safeParse(region).success) {
      return fail('OPS_INPUT', 'region: expected a code such as KZ-27', ['region']);
    }
    const parsed = AuditFilter.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const { from, to } = parsed.data;
    if (from && to && to < from) return fail('OPS_INPUT', 'to: before from', ['to']);
    return { ok: true, value: parsed.data };
  }

  /** One page of the region's records matching `input` (an AuditFilter), older than `before`. */
  async search(
    actor: Actor,
    region: string,
    input: unknown,
    before: number | null,
    ctx: RequestContext,
  ): Promise<OpsResult<AuditSearchPage>> {
    const filter = this.parse(region, input);
    if (!filter.ok) return filter;
    if (before !== null && (!Number.isInteger(before) || before < 1)) {
      return fail('OPS_INPUT', 'before: expected a sequence number', ['before']);
    }
    const gate = await this.gate(actor, 'audit.read', { region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    const page = { before, limit: AUDIT_SEARCH_PAGE + 1 };
    const found = await this.storage.searchAudit(auditQueryOf(region, filter.value, page));
    const records = found.slice(0, AUDIT_SEARCH_PAGE);
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'audit.read', 'allowed', ctx, {
        patientRef: filter.value.patient ?? null,
        detail: `search ${describeFilter(region, filter.value)}${before ? ` before ${before}` : ''}`,
      }),
    );
    const next = found.length > AUDIT_SEARCH_PAGE ? (records.at(-1)?.sequence ?? null) : null;
    return { ok: true, value: { filter: filter.value, records, next } };
  }

  /**
   * The internal id of the patient with this IIN, to search the trail by; audited with the id,
   * never the IIN. Not found is audited as failed.
   */
  async patientByIin(
    actor: Actor,
    region: string,
    iin: string,
    ctx: RequestContext,
  ): Promise<OpsResult<string>> {
    const gate = await this.gate(actor, 'audit.read', { region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    const parsed = Iin.safeParse(iin);
    if (!parsed.success) return fail('OPS_INPUT', 'iin: not a valid IIN', ['iin']);
    const id = await this.storage.patientIdByIin(parsed.data);
    if (id === null) return this.failed(actor, gate.decision, 'audit.read', ctx, null, 'iin');
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'audit.read', 'allowed', ctx, {
        patientRef: id,
        detail: `patient lookup ${region}`,
      }),
    );
    return { ok: true, value: id };
  }

  /**
   * Every record of the region matching `input`, newest first, as pages the caller pulls while
   * it streams them out; the export is audited once, before the first page is read.
   */
  async export(
    actor: Actor,
    region: string,
    input: unknown,
    format: ExportFormat,
    ctx: RequestContext,
  ): Promise<OpsResult<{ filter: Filter; pages: AsyncIterable<AuditRecord[]> }>> {
    const filter = this.parse(region, input);
    if (!filter.ok) return filter;
    const gate = await this.gate(actor, 'audit.read', { region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'audit.read', 'allowed', ctx, {
        patientRef: filter.value.patient ?? null,
        detail: `export ${format} ${describeFilter(region, filter.value)}`,
      }),
    );
    const storage = this.storage;
    const chosen = filter.value;
    async function* pages(): AsyncIterable<AuditRecord[]> {
      let before: number | null = null;
      for (;;) {
        const page = await storage.searchAudit(
          auditQueryOf(region, chosen, { before, limit: EXPORT_CHUNK }),
        );
        if (page.length > 0) yield page;
        const last = page.at(-1);
        if (page.length < EXPORT_CHUNK || !last) return;
        before = last.sequence;
      }
    }
    return { ok: true, value: { filter: filter.value, pages: pages() } };
  }
}
