/**
 * What the Analytics pages share: their dictionary; a table of an analysis (the export's own
 * table, src/app/analytics/tables.ts, its columns named in the page's language), its download
 * links, and the download itself (`?format=csv&table=KEY` or `?format=xlsx`: no-store, an
 * attachment); the chart beside a table; the page of a use case's answer or its problems.
 */
import type { Child } from 'hono/jsx';
import {
  MISSING,
  SUPPRESSED,
  tableByKey,
  type AnalyticsTable,
} from '../../../app/analytics/tables.ts';
import { CSV_TYPE, toCsv } from '../../../app/exports/csv.ts';
import { toXlsx, XLSX_TYPE } from '../../../app/exports/xlsx.ts';
import type { OpsIssue, OpsResult } from '../../../ops/issues.ts';
import { BarChart, type BarRow } from '../../charts/bar.tsx';
import type { StaffPageContext } from '../context.ts';
import { analyticsMessagesFor, type AnalyticsMessages } from '../i18n/analytics-messages.ts';
import { StaffLayout } from '../layout.tsx';
import { AdminErrors, failurePage } from './admin-shared.tsx';

export const PURPOSE = 'planning';

export const tm = (p: StaffPageContext): AnalyticsMessages => analyticsMessagesFor(p.lang);

const LOCALE = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' } as const;

export const numberIn = (p: StaffPageContext) => {
  const f = new Intl.NumberFormat(LOCALE[p.lang], { maximumFractionDigits: 1 });
  return (n: number) => f.format(n);
};

/** A cell as the page shows it: numbers in the page's locale, the markers in its language. */
function cellText(p: StaffPageContext, cell: string | number | null): string {
  const t = tm(p);
  if (cell === null) return '';
  if (typeof cell === 'number') return numberIn(p)(cell);
  if (cell === SUPPRESSED) return t.suppressed;
  if (cell === MISSING) return t.missing;
  return Object.hasOwn(t.values, cell) ? t.values[cell as keyof typeof t.values] : cell;
}

export function DataTable(props: { p: StaffPageContext; table: AnalyticsTable; id: string }) {
  const { p, table } = props;
  const t = tm(p);
  if (table.rows.length === 0) return <p>{t.none}</p>;
  const label = (key: string) =>
    Object.hasOwn(t.columns, key) ? t.columns[key as keyof typeof t.columns] : key;
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-labelledby={props.id}>
      <table>
        <thead>
          <tr>
            {table.header.map((h) => (
              <th scope="col">{label(h)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>
              {row.map((cell) => (
                <td class={typeof cell === 'number' ? 'num' : undefined}>{cellText(p, cell)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The download links of a page's tables: the page's own query, with a format. */
export function Downloads(props: { p: StaffPageContext; tables: readonly AnalyticsTable[] }) {
  const { p } = props;
  const t = tm(p);
  const url = new URL(p.c.req.url);
  const link = (extra: Record<string, string>) => {
    const q = new URLSearchParams(url.search);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${url.pathname}?${q.toString()}`;
  };
  return (
    <p class="downloads">
      {t.download}:{' '}
      {props.tables.map((table) => (
        <>
          <a href={link({ format: 'csv', table: table.key })} download>
            {t.csv} ({table.key})
          </a>{' '}
          ·{' '}
        </>
      ))}
      <a href={link({ format: 'xlsx' })} download>
        {t.xlsx}
      </a>
    </p>
  );
}

/** A table with its chart beside it (the chart only where it has rows). */
export function Figure(props: {
  p: StaffPageContext;
  id: string;
  heading: string;
  table: AnalyticsTable;
  chart?: { title: string; desc: string; series: string[]; rows: BarRow[] };
}) {
  const { p, chart } = props;
  const t = tm(p);
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      {chart && chart.rows.length > 0 ? (
        <figure class="chart">
          <BarChart
            id={`${props.id}-chart`}
            title={chart.title}
            desc={chart.desc}
            series={chart.series.map((name) => ({ name }))}
            rows={chart.rows}
            missing={t.missing}
            format={numberIn(p)}
          />
        </figure>
      ) : null}
      <DataTable p={p} table={props.table} id={props.id} />
    </section>
  );
}

/** The download a query asks for, or null when it asks for the page. */
export function download(
  p: StaffPageContext,
  tables: readonly AnalyticsTable[],
  file: string,
): Response | null {
  const format = p.c.req.query('format');
  if (format !== 'csv' && format !== 'xlsx') return null;
  const headers = (type: string, ext: string) => ({
    'content-type': type,
    'content-disposition': `attachment; filename="${file}.${ext}"`,
    'cache-control': 'no-store',
    vary: 'cookie',
  });
  if (format === 'xlsx') {
    return new Response(toXlsx(tables), { status: 200, headers: headers(XLSX_TYPE, 'xlsx') });
  }
  const table = tableByKey(tables, p.c.req.query('table'));
  if (!table) return null;
  return new Response(toCsv(table), {
    status: 200,
    headers: headers(CSV_TYPE, `${table.key}.csv`),
  });
}

/** The page of an analysis: its form, then its answer or the problems of the request. */
export function analysisPage<T>(
  p: StaffPageContext,
  props: {
    region: string;
    section: keyof AnalyticsMessages['sections'];
    form: Child;
    result: OpsResult<T> | null;
    view: (value: T) => { tables: AnalyticsTable[]; file: string; body: Child };
  },
): Response {
  const { result } = props;
  if (result && !result.ok && result.issues.some((i) => i.code !== 'OPS_INPUT')) {
    return failurePage(p, result.issues);
  }
  const issues: readonly OpsIssue[] = result && !result.ok ? result.issues : [];
  const shown = result?.ok ? props.view(result.value) : null;
  if (shown) {
    const file = download(p, shown.tables, shown.file);
    if (file) return file;
  }
  const t = tm(p);
  const title = `${t.sections[props.section]} — ${props.region}`;
  return p.html(
    <StaffLayout p={p} who={p.who} title={title} section="analytics">
      <h1>{title}</h1>
      <AnalyticsNav p={p} region={props.region} current={props.section} />
      <AdminErrors p={p} issues={issues} />
      {props.form}
      {shown ? (
        <>
          {shown.body}
          <Downloads p={p} tables={shown.tables} />
        </>
      ) : null}
    </StaffLayout>,
    issues.length > 0 ? 400 : 200,
  );
}

export function AnalyticsNav(props: { p: StaffPageContext; region: string; current: string }) {
  const { p, region } = props;
  const t = tm(p);
  const keys = ['impact', 'gaps', 'need', 'whatif'] as const;
  return (
    <nav aria-label={t.nav} class="sub-nav">
      <ul class="inline">
        {keys.map((k) => (
          <li>
            <a
              href={p.to(`/analytics/${region}/${k}`)}
              aria-current={k === props.current ? 'page' : undefined}
            >
              {t.sections[k]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
