/**
 * One medicine (`/{lang}/medicines/{inn}`) or one diagnosis
 * (`/{lang}/diagnoses/{code}`) across every region whose list tegin holds, as
 * in force on a date; and the two indexes (`/medicines`, `/diagnoses`).
 */
import type { DiagnosisEntry, MedicineEntry, RegionMatches } from '../../app/browse.ts';
import { legalDate } from '../../domain/citation.ts';
import type { Region, RegionCode } from '../../domain/region.ts';
import { ItemCard } from '../components/item.tsx';
import { CoverageNotice } from '../components/notices.tsx';
import { DateField } from '../components/fields.tsx';
import { Layout } from '../layout.tsx';
import { diagnosisPath, href, itemPath, medicinePath, regionPath, tr, type Ui } from '../ui.ts';
import { unitsText } from '../../domain/units.ts';

function AcrossRegions(props: {
  ui: Ui;
  matches: readonly RegionMatches[];
  otherRegions: number;
  possibleLabel?: string;
}) {
  const { ui } = props;
  return (
    <>
      {props.matches.map(({ region, catalog, items }) => (
        <section class="region-block" aria-labelledby={`r-${region.code}`}>
          <h2 id={`r-${region.code}`}>
            <a href={href(ui, regionPath(region))}>{tr(ui, region.name)}</a>
          </h2>
          {catalog.coverage.status !== 'covered' ? (
            <CoverageNotice ui={ui} coverage={catalog.coverage} />
          ) : null}
          {items.length === 0 ? (
            <p class="absent">{ui.m.medicine.notInList}</p>
          ) : (
            items.map(({ item, matchedBy }) => (
              <>
                {props.possibleLabel && !matchedBy.includes('icd10') ? (
                  <p class="notice warn">{props.possibleLabel}</p>
                ) : null}
                <ItemCard ui={ui} region={region} item={item} date={catalog.date} />
              </>
            ))
          )}
        </section>
      ))}
      {props.otherRegions > 0 ? (
        <p class="meta">{ui.m.medicine.otherRegions(props.otherRegions)}</p>
      ) : null}
    </>
  );
}

function DateForm(props: { ui: Ui; action: string; date: string }) {
  return (
    <form class="inline" method="get" action={props.action}>
      <DateField id="d-date" name="date" label={props.ui.m.common.date} value={props.date} />
      <button type="submit">{props.ui.m.common.show}</button>
    </form>
  );
}

export function MedicinePage(props: {
  ui: Ui;
  medicine: MedicineEntry;
  date: string;
  matches: readonly RegionMatches[];
  otherRegions: number;
}) {
  const { ui, medicine } = props;
  const { m } = ui;
  const name = medicine.name ? tr(ui, medicine.name) : medicine.inn;
  return (
    <Layout
      ui={ui}
      title={name}
      crumbs={[{ label: m.nav.medicines, href: href(ui, '/medicines') }, { label: name }]}
    >
      <h1>
        {name}
        {name.toLowerCase() === medicine.inn ? null : (
          <>
            {' '}
            <span class="h-meta">{medicine.inn}</span>
          </>
        )}
      </h1>
      <p class="sub">{m.common.listAsOf(legalDate(props.date))}</p>
      <dl class="facts">
        <dt>{m.common.inn}</dt>
        <dd lang="en">{medicine.inn}</dd>
        <dt>{m.medicine.atcCodes}</dt>
        <dd>{medicine.atc.join(', ') || m.common.none}</dd>
      </dl>
      <DateForm ui={ui} action={href(ui, medicinePath(medicine.inn))} date={props.date} />
      <AcrossRegions ui={ui} matches={props.matches} otherRegions={props.otherRegions} />
    </Layout>
  );
}

