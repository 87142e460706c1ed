/**
 * What every operations use case shares: the audit entry it writes and the
 * gate — `authorize` (the one permission table), with a refusal audited.
 * Nothing here logs; the audit holds internal ids, never an IIN, a name, a
 * password or a token.
 */
import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditOutcome } from '../../ops/audit.ts';
import { fail } from '../../ops/issues.ts';
import type { LoginPolicy } from '../../ops/login.ts';
import {
  authorize,
  type Actor,
  type Decision,
  type Operation,
  type Target,
} from '../../ops/permissions.ts';
import type { OpsStorage } from '../../storage/ops/port.ts';
import { isoDate, type IsoDate } from '../../domain/date.ts';
import type { PrescriptionSigner } from '../../ops/clinical.ts';
import type { Law, LawSource } from './law.ts';
import type { ReferenceData } from '../../registry/reference.ts';
import type { PasswordHasher } from './password.ts';

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
  /** The law the clinical use cases ask (engine and provision parameters); prescriptions need it. */
  law?: LawSource;
  /** Prices, doses and pack sizes (reference/, not law) for the need estimate; default none. */
  reference?: ReferenceData;
  /** Signs prescriptions; issuing needs it. */
  signer?: PrescriptionSigner;
  /**
   * Today's date, for what is computed on read (an expired prescription) and for the day a
   * pharmacy records (within one day of it). Default: the UTC date of `now`. NOTE: the server
   * should pass the date in Kazakhstan (UTC+5) at its composition root.
   */
  today?: () => IsoDate;
}

/**
 * Whom an audit record and a pharmacy's record name: the account, `operator:<name>`, or
 * `patient:<internal id>` for a patient signed in to their own records.
 */
export function actorIdOf(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return actor.accountId;
    case 'operator':
      return `operator:${actor.name}`;
    case 'patient':
      return `patient:${actor.patientId}`;
    default: {
      const unhandled: never = actor;
      throw new Error(`unhandled actor ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The role an audit record names when no grant was used: the operator's or the patient's. */
function roleWithoutGrant(actor: Actor | null): string | null {
  if (actor?.kind === 'operator') return 'operator';
  if (actor?.kind === 'patient') return 'patient';
  return null;
}

export abstract class AuditedUseCases {
  protected readonly storage: OpsStorage;
  protected readonly now: () => Date;
  protected readonly newId: () => string;

  constructor(protected readonly deps: OpsDeps) {
    this.storage = deps.storage;
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  /** Today's date (`OpsDeps.today`; default: the UTC date of the clock). */
  protected today(): IsoDate {
    return this.deps.today?.() ?? isoDate(this.now().toISOString().slice(0, 10));
  }

  /** The law and the signer, which prescribing and dispensing cannot work without. */
  protected needs(): { law: Law; signer: PrescriptionSigner } {
    const { law, signer } = this.deps;
    if (!law || !signer) {
      throw new Error(
        'prescribing and dispensing need the law (OpsDeps.law) and a signer (OpsDeps.signer): configure both where the services are assembled',
      );
    }
    return { law: law(), signer };
  }

  protected entry(
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
      actorId: actor === null ? null : actorIdOf(actor),
      role: grant?.role ?? roleWithoutGrant(actor),
      organisation: grant?.organisation ?? null,
      action,
      patientRef: extra.patientRef ?? null,
      purpose: ctx.purpose,
      requestId: ctx.requestId,
      outcome,
      detail: extra.detail ?? null,
    };
  }

  /**
   * Refuses, with an audit record, an actor who may not do `operation` anywhere
   * (`mayEverDo` is false): the refusal `authorize` gives for a target outside every grant.
   */
  protected async refuseEverywhere(
    actor: Actor,
    operation: Operation,
    ctx: RequestContext,
  ): Promise<{ ok: false; issues: ReturnType<typeof fail>['issues'] }> {
    const gate = await this.gate(actor, operation, { region: '', organisation: null }, ctx);
    if (gate.ok) throw new Error(`${operation}: refuseEverywhere on an actor who may do it`);
    return gate;
  }

  /** Authorises; a refusal is audited and returned as AUTH_REFUSED. */
  protected async gate(
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
    return this.refusedBy(actor, decision, operation, ctx, patientRef);
  }

  /** A refusal of `authorize`, audited and returned as AUTH_REFUSED. */
  protected async refusedBy(
    actor: Actor,
    decision: Extract<Decision, { allowed: false }>,
    operation: Operation,
    ctx: RequestContext,
    patientRef: string | null,
  ): Promise<{ ok: false; issues: ReturnType<typeof fail>['issues'] }> {
    await this.storage.appendAudit(
      this.entry(actor, decision, operation, 'refused', ctx, { patientRef, detail: decision.code }),
    );
    return fail('AUTH_REFUSED', decision.reason);
  }

  /** A record that is not there: audited as failed (`not_found`), returned as OPS_NOT_FOUND. */
  protected async failed(
    actor: Actor,
    decision: Decision | null,
    operation: Operation,
    ctx: RequestContext,
    patientRef: string | null,
    field: string,
  ): Promise<{ ok: false; issues: ReturnType<typeof fail>['issues'] }> {
    await this.storage.appendAudit(
      this.entry(actor, decision, operation, 'failed', ctx, { patientRef, detail: 'not_found' }),
    );
    return fail('OPS_NOT_FOUND', `${field}: no such record`, [field]);
  }
}
