/** Search, diff, compare and the entitlement engine. */
import { createRoute, z } from '@hono/zod-openapi';
import { compareFor, diffFor, evaluateFor, searchFor } from '../../app/queries.ts';
import type { IsoDate } from '../../domain/date.ts';
import type { Region } from '../../domain/region.ts';
import { findRegion, router, type HttpDeps } from '../context.ts';
import { jsonResponse } from '../json.ts';
import { field, invalid, notFound } from '../problem.ts';
import {
  CompareAnswer,
  DateParam,
  DiffAnswer,
  EntitlementsAnswer,
  PatientFacts,
  ProblemSchema,
  RegionParam,
  SearchAnswer,
  problemResponses,
} from '../schemas.ts';

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** At most this many regions in one comparison (there are 20), so one request cannot stall the server. */
export const COMPARE_REGIONS_MAX = 20;
const COMPARE_REGIONS_TEXT_MAX = 1000;

/** The regions named in `query.regions`: each once, two to COMPARE_REGIONS_MAX, or a problem. */
function compareRegions(deps: HttpDeps, text: string): Region[] {
  const keys = [...new Set(text.split(',').map((k) => k.trim()))].filter(Boolean);
  const refuse = (message: string) =>
    invalid([{ code: 'HTTP_INVALID', field: 'query.regions', message }]);
  if (keys.length > COMPARE_REGIONS_MAX) {
    throw refuse(`name at most ${COMPARE_REGIONS_MAX} regions, not ${keys.length}`);
  }
  const regions = new Map<string, Region>();
  for (const key of keys) {
    const region = deps.services.registry.region(key);
    if (!region) throw notFound(`query.regions: "${key}" is not a region code or slug`);
    regions.set(region.code, region);
  }
  if (regions.size < 2) throw refuse('name at least two different regions');
  return [...regions.values()];
}

export function questionRoutes(deps: HttpDeps) {
  const app = router();
  const { registry, engine } = deps.services;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/search',
      operationId: 'search',
      summary: 'Items covering a diagnosis, ICD-10 code, INN, ATC code or product name (kk/ru/en)',
      request: {
        query: z.object({ q: z.string().min(2).max(200).openapi({ example: 'canakinumab' }) }),
      },
      responses: { 200: json(SearchAnswer, 'Matching items of every region'), ...problemResponses },
    }),
    (c) => {
      const { q } = c.req.valid('query');
      return c.json({ query: q, results: searchFor(registry, q) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/regions/{region}/diff',
      operationId: 'getDiff',
      summary: "What changed in a region's list between two dates",
      request: { params: RegionParam, query: z.object({ from: DateParam, to: DateParam }) },
      responses: {
        200: json(DiffAnswer, 'Changes, the acts behind them, and what cannot be told'),
        ...problemResponses,
      },
    }),
    (c) => {
      const region = findRegion(deps, c.req.valid('param').region);
      const { from, to } = c.req.valid('query');
      if (from > to) {
        throw invalid([
          {
            code: 'HTTP_INVALID',
            field: 'query.from',
            message: `${from} is after query.to (${to})`,
          },
        ]);
      }
      return c.json(diffFor(registry, region, from as IsoDate, to as IsoDate), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/compare',
      operationId: 'compareRegions',
      summary:
        'Regions side by side on a date: which diagnoses and INNs are covered where, on which terms',
      request: {
        query: z.object({
          regions: z
            .string()
            .max(COMPARE_REGIONS_TEXT_MAX)
            .openapi({
              example: 'KZ-27,KZ-35',
              description: `Two to ${COMPARE_REGIONS_MAX} different region codes or slugs, comma-separated (a region named twice counts once)`,
            }),
          date: DateParam.optional(),
        }),
      },
      responses: { 200: json(CompareAnswer, 'The comparison'), ...problemResponses },
    }),
    (c) => {
      const query = c.req.valid('query');
      const regions = compareRegions(deps, query.regions);
      return c.json(
        compareFor(registry, regions, (query.date as IsoDate | undefined) ?? deps.today()),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/entitlements',
      operationId: 'evaluateEntitlements',
      summary: 'What a patient is entitled to, on which legal basis, and what is still unmet',
      request: {
        body: { required: true, content: { 'application/json': { schema: PatientFacts } } },
      },
      responses: {
        200: json(EntitlementsAnswer, 'Entitlements (the same JSON as the CLI)'),
        ...problemResponses,
        413: {
          description: 'The body is larger than the limit (TEGIN_BODY_LIMIT, 64 KiB by default)',
          content: { 'application/problem+json': { schema: ProblemSchema } },
        },
      },
    }),
    (c) => {
      const answer = evaluateFor(registry, engine, c.req.valid('json'));
      if (!answer.ok) {
        throw invalid(
          answer.issues.map((i) => ({
            code: i.code,
            field: field('body', i.path),
            message: i.message,
          })),
        );
      }
      return jsonResponse(c, answer.result);
    },
  );
  return app;
}
