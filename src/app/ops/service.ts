/**
 * The operations use cases, shared by the CLI now and the API later. Each one
 * asks `authorize` (the one permission table), audits the outcome — a refusal
 * too — and writes patients' data in one transaction with its audit record.
 * Nothing here logs; the audit holds internal ids, never an IIN, a name, a
 * password or a token.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IsoDate } from '../../domain/date.ts';
import { changeAttachment, currentAttachment } from '../../ops/attachment.ts';
import type { AuditEntry, AuditOutcome, ChainCheck } from '../../ops/audit.ts';
import { fail, inputIssues, type OpsResult } from '../../ops/issues.ts';
import { AFTER_SUCCESS, afterFailure, isLocked, type LoginPolicy } from '../../ops/login.ts';
import {
  Organisation,
  organisationId,
  PatientInput,
  StaffAccountInput,
  type Patient,
} from '../../ops/model.ts';
import {
  authorize,
  type Actor,
  type Decision,
  type Operation,
  type Target,
} from '../../ops/permissions.ts';
import type { OpsStorage } from '../../storage/ops/port.ts';
import { generatePassword, type PasswordHasher } from './password.ts';

/** Why and on whose request: goes to every audit record. */
export interface RequestContext {
  requestId: string | null;
  purpose: string | null;
}

