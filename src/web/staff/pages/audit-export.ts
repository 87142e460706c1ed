/**
 * The exports of an audit search (issue 12, item 6): CSV (UTF-8 with a BOM, formula-safe:
 * src/ops/audit-csv.ts) and a FHIR searchset Bundle of AuditEvent (the mapping of
 * src/fhir/ops/audit-event.ts). Both stream, a page of records at a time, so an export of the
 * whole trail never sits in memory; the use case audits the export before the first page.
 * `no-store` and an attachment, like every staff answer.
 */
import type { AuditRecord } from '../../../ops/audit.ts';
import { auditCsvHeader, auditCsvRow } from '../../../ops/audit-csv.ts';
import { auditEventOf } from '../../../fhir/ops/audit-event.ts';
import type { ExportFormat } from '../../../app/ops/audit-trail.ts';
import type { StaffPageContext } from '../context.ts';
import type { StaffRoutes } from '../routes.tsx';
import { failurePage, REGION } from './admin-shared.tsx';
import { AUDIT_PURPOSE, filterQueryOf, queryOf } from './audit.tsx';

/** Where the FHIR API serves AuditEvent (the fullUrl of each entry): src/http/routes/fhir-ops.ts. */
const FHIR_BASE = '/fhir/R4';

interface Shape {
  type: string;
  extension: string;
  head: (selfUrl: string) => string;
  item: (r: AuditRecord, first: boolean, origin: string) => string;
  tail: string;
}

const SHAPES: Record<ExportFormat, Shape> = {
  csv: {
    type: 'text/csv; charset=utf-8',
    extension: 'csv',
    head: () => auditCsvHeader(),
    item: (r) => auditCsvRow(r),
    tail: '',
  },
  fhir: {
    type: 'application/fhir+json; charset=utf-8',
    extension: 'fhir.json',
    head: (selfUrl) =>
      `{"resourceType":"Bundle","type":"searchset","link":[${JSON.stringify({ relation: 'self', url: selfUrl })}],"entry":[`,
    item: (r, first, origin) =>
      `${first ? '' : ','}${JSON.stringify({
        fullUrl: `${origin}${FHIR_BASE}/AuditEvent/${r.sequence}`,
        resource: auditEventOf(r),
        search: { mode: 'match' },
      })}`,
    tail: ']}',
  },
};

function streamOf(
  pages: AsyncIterable<AuditRecord[]>,
  shape: Shape,
  selfUrl: string,
  origin: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let first = true;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(shape.head(selfUrl)));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        controller.enqueue(encoder.encode(shape.tail));
        controller.close();
        return;
      }
      const text = next.value.map((r) => {
        const line = shape.item(r, first, origin);
        first = false;
        return line;
      });
      controller.enqueue(encoder.encode(text.join('')));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

async function exportAnswer(p: StaffPageContext, format: ExportFormat): Promise<Response> {
  const region = p.c.req.param('region') ?? '';
  const filter = filterQueryOf((k) => p.c.req.query(k));
  const exported = await p.edge.service.auditTrail.export(
    p.who.actor,
    region,
    filter,
    format,
    p.ctx(AUDIT_PURPOSE),
  );
  if (!exported.ok) {
    return exported.issues.some((i) => i.code === 'AUTH_REFUSED')
      ? failurePage(p, exported.issues)
      : p.redirect(`/audit/${region}${queryOf(filter)}`);
  }
  const shape = SHAPES[format];
  const origin = new URL(p.c.req.url).origin;
  const selfUrl = `${origin}${p.to(`/audit/${region}/export.${shape.extension}${queryOf(filter)}`)}`;
  return new Response(streamOf(exported.value.pages, shape, selfUrl, origin), {
    status: 200,
    headers: {
      'content-type': shape.type,
      'content-disposition': `attachment; filename="audit-${region}.${shape.extension}"`,
      'cache-control': 'no-store',
      vary: 'cookie',
      'x-content-type-options': 'nosniff',
    },
  });
}

export function auditExportRoutes(routes: StaffRoutes): void {
  routes.page('get', `/audit/${REGION}/export.csv`, (p) => exportAnswer(p, 'csv'));
  routes.page('get', `/audit/${REGION}/export.fhir.json`, (p) => exportAnswer(p, 'fhir'));
}
