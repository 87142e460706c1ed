/**
 * Who is asking: the session cookie or a bearer token turned into an `Actor` by the accounts
 * use case (`authenticate`), before any operations route runs. Access itself is decided by
 * the use cases (`authorize`, src/ops/permissions.ts), never here: this only says who.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { RequestContext } from '../../app/ops/gate.ts';
import type { Actor } from '../../ops/permissions.ts';
import type { OpsEdge } from '../context.ts';
import { field, HttpProblem } from '../problem.ts';
import { CHALLENGE, problemOf, STATUS_OF } from './outcome.ts';
import { cookieNameOf, CSRF_HEADER, isCsrfTokenValid, TOKEN_SHAPE } from './session.ts';

export interface Signed {
  actor: Actor;
  /** The session token, to sign out or to derive the CSRF token; never logged or answered. */
  token: string;
  via: 'cookie' | 'bearer';
}

export type OpsEnv = {
  Variables: { requestId: string; signed: Signed; purpose: string | null };
};

export const PURPOSE_HEADER = 'X-Purpose-Of-Use';
/** A purpose of use: a short lower-case code (`treatment`, `dispensing`, `audit`). */
const PURPOSE = /^[a-z][a-z0-9_.-]{0,63}$/;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refuse(code: 'AUTH_REQUIRED' | 'AUTH_CSRF', detail: string): HttpProblem {
  const { status, title } = STATUS_OF[code];
  return new HttpProblem(status, code, title, detail, undefined, status === 401 ? CHALLENGE : {});
}

/** The session token a request carries, and how: a bearer token first, else the cookie. */
function tokenOf(c: Context, edge: OpsEdge): { token: string; via: Signed['via'] } | null {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match?.[1]) throw refuse('AUTH_REQUIRED', 'Authorization: expected "Bearer <token>"');
    return { token: match[1], via: 'bearer' };
  }
  const cookie = getCookie(c, cookieNameOf(edge.session));
  return cookie === undefined ? null : { token: cookie, via: 'cookie' };
}

/** The signed-in actor, or null when the request carries no session at all. */
export async function signedIn(c: Context, edge: OpsEdge): Promise<Signed | null> {
  const carried = tokenOf(c, edge);
  if (!carried) return null;
  const actor = TOKEN_SHAPE.test(carried.token)
    ? await edge.service.accounts.authenticate(carried.token)
    : null;
  if (!actor?.ok) {
    throw problemOf([
      {
        code: 'AUTH_SESSION_INVALID',
        path: [],
        message: 'the session is unknown, expired or revoked: sign in again',
      },
    ]);
  }
  return { actor: actor.value, ...carried };
}

/**
 * Requires a session (401 AUTH_REQUIRED without one), and on a change signed in by the
 * cookie its CSRF token (403 AUTH_CSRF); reads the purpose of use from its header.
 */
export function requireSession(edge: OpsEdge): MiddlewareHandler<OpsEnv> {
  return async (c, next) => {
    const signed = await signedIn(c, edge);
    if (!signed) {
      throw refuse(
        'AUTH_REQUIRED',
        'sign in (POST /api/v1/session) or send Authorization: Bearer <token>',
      );
    }
    const csrf = c.req.header(CSRF_HEADER);
    if (
      signed.via === 'cookie' &&
      !SAFE_METHODS.has(c.req.method) &&
      !isCsrfTokenValid(edge.session, signed.token, csrf)
    ) {
      throw refuse(
        'AUTH_CSRF',
        `${CSRF_HEADER}: send the csrfToken of the session (POST or GET /api/v1/session)`,
      );
    }
    const purpose = c.req.header(PURPOSE_HEADER);
    if (purpose !== undefined && !PURPOSE.test(purpose)) {
      const where = field('header', [PURPOSE_HEADER.toLowerCase()]);
      const message = 'expected a short lower-case code such as treatment or audit';
      throw new HttpProblem(400, 'OPS_INPUT', 'Invalid request', `${where}: ${message}`, [
        { code: 'OPS_INPUT', field: where, message },
      ]);
    }
    c.set('signed', signed);
    c.set('purpose', purpose ?? null);
    await next();
  };
}

/** The use case's request context: this request's id, and its purpose or the route's default. */
export function contextOf(c: Context<OpsEnv>, defaultPurpose: string): RequestContext {
  return { requestId: c.get('requestId'), purpose: c.get('purpose') ?? defaultPurpose };
}
