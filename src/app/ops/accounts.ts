/** Staff accounts: creation with a generated password, login with throttling, sessions. */
import { createHash, randomBytes } from 'node:crypto';
import { fail, failFor, inputIssues, type OpsIssue, type OpsResult } from '../../ops/issues.ts';
import { AFTER_SUCCESS, afterFailure, isLocked } from '../../ops/login.ts';
import { z } from 'zod';
import { StaffAccountInput, Username, type RoleGrant } from '../../ops/model.ts';
import type { Actor, Decision } from '../../ops/permissions.ts';
import type { AccountSummary, SessionRow } from '../../storage/ops/port.ts';
import { AuditedUseCases, type RequestContext } from './gate.ts';
import { generatePassword } from './password.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const invalidSession = () =>
  fail('AUTH_SESSION_INVALID', 'the session is unknown, expired or revoked: sign in again');

/** Bearer tokens for system accounts live up to 90 days; a new one is minted before the end. */
export const TOKEN_MAX_HOURS = 90 * 24;

const TokenRequest = z.strictObject({
  username: Username,
  hours: z.number().int().min(1).max(TOKEN_MAX_HOURS),
});

export class AccountUseCases extends AuditedUseCases {
  /** Verified against when the user name is unknown, so both failures take as long. */
  private dummyHash: Promise<string> | null = null;

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
      return failFor('OPS_CONFLICT', ['username'], 'username_taken', {
        username: account.username,
      });
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
      const issue: OpsIssue = {
        code: 'AUTH_LOCKED',
        path: [],
        message: `too many failed logins: try again after ${account.lockedUntil}`,
        ...(account.lockedUntil ? { retryAt: account.lockedUntil } : {}),
      };
      return { ok: false, issues: [issue] };
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

  /**
   * Mints a bearer token for a system account (an integration calling the API): a server-side
   * session like a login's, valid `hours`, shown once. Authorised as `account.token` in every
   * region the account holds a role in, and audited (never the token).
   */
  async issueToken(
    actor: Actor,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<{ token: string; expiresAt: string; accountId: string }>> {
    const parsed = TokenRequest.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const account = await this.storage.accountForLogin(parsed.data.username);
    if (!account) {
      return fail('OPS_NOT_FOUND', `no account ${parsed.data.username}`, ['username']);
    }
    let decision: Decision | null = null;
    const regions = new Set((await this.storage.grantsOf(account.id)).map((g) => g.region));
    for (const region of regions) {
      const gate = await this.gate(actor, 'account.token', { region, organisation: null }, ctx);
      if (!gate.ok) return gate;
      decision = gate.decision;
    }
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + parsed.data.hours * 3_600_000).toISOString();
    await this.storage.recordLogin(
      null,
      null,
      { tokenHash: sha256(token), accountId: account.id, createdAt: now.toISOString(), expiresAt },
      this.entry(actor, decision, 'account.token', 'allowed', ctx, { detail: account.id }),
    );
    return { ok: true, value: { token, expiresAt, accountId: account.id } };
  }

  /** Who a session token signs in: the account, its current grants and the session's end. */
  async whoami(token: string): Promise<
    OpsResult<{
      account: AccountSummary;
      grants: RoleGrant[];
      expiresAt: string;
    }>
  > {
    const session = await this.liveSession(token);
    const account = session && (await this.storage.account(session.accountId));
    if (!session || !account) return invalidSession();
    const grants = await this.storage.grantsOf(account.id);
    return { ok: true, value: { account, grants, expiresAt: session.expiresAt } };
  }

  private async liveSession(token: string): Promise<SessionRow | null> {
    const session = await this.storage.session(sha256(token));
    if (!session || session.revokedAt !== null || new Date(session.expiresAt) <= this.now()) {
      return null;
    }
    return session;
  }

  /** The actor behind a session token, with its current grants. */
  async authenticate(token: string): Promise<OpsResult<Actor>> {
    const session = await this.liveSession(token);
    if (!session) return invalidSession();
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
}
