/** `/{lang}/`: what tegin is, the checker, search, and the regions (those with a list first). */
import type { Catalog } from '../../domain/catalog.ts';
import type { Region } from '../../domain/region.ts';
import { Layout } from '../layout.tsx';
import { href, regionPath, tr, type Ui } from '../ui.ts';

export interface RegionSummary {
  region: Region;
  /** The list as in force today, where tegin holds one. */
  catalog: Catalog | null;
}

export function RegionList(props: { ui: Ui; regions: RegionSummary[] }) {
  const { ui } = props;
  const withList = props.regions.filter((r) => r.catalog);
  const without = props.regions.filter((r) => !r.catalog);
  return (
    <>
      <h2 id="regions">{ui.m.home.withLists}</h2>
      <ul class="cards regions">
        {withList.map(({ region, catalog }) => (
          <li>
            <a class="card-link" href={href(ui, regionPath(region))}>
              <strong>{tr(ui, region.name)}</strong>
              <span class="meta">
                {region.code} · {ui.m.home.items(catalog?.items.length ?? 0)} ·{' '}
                {ui.m.common.coverage[catalog?.coverage.status ?? 'no_list']}
              </span>
            </a>
          </li>
        ))}
      </ul>
      <h2>{ui.m.home.withoutLists}</h2>
      <ul class="plain columns">
        {without.map(({ region }) => (
          <li>
            <a href={href(ui, regionPath(region))}>{tr(ui, region.name)}</a>{' '}
            <span class="meta">{region.code}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function SearchForm(props: { ui: Ui; q?: string; label: string; hint?: string }) {
  const { ui } = props;
  return (
    <form class="search" method="get" action={href(ui, '/search')} role="search">
      <label for="q">{props.label}</label>
      {props.hint ? (
        <p class="hint" id="q-hint">
          {props.hint}
        </p>
      ) : null}
      <div class="row">
        <input
          id="q"
          name="q"
          type="search"
          value={props.q ?? ''}
          required
          minlength={2}
          maxlength={200}
          aria-describedby={props.hint ? 'q-hint' : undefined}
        />
        <button type="submit">{ui.m.common.searchButton}</button>
      </div>
    </form>
  );
}

export function HomePage(props: { ui: Ui; regions: RegionSummary[] }) {
  const { ui } = props;
  return (
    <Layout ui={ui} title={ui.m.home.title}>
      <h1>{ui.m.home.title}</h1>
      <p class="lead">{ui.m.home.intro}</p>
      <p class="actions">
        <a class="button primary" href={href(ui, '/check')}>
          {ui.m.home.checkCta}
        </a>{' '}
        <a class="button" href={href(ui, '/compare')}>
          {ui.m.home.compareCta}
        </a>
      </p>
      <SearchForm ui={ui} label={ui.m.home.searchLabel} hint={ui.m.home.searchHint} />
      <RegionList ui={ui} regions={props.regions} />
    </Layout>
  );
}
