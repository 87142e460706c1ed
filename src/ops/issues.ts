/**
 * Problem codes of the operations layer and of accounts. They are part of the
 * one catalogue: src/domain/issues.ts spreads them into ISSUE_CODES. A new code
 * here is all it takes to add one; the compiler then asks for its HTTP status
 * (src/http/ops/outcome.ts) and CLI exit code (src/cli/commands/ops.ts), and a
 * test for its row in docs/errors.md (test/issue-catalogue.test.ts).
 */
import { reasonInEnglish, type OpsReason, type OpsReasonId, type ReasonParams } from './reasons.ts';
export const OPS_ISSUE_CODES = {
  OPS_INPUT: 'A field of the request fails validation; the path names it.',
  OPS_NOT_FOUND: 'No such organisation, patient or account.',
  OPS_CONFLICT: 'The record already exists, or the change contradicts the current state.',
  OPS_NOT_ENTITLED:
    "The engine, on the register's own facts, does not give the product free on that date; the message says which record is missing.",
  OPS_IDEMPOTENCY_MISMATCH:
    'The idempotency key was already used by this actor for this operation with a different request: use a new key for a new request.',
  AUTH_REFUSED: 'The permission table does not allow this operation to this actor here.',
  AUTH_LOGIN_FAILED: 'Unknown user name or wrong password (which one is not said).',
  AUTH_LOCKED: 'Too many failed logins: the account is locked for a while.',
  AUTH_SESSION_INVALID: 'The session token is unknown, expired or revoked.',
  AUTH_REQUIRED: 'The operation needs a signed-in account: a session cookie or a bearer token.',
  AUTH_CSRF:
    'A request signed in by the session cookie that changes something lacks the X-CSRF-Token of its session.',
} as const;
export type OpsIssueCode = keyof typeof OPS_ISSUE_CODES;

export interface OpsIssue {
  code: OpsIssueCode;
  path: (string | number)[];
  message: string;
  /** When a retry may succeed (AUTH_LOCKED: the end of the lock), an ISO instant. */
  retryAt?: string;
  /** Why, as a stable reason and its values: a page says it in its language (src/ops/reasons.ts). */
  reason?: OpsReason;
}

export type OpsResult<T> = { ok: true; value: T } | { ok: false; issues: OpsIssue[] };

export const fail = (code: OpsIssueCode, message: string, path: (string | number)[] = []) => ({
  ok: false as const,
  issues: [{ code, path, message }],
});

/** A failure for a catalogued reason: the message is the reason's English sentence. */
export const failFor = (
  code: OpsIssueCode,
  path: (string | number)[],
  id: OpsReasonId,
  params: ReasonParams = {},
) => {
  const reason: OpsReason = { id, params };
  return {
    ok: false as const,
    issues: [{ code, path, message: reasonInEnglish(reason), reason }],
  };
};

/** zod issues as OPS_INPUT issues naming each field. */
export function inputIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): OpsIssue[] {
  return issues.map((i) => {
    const path = i.path.filter((s): s is string | number => typeof s !== 'symbol');
    return {
      code: 'OPS_INPUT',
      path,
      message: `${path.join('.') || 'input'}: ${i.message}`,
    };
  });
}
