/**
 * What a staff page handler gets: the language and both dictionaries, the signed-in account
 * (who, never what: access is the use cases'), the request context the audit records, the form
 * a POST sent, and how to answer. Every answer is `no-store` (and the staff paths are personal:
 * src/http/ops/personal-paths.ts keeps them out of the public cache).
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { RequestContext } from '../../app/ops/gate.ts';
import type { RoleGrant } from '../../ops/model.ts';
import type { Actor } from '../../ops/permissions.ts';
import type { Lang, LocalizedText } from '../../domain/text.ts';
import { loadAssets } from '../assets.ts';
import { page } from '../layout.tsx';
import { makeUi, type Ui, type WebDeps } from '../ui.ts';
import type { StaffEdge } from './edge.ts';
import { staffMessagesFor, type StaffMessages } from './i18n/messages.ts';
import { staffCss } from './assets.ts';

/** The signed-in account as the layout shows it. */
export interface Who {
  actor: Extract<Actor, { kind: 'staff' }>;
  token: string;
  name: string;
  grants: readonly RoleGrant[];
  /** Names of the organisations the grants name. */
  organisations: ReadonlyMap<string, LocalizedText>;
  csrf: string;
}

export interface StaffContext {
  c: Context;
  lang: Lang;
  ui: Ui;
  s: StaffMessages;
  deps: WebDeps;
  edge: StaffEdge;
  /** The audit's request context: this request's id and the page's purpose. */
  ctx: (purpose: string) => RequestContext;
  /** `/{lang}/staff{path}` */
  to: (path: string) => string;
  html: (node: Child, status?: number) => Response;
  redirect: (path: string) => Response;
}

export type StaffPageContext = StaffContext & { who: Who };

export function staffContext(c: Context, deps: WebDeps, edge: StaffEdge): StaffContext {
  const lang = c.req.param('lang') as Lang;
  const url = new URL(c.req.url);
  const here = `${url.pathname.slice(lang.length + 1)}${c.req.method === 'GET' ? url.search : ''}`;
  const assets = loadAssets();
  const ui = makeUi(lang, here, deps.today(), { css: assets.css.url, js: assets.js.url });
  const to = (path: string) => `/${lang}/staff${path}`;
  return {
    c,
    lang,
    ui,
    s: staffMessagesFor(lang),
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
  };
}

export const cssUrl = () => staffCss().url;

/** The session cookie's token, if any. */
export function sessionToken(p: StaffContext): string | null {
  const token = getCookie(p.c, p.edge.cookie.name);
  return token !== undefined && token !== '' ? token : null;
}

/**
 * The signed-in account, or null when the request has no live session (none, unknown,
 * expired or revoked).
 */
export async function whoIsSignedIn(p: StaffContext): Promise<Who | null> {
  const token = sessionToken(p);
  if (token === null || !p.edge.isTokenShaped(token)) return null;
  const { accounts } = p.edge.service;
  const who = await accounts.whoami(token);
  if (!who.ok) return null;
  const actor = {
    kind: 'staff' as const,
    accountId: who.value.account.id,
    grants: who.value.grants,
  };
  const organisations = new Map<string, LocalizedText>();
  for (const region of new Set(who.value.grants.map((g) => g.region))) {
    const listed = await p.edge.service.listOrganisations(actor, region, p.ctx('authentication'));
    if (!listed.ok) continue;
    for (const o of listed.value) organisations.set(`${o.region}/${o.code}`, o.name);
  }
  return {
    actor,
    token,
    name: who.value.account.displayName,
    grants: who.value.grants,
    organisations,
    csrf: p.edge.csrfTokenFor(token),
  };
}

/** The form of a POST as strings (a file or a repeated field: its first/last value as text). */
export async function formOf(p: StaffContext): Promise<Record<string, string>> {
  const body = await p.c.req.parseBody({ all: true }).catch(() => ({}));
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const one = Array.isArray(value) ? value.join('\n') : value;
    if (typeof one === 'string') out[key] = one;
  }
  return out;
}

/** All values of a repeated field (checkboxes). */
export async function listOf(p: StaffContext, name: string): Promise<string[]> {
  const body = await p.c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const value = (body as Record<string, unknown>)[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((v): v is string => typeof v === 'string');
}
