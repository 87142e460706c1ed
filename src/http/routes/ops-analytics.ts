/**
 * The analyses over the API (docs/adr/0018-analytics.md, 0019-need-and-budget.md): impact of a
 * list change, coverage gaps, need and budget, and the what-if of a draft list sent in the body.
 * Aggregates only — counts and money, small counts suppressed where the analysis does so, never
 * a patient — through the one AnalyticsUseCases (authorised as `analytics.aggregate`, audited as
 * a region-level read). Every answer is JSON, or one table as CSV (`?format=csv&table=KEY`) or
 * every table as XLSX (`?format=xlsx`), written from src/app/analytics/tables.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AnalyticsUseCases } from '../../app/analytics/analytics.ts';
import {
  gapsTables,
  impactTables,
  needTables,
  tableByKey,
  whatIfTables,
  type AnalyticsTable,
} from '../../app/analytics/tables.ts';
import { CSV_TYPE, toCsv } from '../../app/exports/csv.ts';
import { toXlsx, XLSX_TYPE } from '../../app/exports/xlsx.ts';
import type { OpsEdge } from '../context.ts';
import { contextOf, type OpsEnv } from '../ops/auth.ts';
import { valueOf } from '../ops/outcome.ts';
import { opsRouter } from '../ops/router.ts';
import { body, opsProblems, RegionQuery, SIGNED_IN } from '../ops/schemas.ts';
import { invalid } from '../problem.ts';

const PURPOSE = 'planning';

const Day = (example: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
    .openapi({ example });
const Whole = (example: string) =>
  z
    .string()
    .regex(/^\d{1,4}$/, 'expected a whole number')
    .openapi({ example });

/** How an answer is sent: JSON (default), one table as CSV, every table as XLSX. */
const Output = {
  format: z.enum(['json', 'csv', 'xlsx']).optional().openapi({ example: 'csv' }),
  table: z
    .string()
    .regex(/^[a-z]{1,16}$/, 'expected a table key')
    .optional()
    .openapi({ description: 'The table of a CSV (see each operation); default the first' }),
};

const Answer = (name: string, description: string) =>
  z.looseObject({ region: z.string() }).openapi(name, { description });

const answers = (name: string, description: string, tables: string) => ({
  200: {
    description: `${description}; as CSV, one of the tables ${tables}; as XLSX, all of them`,
    content: {
      'application/json': { schema: Answer(name, description) },
      'text/csv': { schema: z.string() },
      [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
    },
  },
  ...opsProblems,
});

/** The answer in the format asked for; an unknown table is a problem naming `query.table`. */
function send(
  c: Context<OpsEnv>,
  output: { format?: 'json' | 'csv' | 'xlsx' | undefined; table?: string | undefined },
  value: object,
  tables: AnalyticsTable[],
  file: string,
): Response {
  const attachment = (ext: string) => ({
    'Content-Disposition': `attachment; filename="${file}.${ext}"`,
  });
  switch (output.format ?? 'json') {
    case 'json':
      return c.json(value, 200);
    case 'csv': {
      const table = tableByKey(tables, output.table);
      if (!table) {
        throw invalid(
          [
            {
              code: 'OPS_INPUT',
              field: 'query.table',
              message: `expected one of ${tables.map((t) => t.key).join(', ')}`,
            },
          ],
          'OPS_INPUT',
        );
      }
      return c.body(toCsv(table), 200, {
        'Content-Type': CSV_TYPE,
        ...attachment(`${table.key}.csv`),
      });
    }
    case 'xlsx':
      return c.body(toXlsx(tables).slice().buffer, 200, {
        'Content-Type': XLSX_TYPE,
        ...attachment('xlsx'),
      });
    default:
      throw new Error(`unhandled format ${String(output.format)}`);
  }
}

export function opsAnalyticsRoutes(edge: OpsEdge, analytics: AnalyticsUseCases) {
  const app = opsRouter(edge);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/analytics/impact',
      operationId: 'analyticsImpact',
      summary: 'Who gains or loses an entitlement on a day, by item and diagnosis (counts)',
      security: SIGNED_IN,
      request: {
        query: z.object({ region: RegionQuery, date: Day('2027-02-01'), ...Output }),
      },
      responses: answers('ImpactAnswer', 'The impact, small counts suppressed', '`item`'),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const result = await analytics.impact(
        c.get('signed').actor,
        { region: q.region, date: q.date, view: 'aggregate' },
        contextOf(c, PURPOSE),
      );
      const value = valueOf(result, { region: 'query', date: 'query' });
      return send(c, q, value.impact, impactTables(value), `impact-${q.region}-${q.date}`);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/analytics/gaps',
      operationId: 'analyticsGaps',
      summary: 'Entitled patients with nothing dispensed in N months, and overdue deferrals',
      security: SIGNED_IN,
      request: {
        query: z.object({
          region: RegionQuery,
          on: Day('2027-01-31'),
          months: Whole('3').optional(),
          ...Output,
        }),
      },
      responses: answers(
        'GapsAnswer',
        'Gaps by organisation, diagnosis and item, small counts suppressed',
        '`organisation`, `diagnosis`, `item`',
      ),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const result = await analytics.gaps(
        c.get('signed').actor,
        {
          region: q.region,
          on: q.on,
          ...(q.months === undefined ? {} : { months: Number(q.months) }),
          view: 'aggregate',
        },
        contextOf(c, PURPOSE),
      );
      const value = valueOf(result, { region: 'query', on: 'query', months: 'query' });
      return send(c, q, value.gaps, gapsTables(value), `gaps-${q.region}-${q.on}`);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/analytics/need',
      operationId: 'analyticsNeed',
      summary: 'Need and budget of a year: morbidity method, consumption method beside it',
      security: SIGNED_IN,
      request: {
        query: z.object({
          region: RegionQuery,
          year: Whole('2026'),
          census: Day('2026-07-01').optional(),
          ...Output,
        }),
      },
      responses: answers(
        'NeedAnswer',
        'Both methods; a missing dose, pack size or price is shown as missing with its reason',
        '`morbidity`, `consumption`',
      ),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const result = await analytics.need(
        c.get('signed').actor,
        {
          region: q.region,
          year: Number(q.year),
          ...(q.census === undefined ? {} : { census: q.census }),
        },
        contextOf(c, PURPOSE),
      );
      const value = valueOf(result, { region: 'query', year: 'query', census: 'query' });
      return send(c, q, value, needTables(value), `need-${q.region}-${q.year}`);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/analytics/whatif',
      operationId: 'analyticsWhatIf',
      summary: 'What a draft list would change: gains, losses, packs and cost (never published)',
      security: SIGNED_IN,
      request: {
        query: z.object(Output),
        ...body(
          z
            .object({
              region: RegionQuery,
              date: Day('2027-01-01'),
              draft: z.string().openapi({
                description: 'The draft list file (YAML, the format of data/KZ-NN/lists/*.yaml)',
              }),
              name: z.string().optional().openapi({ example: 'draft.yaml' }),
            })
            .openapi('WhatIfRequest'),
        ),
      },
      responses: answers(
        'WhatIfAnswer',
        'Gains and losses by item and diagnosis, and the budget with the law and the draft',
        '`item`, `diagnosis`, `budget`',
      ),
    }),
    async (c) => {
      const q = c.req.valid('query');
      const input = c.req.valid('json');
      const result = await analytics.whatIf(c.get('signed').actor, input, contextOf(c, PURPOSE));
      const value = valueOf(result);
      return send(c, q, value, whatIfTables(value), `whatif-${value.region}-${value.date}`);
    },
  );
  return app;
}