export interface OpsDeps {
  storage: OpsStorage;
  hasher: PasswordHasher;
  policy: LoginPolicy;
  now?: () => Date;
  newId?: () => string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class OpsService {
  private readonly storage: OpsStorage;
  private readonly now: () => Date;
  private readonly newId: () => string;
  /** Verified against when the user name is unknown, so both failures take as long. */
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: OpsDeps) {
    this.storage = deps.storage;
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  private entry(
    actor: Actor | null,
    decision: Decision | null,
    action: string,
    outcome: AuditOutcome,
    ctx: RequestContext,
    extra: { patientRef?: string | null; detail?: string | null } = {},
  ): AuditEntry {
    const grant = decision?.grant ?? null;
    return {
      at: this.now().toISOString(),
      actorId:
        actor === null ? null : actor.kind === 'staff' ? actor.accountId : `operator:${actor.name}`,
      role: grant?.role ?? (actor?.kind === 'operator' ? 'operator' : null),
      organisation: grant?.organisation ?? null,
      action,
      patientRef: extra.patientRef ?? null,
      purpose: ctx.purpose,
      requestId: ctx.requestId,
      outcome,
      detail: extra.detail ?? null,
    };
  }

  /** Authorises; a refusal is audited and returned as AUTH_REFUSED. */
  private async gate(
    actor: Actor,
    operation: Operation,
    target: Target,
    ctx: RequestContext,
    patientRef: string | null = null,
  ): Promise<
    { ok: true; decision: Decision } | { ok: false; issues: ReturnType<typeof fail>['issues'] }
  > {
    const decision = authorize(actor, operation, target);
    if (decision.allowed) return { ok: true, decision };
    await this.storage.appendAudit(
      this.entry(actor, decision, operation, 'refused', ctx, { patientRef, detail: decision.code }),
    );
    return fail('AUTH_REFUSED', decision.reason);
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
      return fail('OPS_CONFLICT', `organisation ${id} already exists`, ['code']);
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

  /** Creates a staff account with a generated password, returned once and never stored in clear. */
  async createAccount(
    actor: Actor,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<{ id: string; username: string; password: string }>> {
    const parsed = StaffAccountInput.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const account = parsed.data;
    let decision: Decision | null = null;
    for (const [i, grant] of account.grants.entries()) {
      const gate = await this.gate(
        actor,
        'account.create',
        { region: grant.region, organisation: null },
        ctx,
      );
      if (!gate.ok) return gate;
      decision = gate.decision;
      if (grant.organisation !== null) {
        const org = await this.storage.organisation(grant.organisation);
        if (!org || org.region !== grant.region) {
          return fail('OPS_NOT_FOUND', `no organisation ${grant.organisation} in ${grant.region}`, [
            'grants',
            i,
            'organisation',
          ]);
        }
      }
    }
    const password = generatePassword();
    const id = this.newId();
    const created = await this.storage.createAccount(
      {
        id,
        username: account.username,
        displayName: account.displayName,
        passwordHash: await this.deps.hasher.hash(password),
        grants: account.grants,
      },
      this.entry(actor, decision, 'account.create', 'allowed', ctx, { detail: id }),
    );
    if (created === 'exists') {
      await this.storage.appendAudit(
        this.entry(actor, decision, 'account.create', 'failed', ctx, { detail: 'exists' }),
      );
      return fail('OPS_CONFLICT', `the user name ${account.username} is taken`, ['username']);
    }
    return { ok: true, value: { id, username: account.username, password } };
  }

  /** Signs in: a 32-byte random token to the client, only its SHA-256 stored. */
  async login(
    username: string,
    password: string,
    ctx: RequestContext,
  ): Promise<OpsResult<{ token: string; expiresAt: string; accountId: string }>> {
    const now = this.now();
    const account = await this.storage.accountForLogin(username);
    const staff = (id: string): Actor => ({ kind: 'staff', accountId: id, grants: [] });
    if (!account) {
      this.dummyHash ??= this.deps.hasher.hash(randomBytes(16).toString('hex'));
      await this.deps.hasher.verify(await this.dummyHash, password);
      await this.storage.recordLogin(
        null,
        null,
        null,
        this.entry(null, null, 'auth.login', 'failed', ctx, { detail: 'unknown_user' }),
      );
      return fail('AUTH_LOGIN_FAILED', 'unknown user name or wrong password');
    }
    if (isLocked(account, now)) {
      await this.storage.recordLogin(
        null,
        null,
        null,
        this.entry(staff(account.id), null, 'auth.login', 'refused', ctx, { detail: 'locked' }),
      );
      return fail('AUTH_LOCKED', `too many failed logins: try again after ${account.lockedUntil}`);
    }
    if (!(await this.deps.hasher.verify(account.passwordHash, password))) {
      const state = afterFailure(account, this.deps.policy, now);
      const detail = state.lockedUntil ? 'wrong_password_locked' : 'wrong_password';
      await this.storage.recordLogin(
        account.id,
        state,
        null,
        this.entry(staff(account.id), null, 'auth.login', 'failed', ctx, { detail }),
      );
      return fail('AUTH_LOGIN_FAILED', 'unknown user name or wrong password');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(
      now.getTime() + this.deps.policy.sessionHours * 3_600_000,
    ).toISOString();
    await this.storage.recordLogin(
      account.id,
      AFTER_SUCCESS,
      { tokenHash: sha256(token), accountId: account.id, createdAt: now.toISOString(), expiresAt },
      this.entry(staff(account.id), null, 'auth.login', 'allowed', ctx),
    );
    return { ok: true, value: { token, expiresAt, accountId: account.id } };
  }

  /** The actor behind a session token, with its current grants. */
  async authenticate(token: string): Promise<OpsResult<Actor>> {
    const session = await this.storage.session(sha256(token));
    if (!session || session.revokedAt !== null || new Date(session.expiresAt) <= this.now()) {
      return fail(
        'AUTH_SESSION_INVALID',
        'the session is unknown, expired or revoked: sign in again',
      );
    }
    const grants = await this.storage.grantsOf(session.accountId);
    return { ok: true, value: { kind: 'staff', accountId: session.accountId, grants } };
  }

  async logout(token: string, ctx: RequestContext): Promise<boolean> {
    const session = await this.storage.session(sha256(token));
    if (!session) return false;
    const actor: Actor = { kind: 'staff', accountId: session.accountId, grants: [] };
    return this.storage.revokeSession(
      sha256(token),
      this.now().toISOString(),
      this.entry(actor, null, 'auth.logout', 'allowed', ctx),
    );
  }

  /** Registers a patient attached to `organisation` from `from`. */
  async createPatient(
    actor: Actor,
    input: unknown,
    attachment: { organisation: string; from: IsoDate },
    ctx: RequestContext,
  ): Promise<OpsResult<Patient>> {
    const parsed = PatientInput.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const org = await this.storage.organisation(attachment.organisation);
    if (!org)
      return fail('OPS_NOT_FOUND', `no organisation ${attachment.organisation}`, ['organisation']);
    const id = this.newId();
    const gate = await this.gate(
      actor,
      'patient.create',
      { region: org.region, organisation: attachment.organisation },
      ctx,
      id,
    );
    if (!gate.ok) return gate;
    const patient: Patient = { ...parsed.data, id, attachments: [{ ...attachment, to: null }] };
    const created = await this.storage.createPatient(
      patient,
      this.entry(actor, gate.decision, 'patient.create', 'allowed', ctx, { patientRef: id }),
    );
    if (created === 'exists') {
      await this.storage.appendAudit(
        this.entry(actor, gate.decision, 'patient.create', 'failed', ctx, { detail: 'exists' }),
      );
      return fail('OPS_CONFLICT', 'a patient with this IIN is already registered', ['iin']);
    }
    return { ok: true, value: patient };
  }

  /** Reads a patient: authorised against the current attachment, audited before it is returned. */
  async readPatient(actor: Actor, id: string, ctx: RequestContext): Promise<OpsResult<Patient>> {
    const patient = await this.storage.patient(id);
    const open = patient ? currentAttachment(patient.attachments) : null;
    const org = open ? await this.storage.organisation(open.organisation) : null;
    if (!patient || !org) {
      await this.storage.appendAudit(
        this.entry(actor, null, 'patient.read', 'failed', ctx, {
          patientRef: id,
          detail: 'not_found',
        }),
      );
      return fail('OPS_NOT_FOUND', `no patient ${id}`, ['id']);
    }
    const gate = await this.gate(
      actor,
      'patient.read',
      { region: org.region, organisation: org && organisationId(org) },
      ctx,
      id,
    );
    if (!gate.ok) return gate;
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'patient.read', 'allowed', ctx, { patientRef: id }),
    );
    return { ok: true, value: patient };
  }

  /** Moves a patient's attachment: by a doctor of the receiving organisation. */
  async attachPatient(
    actor: Actor,
    id: string,
    attachment: { organisation: string; from: IsoDate },
    ctx: RequestContext,
  ): Promise<OpsResult<Patient>> {
    const patient = await this.storage.patient(id);
    const org = await this.storage.organisation(attachment.organisation);
    if (!patient) return fail('OPS_NOT_FOUND', `no patient ${id}`, ['id']);
    if (!org)
      return fail('OPS_NOT_FOUND', `no organisation ${attachment.organisation}`, ['organisation']);
    const gate = await this.gate(
      actor,
      'patient.attach',
      { region: org.region, organisation: attachment.organisation },
      ctx,
      id,
    );
    if (!gate.ok) return gate;
    const change = changeAttachment(patient.attachments, attachment.organisation, attachment.from);
    if (!change.ok) {
      await this.storage.appendAudit(
        this.entry(actor, gate.decision, 'patient.attach', 'failed', ctx, {
          patientRef: id,
          detail: change.code,
        }),
      );
      return fail('OPS_CONFLICT', change.message, ['from']);
    }
    await this.storage.changeAttachment(
      id,
      change.closed,
      change.opened,
      this.entry(actor, gate.decision, 'patient.attach', 'allowed', ctx, {
        patientRef: id,
        detail: attachment.organisation,
      }),
    );
    return { ok: true, value: { ...patient, attachments: change.history } };
  }

  /** Verifies the audit chain; the check itself is audited after it ran. */
  async verifyAudit(
    actor: Actor,
    region: string,
    ctx: RequestContext,
  ): Promise<OpsResult<ChainCheck>> {
    const gate = await this.gate(actor, 'audit.verify', { region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    const check = await this.storage.verifyAuditChain();
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'audit.verify', check.ok ? 'allowed' : 'failed', ctx, {
        detail: check.ok ? `head ${check.head.sequence}` : `broken at ${check.sequence}`,
      }),
    );
    return { ok: true, value: check };
  }
}
