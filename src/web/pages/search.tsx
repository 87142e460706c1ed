/** `/{lang}/search?q=…`: items of every list's current text matching words or codes, by region. */
import type { SearchResult } from '../../app/queries.ts';
import { MISSING_NAME } from '../../domain/labels.ts';
import type { Region } from '../../domain/region.ts';
import { Codes } from '../components/item.tsx';
import { Layout } from '../layout.tsx';
import { diagnosisPath, href, itemPath, medicinePath, tr, type Ui } from '../ui.ts';
import { SearchForm } from './home.tsx';

export interface SearchView {
  q: string;
  results: readonly SearchResult[];
  regions: ReadonlyMap<string, Region>;
  /** Set when the query is an ICD-10 code or an INN: a page across regions exists. */
  diagnosisCode: string | null;
  medicine: { inn: string; name: string } | null;
}

export function SearchPage(props: { ui: Ui; view: SearchView }) {
  const { ui, view } = props;
  const { m } = ui;
  const byRegion = new Map<string, SearchResult[]>();
  for (const r of view.results) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r]);
  return (
    <Layout
      ui={ui}
      title={view.q ? `${m.search.title}: ${view.q}` : m.search.title}
      crumbs={[{ label: m.nav.home, href: href(ui, '/') }, { label: m.search.title }]}
    >
      <h1>{m.search.title}</h1>
      <SearchForm ui={ui} q={view.q} label={m.search.label} hint={m.search.hint} />
      {view.q ? (
        <>
          <p class="count" role="status">
            {view.results.length > 0
              ? m.search.results(view.results.length, view.q)
              : m.search.none(view.q)}
          </p>
          {view.diagnosisCode || view.medicine ? (
            <ul class="actions-list">
              {view.diagnosisCode ? (
                <li>
                  <a href={href(ui, diagnosisPath(view.diagnosisCode))}>
                    {m.search.openDiagnosis(view.diagnosisCode)}
                  </a>
                </li>
              ) : null}
              {view.medicine ? (
                <li>
                  <a href={href(ui, medicinePath(view.medicine.inn))}>
                    {m.search.openMedicine(view.medicine.name)}
                  </a>
                </li>
              ) : null}
            </ul>
          ) : null}
          {[...byRegion].map(([code, results]) => {
            const region = view.regions.get(code);
            if (!region) return null;
            return (
              <section aria-labelledby={`r-${code}`}>
                <h2 id={`r-${code}`}>{tr(ui, region.name)}</h2>
                <ul class="results">
                  {results.map((r) => (
                    <li>
                      <a href={href(ui, itemPath(region, r.sectionNumber, r.item))}>
                        <span class="num">
                          {r.sectionNumber}.{r.item}
                        </span>{' '}
                        {tr(ui, r.diagnosis)}
                      </a>{' '}
                      <Codes ui={ui} codes={r.diagnosis.icd10} />
                      <span class="block meta">
                        {r.products
                          .map((p) => (p.name ? tr(ui, p.name) : tr(ui, MISSING_NAME)))
                          .join('; ')}{' '}
                        · {m.search.foundBy}:{' '}
                        {r.matchedBy.map((k) => m.search.matchedBy[k]).join(', ')}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      ) : null}
    </Layout>
  );
}
