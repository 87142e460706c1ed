/**
 * What a "my medicines" handler gets: language, dictionaries, the audit's request context,
 * cookies and answers. Every answer is `no-store` (and the paths are personal:
 * src/http/ops/personal-paths.ts keeps them out of the public cache).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { RequestContext } from '../../app/ops/gate.ts';
import type { Actor } from '../../ops/permissions.ts';
import type { Lang } from '../../domain/text.ts';
import { loadAssets } from '../assets.ts';
import { page } from '../layout.tsx';
import { makeUi, type Ui, type WebDeps } from '../ui.ts';
import type { PatientEdge } from './edge.ts';
import { patientMessagesFor, type PatientMessages } from './i18n/messages.ts';

export interface PatientContext {
  c: Context;
  lang: Lang;
  ui: Ui;
  t: PatientMessages;
  deps: WebDeps;
  edge: PatientEdge;
  ctx: (purpose: string) => RequestContext;
  /** `/{lang}/my{path}` */
  to: (path: string) => string;
  html: (node: Child, status?: number) => Response;
  redirect: (path: string) => Response;
  cookie: (name: string) => string | null;
  setCookie: (name: string, value: string, seconds: number, sameSite: 'Strict' | 'Lax') => void;
  dropCookie: (name: string) => void;
  /** The client's address, for the per-client rate limit. */
  client: string;
}

/** The signed-in patient: from the session, never from the request. */
export interface Me {
  actor: Extract<Actor, { kind: 'patient' }>;
  token: string;
  csrf: string;
}

export type MyPageContext = PatientContext & { me: Me };

export function patientContext(c: Context, deps: WebDeps, edge: PatientEdge): PatientContext {
  const lang = c.req.param('lang') as Lang;
  const url = new URL(c.req.url);
  const here = `${url.pathname.slice(lang.length + 1)}${c.req.method === 'GET' ? url.search : ''}`;
  const assets = loadAssets();
  const ui = makeUi(lang, here, deps.today(), { css: assets.css.url, js: assets.js.url });
  const to = (path: string) => `/${lang}/my${path}`;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return {
    c,
    lang,
    ui,
    t: patientMessagesFor(lang),
    deps,
    edge,
    ctx: (purpose) => ({ requestId: (c.get('requestId') as string | undefined) ?? null, purpose }),
    to,
    html: (node, status = 200) =>
      c.html(page(node), status as 200, { 'cache-control': 'no-store', vary: 'cookie' }),
    redirect: (path) => {
      c.header('cache-control', 'no-store');
      return c.redirect(to(path), 303);
    },
    cookie: (name) => {
      const value = getCookie(c, name);
      return value !== undefined && edge.isTokenShaped(value) ? value : null;
    },
    setCookie: (name, value, seconds, sameSite) =>
      setCookie(c, name, value, {
        path: '/',
        httpOnly: true,
        secure: edge.cookies.secure,
        sameSite,
        maxAge: seconds,
      }),
    dropCookie: (name) => deleteCookie(c, name, { path: '/', secure: edge.cookies.secure }),
    client: env?.incoming?.socket?.remoteAddress ?? 'unknown',
  };
}

/** The form of a POST as strings. */
export async function formOf(p: PatientContext): Promise<Record<string, string>> {
  const body = await p.c.req.parseBody().catch(() => ({}));
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') out[key] = value;
  return out;
}
