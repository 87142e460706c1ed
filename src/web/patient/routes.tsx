/**
 * "My medicines" under `/{lang}/my/…` (docs/adr/0020-patient-access.md), mounted by `createApp`
 * when the patient edge is configured. No ids in the URLs: the patient is whoever the session
 * names. Pages decide nothing about access: each calls a use case, which authorises the patient
 * against themself and audits.
 */
import { Hono, type Context } from 'hono';
import type { WebDeps } from '../ui.ts';
import {
  patientContext,
  formOf,
  type Me,
  type MyPageContext,
  type PatientContext,
} from './context.ts';
import type { PatientEdge } from './edge.ts';
import { ProblemPage } from './layout.tsx';
import { recordRoutes } from './pages/records.tsx';
import { signInRoutes } from './pages/sign-in.tsx';

const LANG = ':lang{(?:kk|ru|en)}';

type Handler<P> = (p: P) => Response | Promise<Response>;

export interface PatientRoutes {
  open(method: 'get' | 'post', path: string, handler: Handler<PatientContext>): void;
  /** A signed-in page; a POST must carry the session's CSRF token. */
  page(method: 'get' | 'post', path: string, handler: Handler<MyPageContext>): void;
}

async function signedIn(p: PatientContext): Promise<Me | null> {
  const token = p.cookie(p.edge.cookies.session);
  if (token === null) return null;
  const actor = await p.edge.access.authenticate(token);
  return actor ? { actor, token, csrf: p.edge.csrfTokenFor(token) } : null;
}

export function patientWebRoutes(deps: WebDeps, edge: PatientEdge) {
  const app = new Hono();
  const base = `/${LANG}/my`;
  app.get(base, (c) => c.redirect(`/${c.req.param('lang')}/my/`, 301));
  const context = (c: Context) => patientContext(c, deps, edge);
  const routes: PatientRoutes = {
    open: (method, path, handler) => {
      app[method](`${base}${path}`, (c) => handler(context(c)));
    },
    page: (method, path, handler) => {
      app[method](`${base}${path}`, async (c) => {
        const p = context(c);
        const me = await signedIn(p);
        if (!me) {
          const had = c.req.header('cookie')?.includes(`${edge.cookies.session}=`) ?? false;
          if (had) p.dropCookie(edge.cookies.session);
          return p.redirect(had ? '/sign-in?session=ended' : '/sign-in');
        }
        if (method === 'post') {
          const form = await formOf(p);
          if (!edge.isCsrfTokenValid(me.token, form.csrf)) {
            return p.html(<ProblemPage p={p} me={me} kind="csrf" />, 403);
          }
        }
        return handler({ ...p, me });
      });
    },
  };
  signInRoutes(routes);
  recordRoutes(routes);
  app.all(`${base}/*`, async (c) => {
    const p = context(c);
    return p.html(<ProblemPage p={p} me={await signedIn(p)} kind="notFound" />, 404);
  });
  return app;
}
