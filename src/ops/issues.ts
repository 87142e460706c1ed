/**
 * Problem codes of the operations layer. NOTE: to be folded into the one
 * catalogue (src/domain/issues.ts, docs/errors.md) when phase 2 adds the HTTP
 * edge; kept here while other branches edit that file.
 */
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
} as const;
export type OpsIssueCode = keyof typeof OPS_ISSUE_CODES;

export interface OpsIssue {
  code: OpsIssueCode;
  path: (string | number)[];
  message: string;
}

export type OpsResult<T> = { ok: true; value: T } | { ok: false; issues: OpsIssue[] };

export const fail = (code: OpsIssueCode, message: string, path: (string | number)[] = []) => ({
  ok: false as const,
  issues: [{ code, path, message }],
});

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
