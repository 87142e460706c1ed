/**
 * `/{lang}/acts/{id}`: one legal act — title in the source language with
 * translations, adoption, registration, publication, entry into force (its
 * wording and the date tegin computes, or the window), status, the notes of
 * the consolidated text verbatim, and the changes it records.
 */
import type { ActFile } from '../../domain/act.ts';
import { actLabel, legalDate } from '../../domain/citation.ts';
import type { ListStructure } from '../../domain/list.ts';
import type { Region } from '../../domain/region.ts';
import type { LocalizedText } from '../../domain/text.ts';
import { ActLink, Legal, LegalDate } from '../components/text.tsx';
import { Layout } from '../layout.tsx';
import { href, regionPath, tr, capitalise, type Ui } from '../ui.ts';
import { AMENDMENT_LABELS, annexLabel, partLabel } from '../../domain/labels.ts';
import { amendedPartLabel } from './changes.tsx';

export interface ActView {
  act: ActFile;
  region: Region;
  inForce: LocalizedText;
  /** Whether one of the region's list texts is this act's annex. */
  hasList: boolean;
  structures: ReadonlyMap<string, ListStructure>;
}

export function ActPage(props: { ui: Ui; view: ActView }) {
  const { ui, view } = props;
  const { m } = ui;
  const { act, region } = view;
  const label = capitalise(tr(ui, actLabel(act, region)));
  const regionName = tr(ui, region.name);
  return (
    <Layout
      ui={ui}
      title={label}
      crumbs={[
        { label: m.nav.home, href: href(ui, '/') },
        { label: regionName, href: href(ui, regionPath(region)) },
        { label: `№ ${act.number}` },
      ]}
    >
      <h1>{label}</h1>
      {act.title ? (
        <p class="legal-title">
          <Legal ui={ui} text={act.title} block />
        </p>
      ) : (
        <p class="meta">{m.act.titleMissing}</p>
      )}
      {view.hasList ? (
        <p>
          <a href={href(ui, regionPath(region))}>{m.act.listLink}</a>
        </p>
      ) : null}
      <dl class="facts wide">
        <dt>{m.act.issuer}</dt>
        <dd>{regionName}</dd>
        <dt>{m.act.adopted}</dt>
        <dd>
          <LegalDate date={act.adopted} />
        </dd>
        <dt>{m.act.number}</dt>
        <dd>{act.number}</dd>
        <dt>{m.act.registration}</dt>
        <dd>
          {act.registration ? (
            <>
              № {act.registration.number}
              {act.registration.date ? (
                <>
                  , <LegalDate date={act.registration.date} />
                </>
              ) : null}
            </>
          ) : (
            m.act.notInSource
          )}
        </dd>
        <dt>{m.act.publications}</dt>
        <dd>
          {act.publications.length === 0 ? (
            m.act.notInSource
          ) : (
            <ul class="plain">
              {act.publications.map((pub) => (
                <li>
                  <LegalDate date={pub.date} />, {m.act.media[pub.medium]}
                  {pub.name ? <> «{pub.name}»</> : null}
                  {pub.issue ? <> № {pub.issue}</> : null}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{m.act.entryIntoForce}</dt>
        <dd>
          {act.entryIntoForce ? (
            <q lang="kk">{act.entryIntoForce.wording.kk}</q>
          ) : (
            m.act.notInSource
          )}
        </dd>
        <dt>{m.act.effective}</dt>
        <dd>{tr(ui, view.inForce)}</dd>
        <dt>{m.act.statusTitle}</dt>
        <dd>
          {act.status.kind === 'repealed' ? (
            <>
              {m.act.status.repealed} <ActLink ui={ui} id={act.status.by} /> (
              {tr(ui, annexLabel(act.status.annex))},{' '}
              {tr(ui, partLabel({ kind: 'point', number: act.status.item }))})
            </>
          ) : act.status.kind === 'unknown' ? (
            <>
              {m.act.status.unknown} ({tr(ui, act.status.reason)})
            </>
          ) : (
            m.act.status.in_force
          )}
        </dd>
        {act.source ? (
          <>
            <dt>{m.act.sourceDocument}</dt>
            <dd>
              <span lang="en">{act.source.publisher}</span>, {act.source.file} —{' '}
              {m.act.currentAsOf(legalDate(act.source.currentAsOf))}
            </dd>
          </>
        ) : null}
      </dl>
      {act.amendments.length > 0 ? (
        <section aria-labelledby="amendments">
          <h2 id="amendments">{m.act.amendmentsTitle}</h2>
          <div class="table-wrap" role="region" aria-labelledby="amendments" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{m.act.partHeader}</th>
                  <th scope="col">{m.act.changeHeader}</th>
                  <th scope="col">{m.act.by}</th>
                </tr>
              </thead>
              <tbody>
                {act.amendments.map((a) => (
                  <tr>
                    <td>{amendedPartLabel(ui, act.id, a.part, view.structures)}</td>
                    <td>{tr(ui, AMENDMENT_LABELS[a.change])}</td>
                    <td>
                      <ActLink ui={ui} id={a.by} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {act.annexes.length > 0 ? (
        <section aria-labelledby="annexes">
          <h2 id="annexes">{m.act.annexesTitle}</h2>
          <ul>
            {act.annexes.map((a) => (
              <li>
                {capitalise(tr(ui, annexLabel(a.number)))}: <Legal ui={ui} text={a.title} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {act.notes.length > 0 ? (
        <section aria-labelledby="notes">
          <h2 id="notes">{m.act.notesTitle}</h2>
          {act.notes.map((n) => (
            <blockquote lang="kk">
              <p>{n.text.kk}</p>
            </blockquote>
          ))}
        </section>
      ) : null}
      {act.remarks.length > 0 ? (
        <section aria-labelledby="remarks">
          <h2 id="remarks">{m.act.remarksTitle}</h2>
          <ul>
            {act.remarks.map((r) => (
              <li>{tr(ui, r)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
