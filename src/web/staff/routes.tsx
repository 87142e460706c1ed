/**
 * The staff screens under `/{lang}/staff/…`, mounted by `createApp` beside the public pages
 * (one line, src/http/app.ts) when the operations are served. Signed in by the API's own session
 * cookie; every POST carries the session's CSRF token in a hidden field, checked before the
 * handler runs. Pages decide nothing about access: each calls the use case the API calls, which
 * authorises and audits, and shows its refusal as a 403 page.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { WebDeps } from '../ui.ts';
import {
  formOf,
  staffContext,
  whoIsSignedIn,
  type StaffContext,
  type StaffPageContext,
} from './context.ts';
import type { StaffEdge } from './edge.ts';
import { ProblemPage } from './layout.tsx';
import { staffCss } from './assets.ts';
import { signInRoutes } from './pages/sign-in.tsx';
import { homeRoutes } from './pages/home.tsx';
import { doctorRoutes } from './pages/doctor.tsx';
import { patientRoutes } from './pages/patient.tsx';
import { prescriptionRoutes } from './pages/prescription.tsx';
import { commissionRoutes } from './pages/commission.tsx';
import { pharmacyRoutes } from './pages/pharmacy.tsx';
import { adminRoutes } from './pages/admin.tsx';
import { adminAccountRoutes } from './pages/admin-accounts.tsx';
import { adminParameterRoutes } from './pages/admin-parameters.tsx';
import { auditRoutes } from './pages/audit.tsx';
import { auditExportRoutes } from './pages/audit-export.ts';
import { analyticsRoutes } from './pages/analytics.tsx';

const LANG = ':lang{(?:kk|ru|en)}';

type Handler<P> = (p: P) => Response | Promise<Response>;

export interface StaffRoutes {
  /** A page anyone may open (sign-in). */
  open(method: 'get' | 'post', path: string, handler: Handler<StaffContext>): void;
  /**
   * A signed-in page: without a live session, the sign-in page (saying the session ended when
   * the cookie named one); a POST without the session's CSRF token is a 403 page.
   */
  page(method: 'get' | 'post', path: string, handler: Handler<StaffPageContext>): void;
}

export function staffWebRoutes(deps: WebDeps, edge: StaffEdge) {
  const app = new Hono();
  const css = staffCss();
  app.get(css.url, (c) =>
    c.body(css.body, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    }),
  );
  const base = `/${LANG}/staff`;
  app.get(base, (c) => c.redirect(`/${c.req.param('lang')}/staff/`, 301));
  const context = (c: Context) => staffContext(c, deps, edge);

  const routes: StaffRoutes = {
    open: (method, path, handler) => {
      app[method](`${base}${path}`, (c) => handler(context(c)));
    },
    page: (method, path, handler) => {
      app[method](`${base}${path}`, async (c) => {
        const p = context(c);
        const who = await whoIsSignedIn(p);
        if (!who) {
          const hadCookie = c.req.header('cookie')?.includes(`${edge.cookie.name}=`) ?? false;
          if (hadCookie)
            deleteCookie(c, edge.cookie.name, { path: '/', secure: edge.cookie.secure });
          return p.redirect(hadCookie ? '/sign-in?session=ended' : '/sign-in');
        }
        if (method === 'post') {
          const form = await formOf(p);
          if (!edge.isCsrfTokenValid(who.token, form.csrf)) {
            return p.html(<ProblemPage p={p} who={who} kind="csrf" />, 403);
          }
        }
        return handler({ ...p, who });
      });
    },
  };
  signInRoutes(routes);
  homeRoutes(routes);
  doctorRoutes(routes);
  patientRoutes(routes);
  prescriptionRoutes(routes);
  commissionRoutes(routes);
  pharmacyRoutes(routes);
  adminRoutes(routes);
  adminAccountRoutes(routes);
  adminParameterRoutes(routes);
  auditRoutes(routes);
  auditExportRoutes(routes);
  if (edge.analytics) analyticsRoutes(routes);

  app.all(`${base}/*`, async (c) => {
    const p = context(c);
    return p.html(<ProblemPage p={p} who={await whoIsSignedIn(p)} kind="notFound" />, 404);
  });
  return app;
}
