/**
 * Operations results at the HTTP edge: a value is the answer, issues become problem+json
 * here and only here. The `Record` makes the compiler demand a status for every new code of
 * src/ops/issues.ts.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { OpsIssue, OpsIssueCode, OpsResult } from '../../ops/issues.ts';
import { field, HttpProblem } from '../problem.ts';

export const STATUS_OF: Record<OpsIssueCode, { status: ContentfulStatusCode; title: string }> = {
  OPS_INPUT: { status: 400, title: 'Invalid request' },
  OPS_NOT_FOUND: { status: 404, title: 'Not found' },
  OPS_CONFLICT: { status: 409, title: 'Conflict' },
  // The request is understood; the law, on the register's facts, does not allow it.
  OPS_NOT_ENTITLED: { status: 422, title: 'Not entitled' },
  // draft-ietf-httpapi-idempotency-key-header: a key reused with another request is 422.
  OPS_IDEMPOTENCY_MISMATCH: { status: 422, title: 'Idempotency key reused' },
  AUTH_REFUSED: { status: 403, title: 'Not permitted' },
  AUTH_LOGIN_FAILED: { status: 401, title: 'Sign-in failed' },
  // 429 rather than 423 (WebDAV's): clients and proxies know it, with Retry-After.
  AUTH_LOCKED: { status: 429, title: 'Too many failed sign-ins' },
  AUTH_SESSION_INVALID: { status: 401, title: 'Not signed in' },
  AUTH_REQUIRED: { status: 401, title: 'Not signed in' },
  AUTH_CSRF: { status: 403, title: 'Missing or wrong CSRF token' },
};

type Where = 'path' | 'query' | 'body' | 'header';

/**
 * Where the first segment of an issue's path was sent: `{ id: 'path' }`, or there under another
 * name: `{ patientId: ['path', 'id'] }`, `{ idempotencyKey: ['header', 'idempotency-key'] }`;
 * the body otherwise.
 */
export type Locate = Readonly<Record<string, Where | readonly [Where, string]>>;

function fieldOf(locate: Locate, path: OpsIssue['path']): string {
  const [first, ...rest] = path;
  const at = locate[String(first)] ?? 'body';
  return typeof at === 'string' ? field(at, path) : field(at[0], [at[1], ...rest]);
}

/** Headers of a 401: how to sign in. */
export const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="tegin"' } as const;

/** The problem for a use case's issues: the first one's code and status, each field named. */
export function problemOf(
  issues: readonly OpsIssue[],
  locate: Locate = {},
  now: Date = new Date(),
): HttpProblem {
  const [first] = issues;
  if (!first) throw new Error('a failed result without issues');
  const { status, title } = STATUS_OF[first.code];
  const errors = issues
    .filter((i) => i.path.length > 0)
    .map((i) => ({
      code: i.code,
      field: fieldOf(locate, i.path),
      message: i.message,
    }));
  const headers: Record<string, string> = status === 401 ? { ...CHALLENGE } : {};
  if (first.retryAt) {
    const seconds = Math.ceil((new Date(first.retryAt).getTime() - now.getTime()) / 1000);
    headers['Retry-After'] = String(Math.max(1, seconds));
  }
  const detail = issues.map((i) => i.message).join('; ');
  return new HttpProblem(
    status,
    first.code,
    title,
    detail,
    errors.length ? errors : undefined,
    headers,
  );
}

/** The value of a use case's result, or its problem thrown (the app's error handler answers it). */
export function valueOf<T>(result: OpsResult<T>, locate: Locate = {}): T {
  if (result.ok) return result.value;
  throw problemOf(result.issues, locate);
}
