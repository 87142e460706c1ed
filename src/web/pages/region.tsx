/**
 * `/{lang}/regions/{region}`: the region's list as in force on a date, by
 * section, with a filter form that works as a plain GET form and that the
 * page script turns into instant filtering.
 */
import type { Catalog } from '../../domain/catalog.ts';
import { legalDate } from '../../domain/citation.ts';
import type { IsoDate } from '../../domain/date.ts';
import type { Effective } from '../../domain/effective.ts';
import { SECTION_LABELS } from '../../domain/labels.ts';
import type { Section } from '../../domain/list.ts';
import type { Region } from '../../domain/region.ts';
import type { LocalizedText } from '../../domain/text.ts';
import { ItemCard } from '../components/item.tsx';
import { CoverageNotice, Warnings } from '../components/notices.tsx';
import { DateField, Select } from '../components/fields.tsx';
import { Legal } from '../components/text.tsx';
import { isFiltered, type CatalogFilter } from '../filter.ts';
import { Layout } from '../layout.tsx';
import { href, regionPath, tr, type Ui } from '../ui.ts';

export interface CatalogView {
  region: Region;
  catalog: Catalog;
  /** The sections of the text in force (or the earliest text, when the date is not covered). */
  sections: readonly Pick<Section, 'kind' | 'number' | 'title'>[];
  listTitle: LocalizedText | null;
  /** When the earliest text took effect, to offer that date where this one is not covered. */
  firstInForce: Effective | null;
  filter: CatalogFilter;
  visible: ReadonlySet<string>;
}

export function CatalogPage(props: { ui: Ui; view: CatalogView }) {
  const { ui, view } = props;
  const { m } = ui;
  const { region, catalog, filter } = view;
  const name = tr(ui, region.name);
  const date = catalog.date;
  const dateQuery = date === ui.today ? undefined : date;
  return (
    <Layout
      ui={ui}
      title={`${name}: ${m.common.listAsOf(legalDate(date))}`}
      crumbs={[{ label: m.nav.home, href: href(ui, '/') }, { label: name }]}
    >
      <h1>
        {name} <span class="h-meta">{region.code}</span>
      </h1>
      <p class="sub">{m.common.listAsOf(legalDate(date))}</p>
      {view.listTitle ? (
        // The official title runs to several lines (two languages on ru and en pages):
        // folded, so that on a phone the list starts near the top.
        <details class="legal-title-box">
          <summary>{m.catalog.officialTitle}</summary>
          <p class="legal-title">
            <Legal ui={ui} text={view.listTitle} block />
          </p>
        </details>
      ) : null}
      <CoverageNotice ui={ui} coverage={catalog.coverage} />
      {catalog.coverage.status === 'not_covered' && view.firstInForce ? (
        <p>
          <a href={href(ui, regionPath(region), { date: startOf(view.firstInForce) })}>
            {m.catalog.earliest}
          </a>
        </p>
      ) : null}
      <Warnings ui={ui} warnings={catalog.warnings} />
      <ul class="actions-list">
        <li>
          <a href={href(ui, '/check', { region: region.slug })}>{m.catalog.checkHere}</a>
        </li>
        <li>
          <a href={href(ui, `${regionPath(region)}/changes`)}>{m.catalog.changes}</a>
        </li>
        <li>
          <a href={href(ui, '/compare', { a: region.code })}>{m.catalog.compare}</a>
        </li>
      </ul>
      {catalog.items.length > 0 ? (
        <>
          <FilterForm ui={ui} view={view} />
          <p class="count" id="count" role="status" aria-live="polite">
            {view.visible.size === 0
              ? m.catalog.noMatches
              : m.catalog.showing(view.visible.size, catalog.items.length)}
          </p>
          {view.sections.map((section) => {
            const items = catalog.items.filter((i) => i.sectionNumber === section.number);
            const shown = items.filter((i) => view.visible.has(`${i.sectionNumber}.${i.number}`));
            return (
              <section
                class="list-section"
                aria-labelledby={`section-${section.number}`}
                data-section={section.number}
                hidden={shown.length === 0}
              >
                <h2 id={`section-${section.number}`}>
                  {section.number}. {tr(ui, SECTION_LABELS[section.kind])}
                </h2>
                <p class="legal-title">
                  <Legal ui={ui} text={section.title} block />
                </p>
                {items.map((item) => (
                  <ItemCard
                    ui={ui}
                    region={region}
                    item={item}
                    date={dateQuery ?? ui.today}
                    hidden={!view.visible.has(`${item.sectionNumber}.${item.number}`)}
                  />
                ))}
              </section>
            );
          })}
        </>
      ) : null}
      {!filter.q && catalog.items.length === 0 && catalog.coverage.status === 'no_list' ? (
        <p>{m.common.regionNoList}</p>
      ) : null}
    </Layout>
  );
}

function startOf(effective: Effective): IsoDate {
  return effective.kind === 'known' ? effective.date : effective.earliest;
}

function FilterForm(props: { ui: Ui; view: CatalogView }) {
  const { ui, view } = props;
  const { m } = ui;
  const { filter, region, catalog } = view;
  const kinds = [...new Set(view.sections.map((s) => s.kind))];
  return (
    <form
      class="filters"
      method="get"
      action={href(ui, regionPath(region))}
      data-filter={href(ui, `${regionPath(region)}/match`)}
    >
      <h2 class="visually-hidden">{m.catalog.filterTitle}</h2>
      <div class="field grow">
        <label for="f-q">{m.catalog.query}</label>
        <p class="hint" id="f-q-hint">
          {m.catalog.queryHint}
        </p>
        <input
          id="f-q"
          name="q"
          type="search"
          value={filter.q}
          maxlength={200}
          aria-describedby="f-q-hint"
          aria-controls="count"
        />
      </div>
      {/* Section, age and date folded under the search field: open when one is in use. */}
      <details
        class="more-filters"
        open={filter.section !== null || filter.age !== null || catalog.date !== ui.today}
      >
        <summary>{m.catalog.moreFilters}</summary>
        <div class="more-fields">
          <Select
            id="f-section"
            name="section"
            label={m.catalog.section}
            selected={filter.section}
            options={[
              { value: '', label: m.catalog.allSections },
              ...kinds.map((k) => ({ value: k, label: tr(ui, SECTION_LABELS[k]) })),
            ]}
          />
          <Select
            id="f-age"
            name="age"
            label={m.catalog.age}
            selected={filter.age}
            options={[
              { value: '', label: m.catalog.ageAny },
              { value: 'children', label: m.catalog.ageChildren },
              { value: 'adults', label: m.catalog.ageAdults },
            ]}
          />
          <DateField id="f-date" name="date" label={m.common.date} value={catalog.date} />
        </div>
      </details>
      <div class="field submit">
        <button type="submit">{m.common.show}</button>
        {isFiltered(filter) ? (
          <a
            class="clear"
            href={href(ui, regionPath(region), {
              date: catalog.date === ui.today ? undefined : catalog.date,
            })}
          >
            {m.catalog.clear}
          </a>
        ) : null}
      </div>
    </form>
  );
}
