/**
 * A patient signs in to their own records with their IIN and a one-time code
 * (docs/adr/0020-patient-access.md). Asking for a code answers the same whether or not a patient
 * has the IIN (no oracle): a random challenge, which the browser keeps; only when the IIN is
 * known is a 6-digit code made, its HMAC stored with the challenge's hash, an expiry and an
 * attempt count, and the code sent through the outbox. The code opens a patient session — its
 * own table and kind, so it can never act as staff. Everything is audited, never the IIN.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Iin } from '../../ops/model.ts';
import type { Actor } from '../../ops/permissions.ts';
import { WindowCounter } from '../../ops/rate-limit.ts';
import { AuditedUseCases, type OpsDeps, type RequestContext } from './gate.ts';
import type { Outbox } from './outbox.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The sign-in's numbers: a security policy (not law), parsed once where the app is assembled. */
export const PatientAccessPolicy = z.strictObject({
  codeMinutes: z.number().int().min(1).max(60).default(10),
  maxAttempts: z.number().int().min(1).max(20).default(5),
  sessionMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  /** Codes asked for one IIN per window. */
  perIin: z.number().int().min(1).default(3),
  /** Codes asked from one client (address) per window. */
  perClient: z.number().int().min(1).default(20),
  windowMinutes: z.number().int().min(1).default(15),
});
export type PatientAccessPolicy = z.infer<typeof PatientAccessPolicy>;

export interface PatientAccessDeps {
  outbox: Outbox;
  /** The key of the codes' HMAC (the session secret). */
  secret: Buffer;
  policy?: PatientAccessPolicy;
}

export type CodeRequest =
  { ok: true; challenge: string } | { ok: false; reason: 'invalid_iin' | 'rate_limited' };

export type CodeCheck =
  | { ok: true; token: string; expiresAt: string }
  | { ok: false; reason: 'wrong' | 'expired' | 'exhausted' };

