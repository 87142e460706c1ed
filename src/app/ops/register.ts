/**
 * The dispensary register and commission decisions: registering a patient for a disease,
 * closing a registration, recording a decision or revoking one by a new decision, and reading a
 * patient's register. Each is authorised by the one permission table and audited (a refusal
 * too); a write and its audit record are one transaction. The audit names the internal ids and
 * reason codes only.
 */
import {
  CommissionDecisionInput,
  DeregistrationInput,
  RegistrationInput,
  type CommissionDecision,
  type DispensaryRegistration,
} from '../../ops/clinical.ts';
import { fail, failFor, inputIssues, type OpsResult } from '../../ops/issues.ts';
import type { Actor, Operation } from '../../ops/permissions.ts';
import { AuditedUseCases, type RequestContext } from './gate.ts';
import { accountOf, attachmentTarget } from './targets.ts';

export class RegisterUseCases extends AuditedUseCases {
  /** A specialist of `input.organisation` registers the patient for a code. */
  async register(
    actor: Actor,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<DispensaryRegistration>> {
    const parsed = RegistrationInput.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const r = parsed.data;
    const org = await this.storage.organisation(r.organisation);
    if (!org) return fail('OPS_NOT_FOUND', `no organisation ${r.organisation}`, ['organisation']);
    const op = 'registration.create';
    const target = { region: org.region, organisation: r.organisation };
    const gate = await this.gate(actor, op, target, ctx, r.patientId);
    if (!gate.ok) return gate;
    const patient = await this.storage.patient(r.patientId);
    if (!patient) return this.failed(actor, gate.decision, op, ctx, r.patientId, 'patientId');
    const registration: DispensaryRegistration = {
      ...r,
      id: this.newId(),
      specialist: accountOf(actor),
      to: null,
      deregistration: null,
    };
    const created = await this.storage.createRegistration(
      registration,
      this.entry(actor, gate.decision, op, 'allowed', ctx, {
        patientRef: r.patientId,
        detail: registration.id,
      }),
    );
    if (created === 'exists') {
      await this.storage.appendAudit(
        this.entry(actor, gate.decision, op, 'failed', ctx, {
          patientRef: r.patientId,
          detail: 'exists',
        }),
      );
      return failFor('OPS_CONFLICT', ['icd10'], 'already_registered', { icd10: r.icd10 });
    }
    return { ok: true, value: registration };
  }

  /** The organisation that keeps a registration closes it, with a reason. */
  async close(
    actor: Actor,
    id: string,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<DispensaryRegistration>> {
    const parsed = DeregistrationInput.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const op = 'registration.close';
    const found = await this.storage.registration(id);
    if (!found) return this.failed(actor, null, op, ctx, null, 'id');
    const org = await this.storage.organisation(found.organisation);
    const target = { region: org?.region ?? '', organisation: found.organisation };
    const gate = await this.gate(actor, op, target, ctx, found.patientId);
    if (!gate.ok) return gate;
    const { to, reason, note } = parsed.data;
    const audit = (outcome: 'allowed' | 'failed', detail: string) =>
      this.entry(actor, gate.decision, op, outcome, ctx, { patientRef: found.patientId, detail });
    if (to < found.from) {
      await this.storage.appendAudit(audit('failed', 'before_start'));
      return fail('OPS_INPUT', `to: the registration starts on ${found.from}, after ${to}`, ['to']);
    }
    const deregistration = { reason, note, by: accountOf(actor) };
    const closed =
      found.to === null &&
      (await this.storage.closeRegistration(
        id,
        to,
        deregistration,
        audit('allowed', `${id} ${reason}`),
      ));
    if (!closed) {
      await this.storage.appendAudit(audit('failed', 'closed'));
      return failFor('OPS_CONFLICT', ['id'], 'registration_closed', { id });
    }
    return { ok: true, value: { ...found, to, deregistration } };
  }

  /**
   * A commission member of `input.organisation` records a decision. With `revokes` it is a
   * revocation: it withdraws that decision from its `validFrom` and approves nothing itself
   * (src/ops/facts.ts); the two are written in one transaction.
   */
  async decide(
    actor: Actor,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<CommissionDecision>> {
    const parsed = CommissionDecisionInput.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const d = parsed.data;
    const org = await this.storage.organisation(d.organisation);
    if (!org) return fail('OPS_NOT_FOUND', `no organisation ${d.organisation}`, ['organisation']);
    const op = 'commission.record';
    const target = { region: org.region, organisation: d.organisation };
    const gate = await this.gate(actor, op, target, ctx, d.patientId);
    if (!gate.ok) return gate;
    const patient = await this.storage.patient(d.patientId);
    if (!patient) return this.failed(actor, gate.decision, op, ctx, d.patientId, 'patientId');
    const problem = await this.decisionProblem(d);
    if (problem) {
      await this.storage.appendAudit(
        this.entry(actor, gate.decision, op, 'failed', ctx, {
          patientRef: d.patientId,
          detail: problem.detail,
        }),
      );
      return fail(problem.code, `${problem.path.join('.')}: ${problem.message}`, problem.path);
    }
    const decision: CommissionDecision = {
      ...d,
      inns: [...new Set(d.inns.map((i) => i.toLowerCase()))],
      id: this.newId(),
      recordedBy: accountOf(actor),
      revokedBy: null,
    };
    const stored = await this.storage.recordCommissionDecision(
      decision,
      this.entry(actor, gate.decision, op, 'allowed', ctx, {
        patientRef: d.patientId,
        detail: d.revokes ? `${decision.id} revokes ${d.revokes}` : decision.id,
      }),
    );
    if (stored !== 'created') {
      await this.storage.appendAudit(
        this.entry(actor, gate.decision, op, 'failed', ctx, {
          patientRef: d.patientId,
          detail: stored,
        }),
      );
      return stored === 'exists'
        ? failFor('OPS_CONFLICT', ['protocolNumber'], 'protocol_recorded')
        : failFor('OPS_CONFLICT', ['revokes'], 'decision_revoked', { id: d.revokes ?? '' });
    }
    return { ok: true, value: decision };
  }

  private async decisionProblem(d: CommissionDecisionInput): Promise<{
    code: 'OPS_INPUT' | 'OPS_NOT_FOUND' | 'OPS_CONFLICT';
    path: string[];
    message: string;
    detail: string;
  } | null> {
    if (d.validTo !== null && d.validTo < d.validFrom) {
      return {
        code: 'OPS_INPUT',
        path: ['validTo'],
        message: `expected a day on or after validFrom (${d.validFrom})`,
        detail: 'invalid_period',
      };
    }
    if (d.revokes === null) return null;
    const revoked = await this.storage.commissionDecision(d.revokes);
    if (!revoked || revoked.patientId !== d.patientId) {
      return {
        code: 'OPS_NOT_FOUND',
        path: ['revokes'],
        message: `no decision ${d.revokes} for this patient`,
        detail: 'not_found',
      };
    }
    if (revoked.revokes !== null || revoked.revokedBy !== null || revoked.icd10 !== d.icd10) {
      return {
        code: 'OPS_CONFLICT',
        path: ['revokes'],
        message:
          revoked.icd10 !== d.icd10
            ? `decision ${d.revokes} is for ${revoked.icd10}, not ${d.icd10}`
            : `decision ${d.revokes} is a revocation or already revoked`,
        detail: 'not_revocable',
      };
    }
    return null;
  }

  /** A patient's registrations, for the doctors of the attachment and the region's auditor. */
  registrations(
    actor: Actor,
    patientId: string,
    ctx: RequestContext,
  ): Promise<OpsResult<DispensaryRegistration[]>> {
    return this.readRegister(actor, patientId, 'registration.read', ctx, () =>
      this.storage.registrationsOf(patientId),
    );
  }

  /**
   * One registration by id (FHIR Condition/{id}), for those who may read the patient's
   * register: authorised against the patient's current attachment, audited like `registrations`.
   */
  async registration(
    actor: Actor,
    id: string,
    ctx: RequestContext,
  ): Promise<OpsResult<DispensaryRegistration>> {
    const op = 'registration.read';
    const found = await this.storage.registration(id);
    if (!found) return this.failed(actor, null, op, ctx, null, 'id');
    const patient = await this.storage.patient(found.patientId);
    const target = patient && attachmentTarget(patient);
    if (!target) return this.failed(actor, null, op, ctx, found.patientId, 'id');
    const gate = await this.gate(actor, op, target, ctx, found.patientId);
    if (!gate.ok) return gate;
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, op, 'allowed', ctx, {
        patientRef: found.patientId,
        detail: id,
      }),
    );
    return { ok: true, value: found };
  }

  /** A patient's commission decisions, revocations included, oldest first. */
  decisions(
    actor: Actor,
    patientId: string,
    ctx: RequestContext,
  ): Promise<OpsResult<CommissionDecision[]>> {
    return this.readRegister(actor, patientId, 'commission.read', ctx, () =>
      this.storage.commissionDecisionsOf(patientId),
    );
  }

  private async readRegister<T>(
    actor: Actor,
    patientId: string,
    op: Operation,
    ctx: RequestContext,
    read: () => Promise<T[]>,
  ): Promise<OpsResult<T[]>> {
    const patient = await this.storage.patient(patientId);
    const target = patient && attachmentTarget(patient);
    if (!target) return this.failed(actor, null, op, ctx, patientId, 'patientId');
    const gate = await this.gate(actor, op, target, ctx, patientId);
    if (!gate.ok) return gate;
    const records = await read();
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, op, 'allowed', ctx, {
        patientRef: patientId,
        detail: `${records.length} records`,
      }),
    );
    return { ok: true, value: records };
  }
}
