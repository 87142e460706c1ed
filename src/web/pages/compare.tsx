/**
 * `/{lang}/compare?a=KZ-27&b=KZ-35&date=…`: two regions' lists side by side,
 * by diagnosis and by medicine, grouped into "in both", "only in A" and
 * "only in B", each cell linking to the item with its terms. On a phone each
 * row becomes a block (the diagnosis above, the two regions side by side); the
 * explicit table roles keep the table's meaning for screen readers there.
 */
import type { Comparison, ComparisonRow, CoverageCell } from '../../domain/compare.ts';
import { legalDate } from '../../domain/citation.ts';
import { AGE_LABELS, CONDITION_LABELS } from '../../domain/labels.ts';
import type { SectionKind } from '../../domain/list.ts';
import type { Region } from '../../domain/region.ts';
import { CoverageNotice, ItemStatus } from '../components/notices.tsx';
import { DateField, RegionSelect } from '../components/fields.tsx';
import { Layout } from '../layout.tsx';
import { capitalise, diagnosisPath, href, itemPath, medicinePath, tr, type Ui } from '../ui.ts';
import { unitsText } from '../../domain/units.ts';

export interface CompareView {
  regions: readonly Region[];
  a: Region | null;
  b: Region | null;
  date: string;
  error: string | null;
  comparison: Comparison | null;
  /** Section number of each section kind, per region (cells name the kind only). */
  sectionNumbers: ReadonlyMap<string, Partial<Record<SectionKind, string>>>;
}

export function ComparePage(props: { ui: Ui; view: CompareView }) {
  const { ui, view } = props;
  const { m } = ui;
  const { a, b, comparison } = view;
  return (
    <Layout
      ui={ui}
      title={
        a && b && comparison
          ? `${m.compare.title}: ${tr(ui, a.name)} — ${tr(ui, b.name)}`
          : m.compare.title
      }
      crumbs={[{ label: m.nav.home, href: href(ui, '/') }, { label: m.compare.title }]}
    >
      <h1>{m.compare.title}</h1>
      <p class="lead">{m.compare.intro}</p>
      {view.error ? (
        <p class="notice bad" role="alert">
          {view.error}
        </p>
      ) : null}
      <form class="inline" method="get" action={href(ui, '/compare')}>
        <RegionSelect
          ui={ui}
          id="cmp-a"
          name="a"
          label={m.compare.a}
          regions={view.regions}
          selected={a?.code}
        />
        <RegionSelect
          ui={ui}
          id="cmp-b"
          name="b"
          label={m.compare.b}
          regions={view.regions}
          selected={b?.code}
        />
        <DateField id="cmp-date" name="date" label={m.common.date} value={view.date} />
        <button type="submit">{m.compare.submit}</button>
      </form>
      {a && b && comparison ? (
        <>
          <p class="sub">{m.common.listAsOf(legalDate(comparison.date))}</p>
          <div class="two">
            {comparison.regions.map((r) => {
              const region = r.code === a.code ? a : b;
              return (
                <div>
                  <h2 class="h3">{tr(ui, region.name)}</h2>
                  <CoverageNotice ui={ui} coverage={r.coverage} />
                </div>
              );
            })}
          </div>
          <Dimension
            ui={ui}
            view={view}
            a={a}
            b={b}
            id="by-diagnosis"
            title={m.compare.byDiagnosis}
            head={m.compare.diagnosis}
            rows={comparison.byDiagnosis}
            kind="diagnosis"
          />
          <Dimension
            ui={ui}
            view={view}
            a={a}
            b={b}
            id="by-medicine"
            title={m.compare.byMedicine}
            head={m.compare.medicine}
            rows={comparison.byInn}
            kind="medicine"
          />
        </>
      ) : null}
    </Layout>
  );
}

