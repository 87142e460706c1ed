/**
 * `/{lang}/regions/{region}/items/{section}/{item}`: one item as in force on a
 * date, with its full citation and the source lines it was read from, its
 * status in every text of the list, and the acts behind it. Prints cleanly.
 */
import type { ItemDetail } from '../../app/queries.ts';
import type { ActFile } from '../../domain/act.ts';
import { actLabel, legalDate } from '../../domain/citation.ts';
import { STATUS_LABELS } from '../../domain/labels.ts';
import type { ItemNote } from '../../domain/list.ts';
import type { Region } from '../../domain/region.ts';
import { Citation, Codes, ConditionsText, PopulationText, Products } from '../components/item.tsx';
import { CoverageNotice, ItemStatus } from '../components/notices.tsx';
import { DateField } from '../components/fields.tsx';
import { ActLink, ActLinks, Legal } from '../components/text.tsx';
import { Layout } from '../layout.tsx';
import { actPath, href, itemPath, regionPath, tr, capitalise, type Ui } from '../ui.ts';
import { unitsText } from '../../domain/units.ts';

export interface ItemView {
  region: Region;
  sectionNumber: string;
  number: string;
  date: string;
  detail: ItemDetail;
  /** The cited source lines, verbatim, where the source text is held. */
  sourceLines: readonly string[] | null;
  acts: readonly { act: ActFile; inForce: string }[];
}

export function ItemPage(props: { ui: Ui; view: ItemView }) {
  const { ui, view } = props;
  const { m } = ui;
  const { region, detail } = view;
  const item = detail.item;
  const regionName = tr(ui, region.name);
  const heading = capitalise(tr(ui, unitsText(detail.units)));
  const diagnosis = item?.diagnosis ? tr(ui, item.diagnosis) : null;
  return (
    <Layout
      ui={ui}
      title={`${heading}${diagnosis ? `: ${diagnosis}` : ''} — ${regionName}`}
      crumbs={[
        { label: m.nav.home, href: href(ui, '/') },
        { label: regionName, href: href(ui, regionPath(region)) },
        { label: heading },
      ]}
    >
      <h1>
        <span class="h-meta">{heading}</span>
        {item?.diagnosis ? (
          <>
            {' '}
            <Legal ui={ui} text={item.diagnosis} block />
          </>
        ) : null}
      </h1>
      <p class="sub">
        {regionName} · {m.common.listAsOf(legalDate(view.date))}
      </p>
      <form
        class="inline no-print"
        method="get"
        action={href(ui, itemPath(region, view.sectionNumber, view.number))}
      >
        <DateField id="i-date" name="date" label={m.common.date} value={view.date} />
        <button type="submit">{m.common.show}</button>
        <button type="button" class="print" data-print hidden>
          {m.item.print}
        </button>
      </form>
      <CoverageNotice ui={ui} coverage={detail.coverage} />
      {item ? (
        <>
          <p class="badges">
            <ItemStatus ui={ui} status={item.status} />{' '}
            {item.diagnosis ? <Codes ui={ui} codes={item.diagnosis.icd10} /> : null}
          </p>
          {item.reason ? <p class="reason">{tr(ui, item.reason)}</p> : null}
          {item.diagnosis && item.population && item.indication ? (
            <dl class="facts wide">
              <dt>{m.common.icd10}</dt>
              <dd>
                <Codes ui={ui} codes={item.diagnosis.icd10} plain />
                <span class="wording-line">
                  {m.common.mappingConfidence}:{' '}
                  {m.common.confidence[item.diagnosis.mapping.confidence]}
                  {item.diagnosis.mapping.note ? (
                    <>
                      {' '}
                      — {m.common.editorsNote}: {tr(ui, item.diagnosis.mapping.note)}
                    </>
                  ) : null}
                </span>
                {item.diagnosis.mapping.alternatives?.length ? (
                  <span class="wording-line">
                    {m.common.alternatives}:{' '}
                    <Codes ui={ui} codes={item.diagnosis.mapping.alternatives} plain />
                  </span>
                ) : null}
              </dd>
              <dt>{m.common.forWhom}</dt>
              <dd>
                <PopulationText ui={ui} population={item.population} wording />
              </dd>
              <dt>{m.common.conditions}</dt>
              <dd>
                <ConditionsText ui={ui} indication={item.indication} wording />
              </dd>
              <dt>{m.common.products}</dt>
              <dd>
                <Products ui={ui} products={item.products} detailed />
              </dd>
            </dl>
          ) : (
            <p>{m.common.excludedContent}</p>
          )}
          <Notes ui={ui} notes={item.notes} />
          <section aria-labelledby="basis">
            <h2 id="basis">{m.common.basis}</h2>
            <Citation ui={ui} citation={item.citation} unlabelled />
            {view.sourceLines ? (
              <figure class="source">
                <figcaption id="source-caption">
                  {m.item.sourceRegion(
                    item.citation.source.lines[0],
                    item.citation.source.lines[1],
                  )}
                </figcaption>
                <pre lang="kk" tabindex={0} aria-labelledby="source-caption">
                  {view.sourceLines.join('\n')}
                </pre>
              </figure>
            ) : null}
          </section>
        </>
      ) : (
        <p>{m.item.notOnDate}</p>
      )}
      <section aria-labelledby="history">
        <h2 id="history">{m.item.historyTitle}</h2>
        <div class="table-wrap" role="region" aria-labelledby="history" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.item.historyText}</th>
                <th scope="col">{m.item.historyInForce}</th>
                <th scope="col">{m.item.historyStatus}</th>
              </tr>
            </thead>
            <tbody>
              {detail.history.map((h) => (
                <tr>
                  <td>
                    {m.item.edition}: <ActLink ui={ui} id={h.list.edition} />
                    {h.list.amendedBy.length > 0 ? (
                      <>
                        ; {m.item.amendedBy}: <ActLinks ui={ui} ids={h.list.amendedBy} />
                      </>
                    ) : null}
                  </td>
                  <td>{tr(ui, h.inForceFromText)}</td>
                  <td>{h.status === 'absent' ? m.item.absent : tr(ui, STATUS_LABELS[h.status])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="acts">
        <h2 id="acts">{m.item.actsTitle}</h2>
        <ul class="acts">
          {view.acts.map(({ act, inForce }) => (
            <li>
              <a href={href(ui, actPath(act.id))}>{capitalise(tr(ui, actLabel(act, region)))}</a>
              <span class="meta"> — {inForce}</span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

function Notes(props: { ui: Ui; notes: readonly ItemNote[] }) {
  const { ui } = props;
  if (props.notes.length === 0) return null;
  return (
    <section aria-labelledby="notes">
      <h2 id="notes">{ui.m.common.notesTitle}</h2>
      <ul>
        {props.notes.map((n) => (
          <li>
            <strong>{ui.m.common.noteKinds[n.kind]}:</strong> {tr(ui, n.text)}
          </li>
        ))}
      </ul>
    </section>
  );
}
