/** Regions: the home page, a region's list on a date (and its filter answer), an item, what changed. */
import { actsFor, catalogFor, diffFor, itemFor, listStructures } from '../../app/queries.ts';
import { regionsWithLists } from '../../app/browse.ts';
import { describeEffective, selectVersion } from '../../domain/catalog.ts';
import { addDays } from '../../domain/date.ts';
import type { Region } from '../../domain/region.ts';
import { readFilter, visibleKeys } from '../filter.ts';
import type { PageContext, Routes } from '../page-context.ts';
import { ChangesPage } from '../pages/changes.tsx';
import { HomePage, type RegionSummary } from '../pages/home.tsx';
import { ItemPage } from '../pages/item.tsx';
import { NotFoundPage } from '../pages/not-found.tsx';
import { CatalogPage } from '../pages/region.tsx';
import type { WebDeps } from '../ui.ts';

export function regionRoutes(deps: WebDeps, routes: Routes) {
  const { registry } = deps.services;
  const withLists = new Set(regionsWithLists(registry).map((r) => r.code));

  const summaries = (p: PageContext): RegionSummary[] =>
    [...registry.regions]
      .map((region) => ({
        region,
        catalog: withLists.has(region.code) ? catalogFor(registry, region, p.ui.today) : null,
      }))
      .sort((a, b) => a.region.name[p.ui.lang].localeCompare(b.region.name[p.ui.lang], p.ui.lang));

  const home = (p: PageContext) => p.html(<HomePage ui={p.ui} regions={summaries(p)} />);
  routes.get('/', home);
  routes.get('/regions', home);

  /** The region in the path, or a 404 page. */
  const withRegion =
    (handler: (p: PageContext, region: Region) => Response | Promise<Response>) =>
    (p: PageContext) => {
      const region = registry.region(p.c.req.param('region') ?? '');
      if (!region) return p.html(<NotFoundPage ui={p.ui} />, 404);
      return handler(p, region);
    };

  routes.get(
    '/regions/:region',
    withRegion((p, region) => {
      const date = p.dateParam('date');
      const catalog = catalogFor(registry, region, date);
      const versions = registry.listVersions(region.code);
      const selection = versions.length > 0 ? selectVersion(versions, date) : null;
      const version =
        selection === null
          ? null
          : selection.kind === 'not_covered'
            ? selection.first
            : selection.version;
      const filter = readFilter(p.query);
      return p.html(
        <CatalogPage
          ui={p.ui}
          view={{
            region,
            catalog,
            sections: version?.list.sections ?? [],
            listTitle: version?.list.title ?? null,
            firstInForce: versions[0]?.effective ?? null,
            filter,
            visible: visibleKeys(registry, region, catalog, filter),
          }}
        />,
      );
    }),
  );

  // The page script's instant filter: the same filter, as the keys of the items to show.
  routes.get(
    '/regions/:region/match',
    withRegion((p, region) => {
      const catalog = catalogFor(registry, region, p.dateParam('date'));
      const keys = visibleKeys(registry, region, catalog, readFilter(p.query));
      const { m } = p.ui;
      const message =
        keys.size === 0 ? m.catalog.noMatches : m.catalog.showing(keys.size, catalog.items.length);
      return p.c.json({ total: catalog.items.length, keys: [...keys], message }, 200, {
        'cache-control': 'no-cache',
      });
    }),
  );

  routes.get(
    '/regions/:region/items/:section{[0-9]+}/:item{[0-9]+}',
    withRegion((p, region) => {
      const section = p.c.req.param('section') ?? '';
      const number = p.c.req.param('item') ?? '';
      const date = p.dateParam('date');
      const detail = itemFor(registry, region, section, number, date);
      if (!detail) return p.html(<NotFoundPage ui={p.ui} />, 404);
      const cited = detail.item?.citation.source;
      const source = cited ? registry.sources.get(cited.file) : undefined;
      return p.html(
        <ItemPage
          ui={p.ui}
          view={{
            region,
            sectionNumber: section,
            number,
            date,
            detail,
            sourceLines: source && cited ? source.slice(cited.lines[0] - 1, cited.lines[1]) : null,
            acts: detail.acts.map((a) => ({
              act: a.act,
              inForce: describeEffective(a.effective)[p.ui.lang],
            })),
          }}
        />,
      );
    }),
  );

  routes.get(
    '/regions/:region/changes',
    withRegion((p, region) => {
      const to = p.dateParam('to');
      const from = p.dateParam('from', addDays(to, -365));
      const error = from > to ? p.ui.m.changes.fromAfterTo : null;
      const view = {
        region,
        from,
        to,
        error,
        diff: error ? null : diffFor(registry, region, from, to),
        texts: registry.listVersions(region.code).map((v) => ({
          edition: v.list.edition,
          amendedBy: v.list.amendedBy,
          inForce: describeEffective(v.effective),
        })),
        acts: actsFor(registry, region)
          .map((a) => ({ act: a.act, inForce: describeEffective(a.effective) }))
          .sort((a, b) => a.act.adopted.localeCompare(b.act.adopted)),
        structures: listStructures(registry, region),
      };
      return p.html(<ChangesPage ui={p.ui} view={view} />, error ? 400 : 200);
    }),
  );
}