export function DiagnosisPage(props: {
  ui: Ui;
  code: string;
  date: string;
  matches: readonly RegionMatches[];
  otherRegions: number;
}) {
  const { ui, code } = props;
  const { m } = ui;
  const first = props.matches.flatMap((r) => r.items)[0]?.item.diagnosis;
  const title = m.diagnosis.title(code);
  const found = props.matches.some((r) => r.items.length > 0);
  return (
    <Layout
      ui={ui}
      title={first ? `${title}: ${tr(ui, first)}` : title}
      crumbs={[{ label: m.nav.diagnoses, href: href(ui, '/diagnoses') }, { label: code }]}
    >
      <h1>
        {title}
        {first ? <span class="block h-sub">{tr(ui, first)}</span> : null}
      </h1>
      <p class="sub">{m.common.listAsOf(legalDate(props.date))}</p>
      <DateForm ui={ui} action={href(ui, diagnosisPath(code))} date={props.date} />
      {found ? null : <p class="notice info">{m.diagnosis.none(code)}</p>}
      <AcrossRegions
        ui={ui}
        matches={props.matches}
        otherRegions={props.otherRegions}
        possibleLabel={m.diagnosis.possible}
      />
    </Layout>
  );
}

export function MedicinesIndexPage(props: {
  ui: Ui;
  medicines: readonly MedicineEntry[];
  regions: ReadonlyMap<RegionCode, Region>;
}) {
  const { ui } = props;
  const { m } = ui;
  const regionName = (code: RegionCode) => {
    const region = props.regions.get(code);
    return region ? tr(ui, region.name) : code;
  };
  const sorted = [...props.medicines].sort((a, b) =>
    (a.name ? tr(ui, a.name) : a.inn).localeCompare(b.name ? tr(ui, b.name) : b.inn, ui.lang),
  );
  return (
    <Layout
      ui={ui}
      title={m.medicine.indexTitle}
      crumbs={[{ label: m.nav.home, href: href(ui, '/') }, { label: m.nav.medicines }]}
    >
      <h1>{m.medicine.indexTitle}</h1>
      <p class="lead">{m.medicine.indexIntro}</p>
      <ul class="index">
        {sorted.map((med) => (
          <li>
            <a href={href(ui, medicinePath(med.inn))}>{med.name ? tr(ui, med.name) : med.inn}</a>{' '}
            <span class="meta">
              {med.inn}
              {med.atc.length > 0 ? ` · ${med.atc.join(', ')}` : ''} ·{' '}
              {med.regions.map(regionName).join(', ')}
            </span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function DiagnosesIndexPage(props: {
  ui: Ui;
  diagnoses: readonly DiagnosisEntry[];
  regions: ReadonlyMap<RegionCode, Region>;
}) {
  const { ui } = props;
  const { m } = ui;
  return (
    <Layout
      ui={ui}
      title={m.diagnosis.indexTitle}
      crumbs={[{ label: m.nav.home, href: href(ui, '/') }, { label: m.nav.diagnoses }]}
    >
      <h1>{m.diagnosis.indexTitle}</h1>
      <p class="lead">{m.diagnosis.indexIntro}</p>
      <ul class="index">
        {groupByWording(props.diagnoses).map((d) => (
          <li>
            {d.codes.map((code, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={href(ui, diagnosisPath(code))} class="code">
                  {code}
                </a>
              </>
            ))}
            <ul class="plain">
              {d.wordings.map((w) => {
                const region = props.regions.get(w.region);
                return (
                  <li>
                    {tr(ui, w.text)}{' '}
                    <span class="meta">
                      {region ? (
                        <a href={href(ui, itemPath(region, w.sectionNumber, w.item))}>
                          {tr(ui, region.name)}, {tr(ui, unitsText(w.units))}
                        </a>
                      ) : (
                        w.region
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** Codes listed by exactly the same items (C81 … C96 of one item) share one entry. */
function groupByWording(
  entries: readonly DiagnosisEntry[],
): (Pick<DiagnosisEntry, 'wordings'> & { codes: string[] })[] {
  const groups = new Map<string, Pick<DiagnosisEntry, 'wordings'> & { codes: string[] }>();
  for (const entry of entries) {
    const key = entry.wordings.map((w) => `${w.region} ${w.sectionNumber}.${w.item}`).join('|');
    const group = groups.get(key);
    if (group) group.codes.push(entry.code);
    else groups.set(key, { codes: [entry.code], wordings: entry.wordings });
  }
  return [...groups.values()];
}
