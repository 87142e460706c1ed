/**
 * `/{lang}/regions/{region}/changes?from=…&to=…`: the list on two dates item
 * by item (or why that cannot be told), the acts that took effect in between,
 * and the timeline of the list's texts and of the region's acts.
 */
import { actLabel } from '../../domain/citation.ts';
import type { ActFile, ActId, Amendment } from '../../domain/act.ts';
import { structureKey } from '../../app/queries.ts';
import type { ListStructure } from '../../domain/list.ts';
import { placeIn, unitsOf } from '../../domain/units.ts';
import {
  AMENDMENT_LABELS,
  CHANGED_FIELD_LABELS,
  ITEM_CHANGE_LABELS,
  partLabel,
} from '../../domain/labels.ts';
import type { Diff, ItemChange } from '../../domain/diff.ts';
import type { Region } from '../../domain/region.ts';
import type { LocalizedText } from '../../domain/text.ts';
import { CoverageNotice } from '../components/notices.tsx';
import { DateField } from '../components/fields.tsx';
import { ActLink, ActLinks, LegalDate } from '../components/text.tsx';
import { feedMessagesFor } from '../i18n/feeds-messages.ts';
import { Layout } from '../layout.tsx';
import { actPath, href, itemPath, regionPath, tr, capitalise, type Ui } from '../ui.ts';

export interface ChangesView {
  region: Region;
  from: string;
  to: string;
  error: string | null;
  diff: Diff | null;
  texts: readonly { edition: string; amendedBy: readonly string[]; inForce: LocalizedText }[];
  acts: readonly { act: ActFile; inForce: LocalizedText }[];
  structures: ReadonlyMap<string, ListStructure>;
}

/**
 * The part of `owner` an amendment changed; an item is named in the units of
 * its annex (`structures`, from `listStructures`).
 */
export function amendedPartLabel(
  ui: Ui,
  owner: ActId,
  part: Amendment['part'],
  structures: ReadonlyMap<string, ListStructure>,
): string {
  if (part.kind !== 'item') return tr(ui, partLabel(part));
  const structure = structures.get(structureKey(owner, part.annex));
  return structure
    ? tr(ui, placeIn(part.annex, unitsOf(structure, part.section, part.item)))
    : `${tr(ui, partLabel({ kind: 'annex', number: part.annex }))}, ${part.section}.${part.item}`;
}

export function ChangesPage(props: { ui: Ui; view: ChangesView }) {
  const { ui, view } = props;
  const { m } = ui;
  const { region, diff } = view;
  const name = tr(ui, region.name);
  const path = `${regionPath(region)}/changes`;
  return (
    <Layout
      ui={ui}
      title={`${m.changes.title} — ${name}`}
      crumbs={[
        { label: m.nav.home, href: href(ui, '/') },
        { label: name, href: href(ui, regionPath(region)) },
        { label: m.changes.title },
      ]}
    >
      <h1>
        {m.changes.title} <span class="h-meta">{name}</span>
      </h1>
      <p class="lead">{m.changes.intro}</p>
      <p>
        {feedMessagesFor(ui.lang).feed.subscribe}:{' '}
        <a href={href(ui, `${path}.atom`)} type="application/atom+xml">
          <span lang="en">Atom</span>
        </a>{' '}
        ·{' '}
        <a href={href(ui, `${path}.json`)} type="application/feed+json">
          <span lang="en">JSON Feed</span>
        </a>
      </p>
      <form class="inline" method="get" action={href(ui, path)}>
        <DateField
          id="c-from"
          name="from"
          label={m.changes.from}
          value={view.from}
          error={view.error ?? undefined}
        />
        <DateField id="c-to" name="to" label={m.changes.to} value={view.to} />
        <button type="submit">{m.changes.submit}</button>
      </form>
      {diff ? (
        <>
          <div class="two">
            <div>
              <h2 class="h3">
                <LegalDate date={diff.from} />
              </h2>
              <CoverageNotice ui={ui} coverage={diff.coverage.from} />
            </div>
            <div>
              <h2 class="h3">
                <LegalDate date={diff.to} />
              </h2>
              <CoverageNotice ui={ui} coverage={diff.coverage.to} />
            </div>
          </div>
          <h2>{m.changes.title}</h2>
          {diff.changes === null ? (
            <p class="notice warn">{m.changes.cannotCompare}</p>
          ) : diff.changes.length === 0 ? (
            <p>{m.changes.none}</p>
          ) : (
            <ul class="changes">
              {diff.changes.map((c) => (
                <Change ui={ui} region={region} change={c} diff={diff} />
              ))}
            </ul>
          )}
          <h2>{m.changes.actsBetween}</h2>
          {diff.acts.length === 0 ? (
            <p>{m.changes.actsNone}</p>
          ) : (
            <ul class="acts">
              {diff.acts.map((a) => (
                <li>
                  <a href={href(ui, actPath(a.act))}>{capitalise(tr(ui, a.label))}</a> —{' '}
                  {tr(ui, a.when)} ({m.changes.between[a.between]})
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <h2>{m.changes.timeline}</h2>
      <h3>{m.changes.textOfList}</h3>
      <ol class="timeline">
        {view.texts.map((t) => (
          <li>
            <strong>{tr(ui, t.inForce)}</strong>: {m.item.edition}{' '}
            <ActLink ui={ui} id={t.edition} />
            {t.amendedBy.length > 0 ? (
              <>
                ; {m.item.amendedBy} <ActLinks ui={ui} ids={t.amendedBy} />
              </>
            ) : null}
          </li>
        ))}
      </ol>
      <h3>{m.changes.actsTitle}</h3>
      <ol class="timeline">
        {view.acts.map(({ act, inForce }) => {
          const made = view.acts.flatMap((a) =>
            a.act.amendments.filter((x) => x.by === act.id).map((x) => ({ ...x, owner: a.act.id })),
          );
          return (
            <li>
              <LegalDate date={act.adopted} /> —{' '}
              <a href={href(ui, actPath(act.id))}>{capitalise(tr(ui, actLabel(act, region)))}</a>
              <span class="meta">
                {' '}
                · {m.act.effective}: {tr(ui, inForce)}
                {act.status.kind === 'repealed' ? (
                  <>
                    {' '}
                    · {m.act.status.repealed} <ActLink ui={ui} id={act.status.by} />
                  </>
                ) : null}
              </span>
              {made.length > 0 ? (
                <ul>
                  {made.map((x) => (
                    <li>
                      {amendedPartLabel(ui, x.owner, x.part, view.structures)}:{' '}
                      {tr(ui, AMENDMENT_LABELS[x.change])}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </Layout>
  );
}

function Change(props: { ui: Ui; region: Region; change: ItemChange; diff: Diff }) {
  const { ui, region, change, diff } = props;
  const shown = change.after ?? change.before;
  const date = change.after ? diff.to : diff.from;
  return (
    <li>
      <strong>{capitalise(tr(ui, ITEM_CHANGE_LABELS[change.kind]))}:</strong>{' '}
      <a href={href(ui, itemPath(region, change.sectionNumber, change.number), { date })}>
        {change.sectionNumber}.{change.number}
        {shown?.diagnosis ? ` ${tr(ui, shown.diagnosis)}` : ''}
      </a>
      {change.fields.length > 0 ? (
        <span class="meta">
          {' '}
          ({change.fields.map((f) => tr(ui, CHANGED_FIELD_LABELS[f])).join(', ')})
        </span>
      ) : null}
    </li>
  );
}