const CODE = /^\d{6}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export class PatientAccessUseCases extends AuditedUseCases {
  readonly policy: PatientAccessPolicy;
  private readonly perIin: WindowCounter;
  private readonly perClient: WindowCounter;

  constructor(
    deps: OpsDeps,
    private readonly access: PatientAccessDeps,
  ) {
    super(deps);
    this.policy = access.policy ?? PatientAccessPolicy.parse({});
    const windowMs = this.policy.windowMinutes * 60_000;
    this.perIin = new WindowCounter({ max: this.policy.perIin, windowMs });
    this.perClient = new WindowCounter({ max: this.policy.perClient, windowMs });
  }

  private hmac(challengeHash: string, code: string): string {
    return createHmac('sha256', this.access.secret)
      .update(`patient-code:${challengeHash}:${code}`)
      .digest('hex');
  }

  /**
   * Asks for a code for the IIN typed, from `client` (its address). The same answer — a new
   * challenge — whether or not the IIN is a patient's; refused only for an IIN that fails its
   * check digit (public arithmetic, no oracle) or over a rate limit.
   */
  async requestCode(iinInput: string, client: string, ctx: RequestContext): Promise<CodeRequest> {
    const parsed = Iin.safeParse(iinInput.trim());
    if (!parsed.success) return { ok: false, reason: 'invalid_iin' };
    const now = this.now();
    const overIin = !this.perIin.take(sha256(`iin:${parsed.data}`), now.getTime());
    const overClient = !this.perClient.take(client, now.getTime());
    if (overIin || overClient) {
      await this.storage.appendAudit(
        this.entry(null, null, 'auth.code', 'refused', ctx, {
          detail: overIin ? 'rate_limited_iin' : 'rate_limited_client',
        }),
      );
      return { ok: false, reason: 'rate_limited' };
    }
    const challenge = randomBytes(32).toString('base64url');
    const patientId = await this.storage.patientIdByIin(parsed.data);
    if (patientId === null) {
      await this.storage.appendAudit(
        this.entry(null, null, 'auth.code', 'failed', ctx, { detail: 'unknown_iin' }),
      );
      return { ok: true, challenge };
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const challengeHash = sha256(challenge);
    const expiresAt = new Date(now.getTime() + this.policy.codeMinutes * 60_000).toISOString();
    const actor: Actor = { kind: 'patient', patientId };
    await this.storage.patientAccess.storeCode(
      {
        challengeHash,
        patientId,
        codeHmac: this.hmac(challengeHash, code),
        createdAt: now.toISOString(),
        expiresAt,
      },
      this.entry(actor, null, 'auth.code', 'allowed', ctx, { patientRef: patientId }),
    );
    await this.access.outbox.send({ patientId, kind: 'sign_in_code', code, expiresAt });
    return { ok: true, challenge };
  }

  /** Checks the code typed against the challenge the browser kept; a match opens a session. */
  async verifyCode(challenge: string, codeInput: string, ctx: RequestContext): Promise<CodeCheck> {
    const refuse = async (
      reason: 'wrong' | 'expired' | 'exhausted',
      detail: string,
      patientId: string | null,
    ): Promise<CodeCheck> => {
      const actor: Actor | null = patientId === null ? null : { kind: 'patient', patientId };
      const entry = this.entry(actor, null, 'auth.login', 'failed', ctx, {
        patientRef: patientId,
        detail,
      });
      if (detail === 'wrong_code' || detail === 'wrong_code_closed') {
        const closeAt = detail === 'wrong_code_closed' ? this.now().toISOString() : null;
        await this.storage.patientAccess.recordWrongCode(sha256(challenge), closeAt, entry);
      } else {
        await this.storage.appendAudit(entry);
      }
      return { ok: false, reason };
    };
    const row = CHALLENGE.test(challenge)
      ? await this.storage.patientAccess.code(sha256(challenge))
      : null;
    if (!row) return refuse('wrong', 'no_code', null);
    const now = this.now();
    if (row.closedAt !== null) {
      return row.attempts >= this.policy.maxAttempts
        ? refuse('exhausted', 'code_exhausted', row.patientId)
        : refuse('expired', 'code_closed', row.patientId);
    }
    if (new Date(row.expiresAt) <= now) return refuse('expired', 'code_expired', row.patientId);
    const code = codeInput.replace(/\s/g, '');
    const given = Buffer.from(this.hmac(row.challengeHash, CODE.test(code) ? code : 'x'));
    const expected = Buffer.from(row.codeHmac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      const last = row.attempts + 1 >= this.policy.maxAttempts;
      return last
        ? refuse('exhausted', 'wrong_code_closed', row.patientId)
        : refuse('wrong', 'wrong_code', row.patientId);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.policy.sessionMinutes * 60_000).toISOString();
    const actor: Actor = { kind: 'patient', patientId: row.patientId };
    const accepted = await this.storage.patientAccess.acceptCode(
      row.challengeHash,
      {
        tokenHash: sha256(token),
        patientId: row.patientId,
        createdAt: now.toISOString(),
        expiresAt,
      },
      this.entry(actor, null, 'auth.login', 'allowed', ctx, {
        patientRef: row.patientId,
        detail: 'one_time_code',
      }),
    );
    if (!accepted) return refuse('expired', 'code_closed', row.patientId);
    return { ok: true, token, expiresAt };
  }

  /** The patient behind a live patient session, or null (never a staff actor). */
  async authenticate(token: string): Promise<Extract<Actor, { kind: 'patient' }> | null> {
    const session = await this.storage.patientAccess.session(sha256(token));
    if (!session || session.revokedAt !== null || new Date(session.expiresAt) <= this.now()) {
      return null;
    }
    return { kind: 'patient', patientId: session.patientId };
  }

  async logout(token: string, ctx: RequestContext): Promise<boolean> {
    const session = await this.storage.patientAccess.session(sha256(token));
    if (!session) return false;
    const actor: Actor = { kind: 'patient', patientId: session.patientId };
    return this.storage.patientAccess.revokeSession(
      sha256(token),
      this.now().toISOString(),
      this.entry(actor, null, 'auth.logout', 'allowed', ctx, { patientRef: session.patientId }),
    );
  }
}
