/** Regions, catalogues, items, acts: the registry as of a date. */
import { createRoute, z } from '@hono/zod-openapi';
import { actsFor, catalogFor, itemFor } from '../../app/queries.ts';
import type { IsoDate } from '../../domain/date.ts';
import { findRegion, router, type HttpDeps } from '../context.ts';
import { notFound } from '../problem.ts';
import {
  Act,
  Catalog,
  DateParam,
  ItemDetail,
  Region,
  RegionParam,
  problemResponses,
} from '../schemas.ts';

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export function registryRoutes(deps: HttpDeps) {
  const app = router();
  const { registry } = deps.services;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/regions',
      operationId: 'listRegions',
      summary: 'The 20 regions, with how many list texts tegin holds for each',
      responses: {
        200: json(z.object({ regions: z.array(Region) }), 'Regions'),
        ...problemResponses,
      },
    }),
    (c) =>
      c.json(
        {
          regions: registry.regions.map((r) => ({
            ...r,
            lists: registry.listVersions(r.code).length,
          })),
        },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/regions/{region}/catalog',
      operationId: 'getCatalog',
      summary: "A region's list as in force on a date",
      request: { params: RegionParam, query: z.object({ date: DateParam.optional() }) },
      responses: {
        200: json(Catalog, 'The list, each item in_force, excluded or unknown'),
        ...problemResponses,
      },
    }),
    (c) => {
      const region = findRegion(deps, c.req.valid('param').region);
      const date = (c.req.valid('query').date as IsoDate | undefined) ?? deps.today();
      return c.json(catalogFor(registry, region, date), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/regions/{region}/items/{section}/{item}',
      operationId: 'getItem',
      summary:
        'One item: as in force on a date, its citation, its status in every text, the acts behind it',
      request: {
        params: RegionParam.extend({
          section: z
            .string()
            .regex(/^\d+$/)
            .openapi({ param: { name: 'section', in: 'path' }, example: '1' }),
          item: z
            .string()
            .regex(/^\d+$/)
            .openapi({ param: { name: 'item', in: 'path' }, example: '5' }),
        }),
        query: z.object({ date: DateParam.optional() }),
      },
      responses: { 200: json(ItemDetail, 'The item'), ...problemResponses },
    }),
    (c) => {
      const params = c.req.valid('param');
      const region = findRegion(deps, params.region);
      const date = (c.req.valid('query').date as IsoDate | undefined) ?? deps.today();
      const detail = itemFor(registry, region, params.section, params.item, date);
      if (!detail)
        throw notFound(`no item ${params.section}.${params.item} in ${region.code}'s lists`);
      return c.json(
        { ...detail, acts: detail.acts.map((a) => ({ ...a.act, effective: a.effective })) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/acts',
      operationId: 'listActs',
      summary: 'Legal acts with their editions, amendments, notes and effective dates',
      request: { query: z.object({ region: z.string().optional().openapi({ example: 'KZ-35' }) }) },
      responses: { 200: json(z.object({ acts: z.array(Act) }), 'Acts'), ...problemResponses },
    }),
    (c) => {
      const key = c.req.valid('query').region;
      const region = key === undefined ? undefined : findRegion(deps, key, 'query.region');
      return c.json(
        { acts: actsFor(registry, region).map((a) => ({ ...a.act, effective: a.effective })) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/acts/{id}',
      operationId: 'getAct',
      summary: 'One legal act',
      request: {
        params: z.object({
          id: z.string().openapi({
            param: { name: 'id', in: 'path' },
            example: 'KZ-27.maslikhat.2020-09-30.38-3',
          }),
        }),
      },
      responses: { 200: json(Act, 'The act'), ...problemResponses },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const found = actsFor(registry).find((a) => a.act.id === id);
      if (!found) throw notFound(`path.id: no act "${id}"`);
      return c.json({ ...found.act, effective: found.effective }, 200);
    },
  );
  return app;
}
