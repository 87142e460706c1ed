/**
 * `/{lang}/compare/all?date=`: every region with a list side by side, by diagnosis and by INN,
 * each cell the items with their terms and a link to the item; a server-rendered SVG bar chart
 * (title, description, and the same numbers in the table beside it); CSV and XLSX downloads.
 */
import type { CoverageMatrix, MatrixAxis, MatrixRow } from '../../app/matrix.ts';
import { termsOf } from '../../app/matrix.ts';
import { legalDate } from '../../domain/citation.ts';
import type { Region } from '../../domain/region.ts';
import { DateField } from '../components/fields.tsx';
import { feedMessagesFor } from '../i18n/feeds-messages.ts';
import { Layout } from '../layout.tsx';
import { href, itemPath, tr, type Ui } from '../ui.ts';

export function CoverageMatrixPage(props: {
  ui: Ui;
  matrix: CoverageMatrix;
  regions: ReadonlyMap<string, Region>;
}) {
  const { ui, matrix } = props;
  const f = feedMessagesFor(ui.lang).matrix;
  const exportLink = (ext: string) =>
    `/api/v1/compare/matrix.${ext}?${new URLSearchParams({ date: matrix.date, lang: ui.lang })}`;
  return (
    <Layout
      ui={ui}
      title={f.title}
      crumbs={[
        { label: ui.m.nav.home, href: href(ui, '/') },
        { label: ui.m.nav.compare, href: href(ui, '/compare') },
        { label: f.title },
      ]}
    >
      <h1>{f.title}</h1>
      <p class="lead">{f.intro}</p>
      <form class="inline" method="get" action={href(ui, '/compare/all')}>
        <DateField id="m-date" name="date" label={ui.m.common.date} value={matrix.date} />
        <button type="submit">{ui.m.common.show}</button>
      </form>
      <p>
        {f.download}:{' '}
        <a href={exportLink('csv')}>
          <span lang="en">CSV</span>
        </a>{' '}
        ·{' '}
        <a href={exportLink('xlsx')}>
          <span lang="en">XLSX</span>
        </a>
      </p>
      {matrix.regions.length === 0 ? (
        <p class="notice warn">{f.none}</p>
      ) : (
        <>
          <Chart ui={ui} matrix={matrix} />
          {(['diagnosis', 'inn'] as const).map((axis) => (
            <Axis ui={ui} matrix={matrix} axis={axis} regions={props.regions} />
          ))}
        </>
      )}
    </Layout>
  );
}

const covered = (rows: readonly MatrixRow[], code: string) =>
  rows.filter((r) => (r.cells[code] ?? []).length > 0).length;

function Chart(props: { ui: Ui; matrix: CoverageMatrix }) {
  const { ui, matrix } = props;
  const f = feedMessagesFor(ui.lang).matrix;
  const rows = matrix.rows.filter((r) => r.axis === 'diagnosis');
  const bars = matrix.regions.map((r) => ({ name: tr(ui, r.name), n: covered(rows, r.code) }));
  const max = Math.max(1, ...bars.map((b) => b.n));
  const height = bars.length * 28 + 8;
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-labelledby="chart-title chart-desc"
        viewBox={`0 0 600 ${height}`}
        width="100%"
        height={height}
      >
        <title id="chart-title">
          {f.chartTitle} ({f.byDiagnosis})
        </title>
        <desc id="chart-desc">{f.chartDesc}</desc>
        {bars.map((b, i) => (
          <g>
            <text class="chart-label" x="0" y={i * 28 + 20}>
              {b.name}
            </text>
            <rect
              class="chart-bar"
              x="240"
              y={i * 28 + 6}
              width={Math.round((300 * b.n) / max)}
              height="18"
            />
            <text class="chart-value" x={248 + Math.round((300 * b.n) / max)} y={i * 28 + 20}>
              {b.n}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        {f.chartTitle}: {bars.map((b) => `${b.name} — ${f.rows(b.n)}`).join('; ')}
      </figcaption>
    </figure>
  );
}

function Axis(props: {
  ui: Ui;
  matrix: CoverageMatrix;
  axis: MatrixAxis;
  regions: ReadonlyMap<string, Region>;
}) {
  const { ui, matrix, axis } = props;
  const f = feedMessagesFor(ui.lang).matrix;
  const id = `matrix-${axis}`;
  const rows = matrix.rows.filter((r) => r.axis === axis);
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{axis === 'diagnosis' ? f.byDiagnosis : f.byInn}</h2>
      <div class="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
        <table class="compare" role="table">
          <caption id={`${id}-caption`}>
            {f.caption(legalDate(matrix.date))} ({rows.length})
          </caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {axis === 'diagnosis' ? ui.m.common.icd10 : ui.m.common.inn}
              </th>
              {matrix.regions.map((r) => (
                <th scope="col" role="columnheader">
                  {tr(ui, r.name)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup">
            {rows.map((row) => (
              <tr role="row">
                <th scope="row" role="rowheader">
                  {tr(ui, row.label)} <span class="meta block">{row.key}</span>
                </th>
                {matrix.regions.map((r) => {
                  const cells = row.cells[r.code] ?? [];
                  const region = props.regions.get(r.code);
                  return (
                    <td role="cell" data-label={tr(ui, r.name)}>
                      {cells.length === 0 || !region ? (
                        <span class="meta">{f.notCovered}</span>
                      ) : (
                        <ul class="plain">
                          {cells.map((c) => (
                            <li>
                              <a
                                href={href(ui, itemPath(region, c.sectionNumber, c.item), {
                                  date: matrix.date,
                                })}
                              >
                                {f.item} {c.sectionNumber}.{c.item}
                              </a>
                              <span class="meta block">{termsOf(c, ui.lang).join('; ')}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
