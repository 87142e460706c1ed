/**
 * Sessions: sign in (a cookie for browsers), say who is signed in, sign out. Bearer tokens for
 * systems come from `tegin users token` and work on every route here and under /ops.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { OpsEdge } from '../context.ts';
import { router } from '../context.ts';
import { contextOf, requireSession, type OpsEnv } from '../ops/auth.ts';
import { valueOf } from '../ops/outcome.ts';
import { body, json, Login, opsProblems, SessionAnswer, SIGNED_IN } from '../ops/schemas.ts';
import { cookieNameOf, csrfTokenFor } from '../ops/session.ts';

const loginProblems = {
  400: opsProblems[400],
  401: opsProblems[401],
  429: {
    description: 'Locked after too many failed sign-ins (AUTH_LOCKED), with Retry-After',
    content: opsProblems[401].content,
  },
} as const;

export function sessionRoutes(edge: OpsEdge) {
  const app = router<OpsEnv>('OPS_INPUT');
  const { accounts } = edge.service;
  const signedIn = requireSession(edge);
  const cookieOptions = (maxAge: number) =>
    ({
      path: '/',
      httpOnly: true,
      secure: edge.session.secure,
      sameSite: 'Lax',
      maxAge,
    }) as const;

  /** The session's answer: who, their roles, when it ends, and the CSRF token for a cookie. */
  const answer = async (token: string, viaCookie: boolean) => {
    const who = valueOf(await accounts.whoami(token));
    return { ...who, csrfToken: viaCookie ? csrfTokenFor(edge.session, token) : null };
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/session',
      operationId: 'signIn',
      summary: 'Sign in: sets the HttpOnly session cookie; answers the CSRF token for changes',
      request: body(Login),
      responses: { 200: json(SessionAnswer, 'Signed in'), ...loginProblems },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const login = valueOf(
        await accounts.login(username, password, contextOf(c, 'authentication')),
      );
      const maxAge = Math.max(
        0,
        Math.floor((new Date(login.expiresAt).getTime() - Date.now()) / 1000),
      );
      setCookie(c, cookieNameOf(edge.session), login.token, cookieOptions(maxAge));
      return c.json(await answer(login.token, true), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/session',
      operationId: 'getSession',
      summary: 'Who is signed in, with which roles, until when',
      middleware: [signedIn] as const,
      security: SIGNED_IN,
      responses: { 200: json(SessionAnswer, 'The session'), 401: opsProblems[401] },
    }),
    async (c) => {
      const { token, via } = c.get('signed');
      return c.json(await answer(token, via === 'cookie'), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/session',
      operationId: 'signOut',
      summary: 'Sign out: the session (cookie or bearer token) is revoked on the server',
      middleware: [signedIn] as const,
      security: SIGNED_IN,
      responses: {
        204: { description: 'Signed out' },
        401: opsProblems[401],
        403: opsProblems[403],
      },
    }),
    async (c: Context<OpsEnv>) => {
      const { token, via } = c.get('signed');
      await accounts.logout(token, contextOf(c, 'authentication'));
      if (via === 'cookie') deleteCookie(c, cookieNameOf(edge.session), cookieOptions(0));
      return c.body(null, 204);
    },
  );
  return app;
}
