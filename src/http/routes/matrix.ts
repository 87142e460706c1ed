/**
 * The coverage matrix of every region with a list on a date (src/app/matrix.ts): JSON, and the
 * same as CSV (RFC 4180, UTF-8 with BOM) and XLSX, one line per row × region × item, in the
 * language asked. Public answers, cached under /api/v1/compare like the comparison.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { CSV_TYPE, toCsv } from '../../app/exports/csv.ts';
import { XLSX_TYPE, toXlsx } from '../../app/exports/xlsx.ts';
import { coverageMatrix, matrixTable } from '../../app/matrix.ts';
import type { IsoDate } from '../../domain/date.ts';
import { router, type HttpDeps } from '../context.ts';
import { Coverage, DateParam, Lang, Localized, problemResponses } from '../schemas.ts';

const MatrixAnswer = z
  .looseObject({
    date: z.string(),
    regions: z.array(z.looseObject({ code: z.string(), name: Localized, coverage: Coverage })),
    rows: z.array(
      z.looseObject({
        axis: z.enum(['diagnosis', 'inn']),
        key: z.string(),
        label: Localized,
        cells: z.record(
          z.string(),
          z.array(
            z.looseObject({
              sectionNumber: z.string(),
              item: z.string(),
              status: z.string(),
              age: z.string(),
              dispensaryRegistration: z.string(),
              commission: z.boolean(),
              conditions: z.array(z.string()),
              citation: z.looseObject({ act: z.string() }),
            }),
          ),
        ),
      }),
    ),
  })
  .openapi('CoverageMatrix');

const ExportQuery = z.object({
  date: DateParam.optional(),
  lang: Lang.optional().openapi({ description: 'Language of labels and terms (default en)' }),
});

export function matrixRoutes(deps: HttpDeps) {
  const app = router();
  const { registry } = deps.services;
  const matrixOf = (date: string | undefined) =>
    coverageMatrix(registry, (date as IsoDate | undefined) ?? deps.today());

  app.openapi(
    createRoute({
      method: 'get',
      path: '/compare/matrix',
      operationId: 'getCoverageMatrix',
      summary:
        'Every region with a list on a date: by diagnosis and INN, which region gives what, on which terms',
      request: { query: z.object({ date: DateParam.optional() }) },
      responses: {
        200: {
          description: 'The matrix; each cell cites its item',
          content: { 'application/json': { schema: MatrixAnswer } },
        },
        ...problemResponses,
      },
    }),
    (c) => c.json(matrixOf(c.req.valid('query').date), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/compare/matrix.csv',
      operationId: 'getCoverageMatrixCsv',
      summary: 'The coverage matrix as CSV (RFC 4180, UTF-8 with BOM, formula-safe)',
      request: { query: ExportQuery },
      responses: {
        200: {
          description: 'One line per row, region and item',
          content: { 'text/csv': { schema: z.string() } },
        },
        ...problemResponses,
      },
    }),
    (c) => {
      const { date, lang = 'en' } = c.req.valid('query');
      const matrix = matrixOf(date);
      return c.body(toCsv(matrixTable(matrix, lang)), 200, {
        'content-type': CSV_TYPE,
        'content-disposition': `attachment; filename="tegin-coverage-${matrix.date}-${lang}.csv"`,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/compare/matrix.xlsx',
      operationId: 'getCoverageMatrixXlsx',
      summary: 'The coverage matrix as an XLSX workbook (the CSV lines, formula-safe)',
      request: { query: ExportQuery },
      responses: {
        200: {
          description: 'One sheet, one line per row, region and item',
          content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problemResponses,
      },
    }),
    (c) => {
      const { date, lang = 'en' } = c.req.valid('query');
      const matrix = matrixOf(date);
      const bytes = toXlsx([matrixTable(matrix, lang)]);
      return c.body(bytes.buffer as ArrayBuffer, 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="tegin-coverage-${matrix.date}-${lang}.xlsx"`,
      });
    },
  );
  return app;
}
