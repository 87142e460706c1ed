/**
 * The operations use cases, shared by the CLI now and the API later: each asks
 * `authorize` (the one permission table), audits the outcome — a refusal too —
 * and writes patients' data in one transaction with its audit record.
 */
import type { AuditRecord } from '../../ops/audit.ts';
import type { ChainCheck } from '../../ops/audit-check.ts';
import { fail, failFor, inputIssues, type OpsResult } from '../../ops/issues.ts';
import { Organisation, organisationId } from '../../ops/model.ts';
import type { Actor } from '../../ops/permissions.ts';
import { AccountUseCases } from './accounts.ts';
import { AdministrationUseCases } from './administration.ts';
import { AuditTrailUseCases } from './audit-trail.ts';
import { DeskUseCases } from './desks.ts';
import { DispensingUseCases } from './dispensing.ts';
import { AuditedUseCases, type OpsDeps, type RequestContext } from './gate.ts';
import { PatientUseCases } from './patients.ts';
import { PrescriptionUseCases } from './prescriptions.ts';
import { RegisterUseCases } from './register.ts';

export type { OpsDeps, RequestContext } from './gate.ts';

export class OpsService extends AuditedUseCases {
  readonly accounts: AccountUseCases;
  readonly patients: PatientUseCases;
  /** The dispensary register and commission decisions (docs/adr/0012-clinical-records.md). */
  readonly register: RegisterUseCases;
  readonly prescriptions: PrescriptionUseCases;
  readonly dispensing: DispensingUseCases;
  /** What the staff screens add: desks, work lists, the engine beside the records (issue 12). */
  readonly desks: DeskUseCases;
  /** The region administrator's screens: accounts of a region, its parameters (issue 12). */
  readonly administration: AdministrationUseCases;
  /** The auditor's screens: search and export the region's audit trail (issue 12). */
  readonly auditTrail: AuditTrailUseCases;

  constructor(deps: OpsDeps) {
    super(deps);
    this.accounts = new AccountUseCases(deps);
    this.patients = new PatientUseCases(deps);
    this.register = new RegisterUseCases(deps);
    this.prescriptions = new PrescriptionUseCases(deps);
    this.dispensing = new DispensingUseCases(deps);
    this.desks = new DeskUseCases(deps);
    this.administration = new AdministrationUseCases(deps);
    this.auditTrail = new AuditTrailUseCases(deps);
  }

  async createOrganisation(
    actor: Actor,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<Organisation>> {
    const parsed = Organisation.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const org = parsed.data;
    const gate = await this.gate(
      actor,
      'organisation.create',
      { region: org.region, organisation: null },
      ctx,
    );
    if (!gate.ok) return gate;
    const id = organisationId(org);
    const created = await this.storage.createOrganisation(
      org,
      this.entry(actor, gate.decision, 'organisation.create', 'allowed', ctx, { detail: id }),
    );
    if (created === 'exists') {
      await this.storage.appendAudit(
        this.entry(actor, gate.decision, 'organisation.create', 'failed', ctx, {
          detail: 'exists',
        }),
      );
      return failFor('OPS_CONFLICT', ['code'], 'organisation_exists', { id });
    }
    return { ok: true, value: org };
  }

  async listOrganisations(
    actor: Actor,
    region: string,
    ctx: RequestContext,
  ): Promise<OpsResult<Organisation[]>> {
    const gate = await this.gate(actor, 'organisation.list', { region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    return { ok: true, value: await this.storage.listOrganisations(region) };
  }

  /**
   * Verifies the audit chains; the check itself is audited after it ran. A chain that verifies
   * is anchored (every shard's head committed), so a tail cut later shows at the next verify.
   */
  async verifyAudit(
    actor: Actor,
    region: string,
    ctx: RequestContext,
  ): Promise<OpsResult<ChainCheck>> {
    const gate = await this.gate(actor, 'audit.verify', { region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    const check = await this.storage.verifyAuditChain();
    const entry = this.entry(
      actor,
      gate.decision,
      'audit.verify',
      check.ok ? 'allowed' : 'failed',
      ctx,
      {
        detail: check.ok
          ? `heads ${check.head.shards.map((h) => h.position).join(',')}`
          : `broken at ${check.shard ?? 'anchor'}:${check.position}`,
      },
    );
    if (check.ok) await this.storage.anchorAudit(entry.at);
    await this.storage.appendAudit(entry);
    return { ok: true, value: check };
  }

  /**
   * Audit records of a region's organisations, for its auditor; the reading
   * itself is audited. At most 1,000 a page.
   */
  async readAudit(
    actor: Actor,
    region: string,
    page: { after: number; limit: number },
    ctx: RequestContext,
  ): Promise<OpsResult<AuditRecord[]>> {
    if (!Number.isInteger(page.after) || page.after < 0) {
      return fail('OPS_INPUT', 'after: expected a sequence number, 0 or more', ['after']);
    }
    if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 1000) {
      return fail('OPS_INPUT', 'limit: expected 1 to 1000', ['limit']);
    }
    const gate = await this.gate(actor, 'audit.read', { region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    const records = await this.storage.auditPageForRegion(region, page.after, page.limit);
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'audit.read', 'allowed', ctx, {
        detail: `${region} after ${page.after}`,
      }),
    );
    return { ok: true, value: records };
  }
}
