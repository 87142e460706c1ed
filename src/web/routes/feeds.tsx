/**
 * The change feeds of a region's list: `/{lang}/regions/{region}/changes.atom` (Atom 1.0) and
 * `/{lang}/regions/{region}/changes.json` (JSON Feed 1.1), beside the changes page they follow.
 * Public answers: cached, tagged and compressed by the HTTP layer like the pages. Also the
 * coverage matrix of every region with a list, `/{lang}/compare/all?date=`.
 */
import { coverageMatrix } from '../../app/matrix.ts';
import { changeFeed, type ChangeFeed } from '../../domain/feed.ts';
import type { Region } from '../../domain/region.ts';
import { atomFeed } from '../feeds/atom.ts';
import { jsonFeed } from '../feeds/json-feed.ts';
import { CoverageMatrixPage } from '../pages/coverage-matrix.tsx';
import { NotFoundPage } from '../pages/not-found.tsx';
import type { PageContext, Routes } from '../page-context.ts';
import type { WebDeps } from '../ui.ts';

export interface FeedOptions {
  /** PUBLIC_BASE_URL: feeds carry absolute links, never built from the Host header. */
  publicBaseUrl: () => string;
}

export function feedRoutes(deps: WebDeps, routes: Routes, options: FeedOptions) {
  const { registry } = deps.services;
  const feeds = new Map<string, ChangeFeed>();
  /** The feed of a region with a list (one per region and registry version), or null. */
  const feedOf = (region: Region): ChangeFeed | null => {
    const versions = registry.listVersions(region.code);
    if (versions.length === 0) return null;
    let feed = feeds.get(region.code);
    if (!feed) {
      feed = changeFeed({ region, versions, context: registry });
      // A list no act amended stands at the day its text was current.
      if (feed.updated === null)
        feed = { ...feed, updated: versions.at(-1)?.list.currentAsOf ?? null };
      feeds.set(region.code, feed);
    }
    return feed;
  };
  const serve =
    (render: (p: PageContext, region: Region, feed: ChangeFeed) => Response) =>
    (p: PageContext) => {
      const region = registry.region(p.c.req.param('region') ?? '');
      const feed = region ? feedOf(region) : null;
      if (!region || !feed) return p.html(<NotFoundPage ui={p.ui} />, 404);
      return render(p, region, feed);
    };
  const links = (p: PageContext) => ({
    base: options.publicBaseUrl().replace(/\/+$/, ''),
    lang: p.ui.lang,
  });
  const headers = (type: string) => ({
    'content-type': type,
    'cache-control': 'no-cache',
    vary: 'accept-encoding',
  });

  routes.get(
    '/regions/:region/changes.atom',
    serve((p, region, feed) =>
      p.c.body(
        atomFeed(feed, region, links(p)),
        200,
        headers('application/atom+xml; charset=utf-8'),
      ),
    ),
    { dates: [] },
  );
  routes.get(
    '/regions/:region/changes.json',
    serve((p, region, feed) =>
      p.c.body(
        JSON.stringify(jsonFeed(feed, region, links(p))),
        200,
        headers('application/feed+json; charset=utf-8'),
      ),
    ),
    { dates: [] },
  );

  const byCode = new Map<string, Region>(registry.regions.map((r) => [r.code, r]));
  routes.get('/compare/all', (p) =>
    p.html(
      <CoverageMatrixPage
        ui={p.ui}
        matrix={coverageMatrix(registry, p.dateParam('date'))}
        regions={byCode}
      />,
    ),
  );
}