function Dimension(props: {
  ui: Ui;
  view: CompareView;
  a: Region;
  b: Region;
  id: string;
  title: string;
  head: string;
  rows: readonly ComparisonRow[];
  kind: 'diagnosis' | 'medicine';
}) {
  const { ui, a, b, rows } = props;
  const both = rows.filter((r) => r.coveredIn.includes(a.code) && r.coveredIn.includes(b.code));
  const onlyA = rows.filter((r) => r.coveredIn.includes(a.code) && !r.coveredIn.includes(b.code));
  const onlyB = rows.filter((r) => !r.coveredIn.includes(a.code) && r.coveredIn.includes(b.code));
  const groups = [
    { id: `${props.id}-both`, title: ui.m.compare.both, rows: both },
    { id: `${props.id}-a`, title: ui.m.compare.onlyIn(tr(ui, a.name)), rows: onlyA },
    { id: `${props.id}-b`, title: ui.m.compare.onlyIn(tr(ui, b.name)), rows: onlyB },
  ];
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <p class="meta">{ui.m.compare.counts(both.length, onlyA.length, onlyB.length)}</p>
      {groups
        .filter((g) => g.rows.length > 0)
        .map((g) => (
          <div class="table-wrap" role="region" aria-labelledby={g.id} tabindex={0}>
            <table class="compare" role="table">
              <caption id={g.id}>
                {g.title} ({g.rows.length})
              </caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">
                    {props.head}
                  </th>
                  <th scope="col" role="columnheader">
                    {tr(ui, a.name)}
                  </th>
                  <th scope="col" role="columnheader">
                    {tr(ui, b.name)}
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {g.rows.map((row) => (
                  <tr role="row">
                    <th scope="row" role="rowheader">
                      <RowLabel ui={ui} row={row} kind={props.kind} />
                    </th>
                    <td role="cell" data-label={tr(ui, a.name)}>
                      <Cells ui={ui} view={props.view} region={a} cells={row.cells[a.code] ?? []} />
                    </td>
                    <td role="cell" data-label={tr(ui, b.name)}>
                      <Cells ui={ui} view={props.view} region={b} cells={row.cells[b.code] ?? []} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

function RowLabel(props: { ui: Ui; row: ComparisonRow; kind: 'diagnosis' | 'medicine' }) {
  const { ui, row } = props;
  if (props.kind === 'medicine') {
    return (
      <>
        <a href={href(ui, medicinePath(row.key))}>{tr(ui, row.label)}</a>
        <span class="meta block">{row.key}</span>
      </>
    );
  }
  const codes = row.key.split(', ');
  return (
    <>
      <span class="codes">
        {codes.map((code, i) => (
          <>
            {i > 0 ? ', ' : ''}
            <a href={href(ui, diagnosisPath(code))}>{code}</a>
          </>
        ))}
      </span>
      <span class="block">{tr(ui, row.label)}</span>
    </>
  );
}

function Cells(props: {
  ui: Ui;
  view: CompareView;
  region: Region;
  cells: readonly CoverageCell[];
}) {
  const { ui, region } = props;
  if (props.cells.length === 0) return <span class="absent">{ui.m.compare.notInList}</span>;
  const numbers = props.view.sectionNumbers.get(region.code) ?? {};
  return (
    <ul class="plain">
      {props.cells.map((cell) => {
        const section = numbers[cell.section] ?? '1';
        return (
          <li>
            <a
              href={href(ui, itemPath(region, section, cell.item), {
                date: props.view.date === ui.today ? undefined : props.view.date,
              })}
            >
              {capitalise(tr(ui, unitsText(cell.units)))}
            </a>
            {cell.status !== 'in_force' ? (
              <>
                {' '}
                <ItemStatus ui={ui} status={cell.status} />
              </>
            ) : null}
            <span class="block meta">
              {tr(ui, AGE_LABELS[cell.age])}
              {cell.conditions
                .filter((c) => c !== 'any_severity')
                .map((c) => `; ${tr(ui, CONDITION_LABELS[c])}`)
                .join('')}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
