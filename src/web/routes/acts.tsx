/** `/{lang}/acts/{id}`: one legal act. */
import { actsFor, listStructures } from '../../app/queries.ts';
import { describeEffective } from '../../domain/catalog.ts';
import type { Routes } from '../page-context.ts';
import { ActPage } from '../pages/act.tsx';
import { NotFoundPage } from '../pages/not-found.tsx';
import type { WebDeps } from '../ui.ts';

export function actRoutes(deps: WebDeps, routes: Routes) {
  const { registry } = deps.services;
  routes.get('/acts/:id', (p) => {
    const id = p.c.req.param('id') ?? '';
    const found = actsFor(registry).find((a) => a.act.id === id);
    const region = found ? registry.region(found.act.issuer.region) : undefined;
    if (!found || !region) return p.html(<NotFoundPage ui={p.ui} />, 404);
    const hasList = registry
      .listVersions(region.code)
      .some(
        (v) => v.list.act === id || v.list.edition === id || v.list.amendedBy.some((a) => a === id),
      );
    return p.html(
      <ActPage
        ui={p.ui}
        view={{
          act: found.act,
          region,
          inForce: describeEffective(found.effective),
          hasList,
          structures: listStructures(registry, region),
        }}
      />,
    );
  });
}
