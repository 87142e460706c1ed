/**
 * The public web pages, mounted at `/` by `createApp`: `/` redirects to
 * `/kk/`; every page lives under `/{kk|ru|en}/…`; `/assets/…` serves the one
 * stylesheet and the one script. Pages call the same use cases as the API
 * (src/app), in-process. Middleware is registered on these paths only, so the
 * API's responses are untouched.
 */
import { Hono, type Context } from 'hono';
import type { ActId } from '../domain/act.ts';
import { IsoDate } from '../domain/date.ts';
import type { Lang } from '../domain/text.ts';
import { loadAssets } from './assets.ts';
import { page } from './layout.tsx';
import { DATE_QUERIES, type PageContext, type Routes } from './page-context.ts';
import { makeUi, type WebDeps } from './ui.ts';
import { actRoutes } from './routes/acts.tsx';
import { browseRoutes } from './routes/browse.tsx';
import { checkRoutes } from './routes/check.tsx';
import { feedRoutes, type FeedOptions } from './routes/feeds.tsx';
import { regionRoutes } from './routes/regions.tsx';
import { BadRequestPage, NotFoundPage } from './pages/not-found.tsx';

// A group, so the alternation is anchored as a whole: `{kk|ru|en}` would read as
// "starts with kk, or contains ru, or ends with en" (`/green/` once matched as `en`).
const LANG = ':lang{(?:kk|ru|en)}';

export function webRoutes(
  deps: WebDeps,
  options: FeedOptions = { publicBaseUrl: () => 'http://localhost' },
) {
  const app = new Hono();
  const assets = loadAssets();

  app.get('/', (c) => c.redirect('/kk/', 302));
  for (const lang of ['kk', 'ru', 'en']) app.get(`/${lang}`, (c) => c.redirect(`/${lang}/`, 301));

  app.get('/assets/:file', (c) => {
    const asset = assets.byUrl.get(c.req.path);
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });

  const context = (c: Context): PageContext => {
    const lang = c.req.param('lang') as Lang;
    const url = new URL(c.req.url);
    const here = `${url.pathname.slice(lang.length + 1) || '/'}${c.req.method === 'GET' ? url.search : ''}`;
    const today = deps.today();
    const ui = makeUi(
      lang,
      here,
      today,
      { css: assets.css.url, js: assets.js.url },
      (id) => deps.services.registry.acts.get(id as ActId)?.act,
    );
    return {
      c,
      ui,
      deps,
      dateParam: (name, fallback = today) => {
        const parsed = IsoDate.safeParse(c.req.query(name));
        return parsed.success ? parsed.data : fallback;
      },
      badDate: (names) => {
        const name = names.find((n) => {
          const value = c.req.query(n);
          return value !== undefined && value !== '' && !IsoDate.safeParse(value).success;
        });
        return name ? { name, value: c.req.query(name) ?? '' } : null;
      },
      query: (name) => (c.req.query(name) ?? '').trim(),
      html: (node, status = 200, cache = 'no-cache') =>
        c.html(page(node), status, { 'cache-control': cache, vary: 'accept-encoding' }),
    };
  };
  const routes: Routes = {
    get: (path, handler, options) => {
      app.get(`/${LANG}${path}`, (c) => {
        const p = context(c);
        const bad = p.badDate(options?.dates ?? DATE_QUERIES);
        if (!bad) return handler(p);
        const { m } = p.ui;
        const label = bad.name === 'date' ? m.common.date : m.changes[bad.name];
        return p.html(
          <BadRequestPage ui={p.ui} message={m.common.badDate(label, bad.value)} />,
          400,
        );
      });
    },
    post: (path, handler) => {
      app.post(`/${LANG}${path}`, (c) => handler(context(c)));
    },
  };
  // Before the region pages: `changes.atom` must not be read as a region's sub-page.
  feedRoutes(deps, routes, options);
  regionRoutes(deps, routes);
  actRoutes(deps, routes);
  browseRoutes(deps, routes);
  checkRoutes(deps, routes);

  app.all(`/${LANG}/*`, (c) => {
    const p = context(c);
    return p.html(<NotFoundPage ui={p.ui} />, 404);
  });
  return app;
}
