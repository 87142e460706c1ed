/** Across regions: compare two, one medicine, one diagnosis, their indexes, search and suggestions. */
import {
  diagnosesIndex,
  diagnosisAcrossRegions,
  medicineAcrossRegions,
  medicineEntry,
  medicinesIndex,
  regionsWithLists,
  suggestDiagnoses,
} from '../../app/browse.ts';
import { compareFor, searchFor } from '../../app/queries.ts';
import { normaliseIcd10 } from '../../domain/codes.ts';
import type { SectionKind } from '../../domain/list.ts';
import type { Region, RegionCode } from '../../domain/region.ts';
import type { Routes } from '../page-context.ts';
import {
  DiagnosesIndexPage,
  DiagnosisPage,
  MedicinePage,
  MedicinesIndexPage,
} from '../pages/across.tsx';
import { ComparePage } from '../pages/compare.tsx';
import { NotFoundPage } from '../pages/not-found.tsx';
import { SearchPage } from '../pages/search.tsx';
import type { WebDeps } from '../ui.ts';

export function browseRoutes(deps: WebDeps, routes: Routes) {
  const { registry } = deps.services;
  const listed = regionsWithLists(registry);
  const byCode = new Map<RegionCode, Region>(registry.regions.map((r) => [r.code, r]));
  const otherRegions = registry.regions.length - listed.length;
  const sectionNumbers = new Map(
    registry.regions.map((r) => {
      const numbers: Partial<Record<SectionKind, string>> = {};
      for (const v of registry.listVersions(r.code))
        for (const s of v.list.sections) numbers[s.kind] ??= s.number;
      return [r.code as string, numbers];
    }),
  );

  routes.get('/compare', (p) => {
    const date = p.dateParam('date');
    const a = registry.region(p.query('a') || (listed[0]?.code ?? ''));
    const b = registry.region(p.query('b') || (listed.find((r) => r.code !== a?.code)?.code ?? ''));
    const error = a && b && a.code === b.code ? p.ui.m.compare.sameRegion : null;
    const comparison = a && b && !error ? compareFor(registry, [a, b], date) : null;
    return p.html(
      <ComparePage
        ui={p.ui}
        view={{
          regions: registry.regions,
          a: a ?? null,
          b: b ?? null,
          date,
          error,
          comparison,
          sectionNumbers,
        }}
      />,
      error ? 400 : 200,
    );
  });

  routes.get('/medicines', (p) =>
    p.html(<MedicinesIndexPage ui={p.ui} medicines={medicinesIndex(registry)} regions={byCode} />),
  );

  routes.get('/medicines/:inn', (p) => {
    const medicine = medicineEntry(registry, p.c.req.param('inn') ?? '');
    if (!medicine) return p.html(<NotFoundPage ui={p.ui} />, 404);
    const { inn } = medicine;
    const date = p.dateParam('date');
    return p.html(
      <MedicinePage
        ui={p.ui}
        medicine={medicine}
        date={date}
        matches={medicineAcrossRegions(registry, inn, date)}
        otherRegions={otherRegions}
      />,
    );
  });

  routes.get('/diagnoses', (p) =>
    p.html(<DiagnosesIndexPage ui={p.ui} diagnoses={diagnosesIndex(registry)} regions={byCode} />),
  );

  routes.get('/diagnoses/:code', (p) => {
    const code = normaliseIcd10(p.c.req.param('code') ?? '');
    if (!code.ok) return p.html(<NotFoundPage ui={p.ui} detail={p.ui.m.diagnosis.invalid} />, 404);
    const date = p.dateParam('date');
    return p.html(
      <DiagnosisPage
        ui={p.ui}
        code={code.code}
        date={date}
        matches={diagnosisAcrossRegions(registry, code.code, date)}
        otherRegions={otherRegions}
      />,
    );
  });

  routes.get('/search', (p) => {
    const q = p.query('q').slice(0, 200);
    const results = q.length >= 2 ? searchFor(registry, q) : [];
    const code = normaliseIcd10(q);
    const medicine = q ? medicineEntry(registry, q) : undefined;
    return p.html(
      <SearchPage
        ui={p.ui}
        view={{
          q,
          results,
          regions: byCode,
          diagnosisCode: code.ok ? code.code : null,
          medicine: medicine
            ? {
                inn: medicine.inn,
                name: medicine.name ? medicine.name[p.ui.lang] : medicine.inn,
              }
            : null,
        }}
      />,
    );
  });

  // Autocomplete for the checker's diagnosis fields: codes and the lists' wording in the page language.
  routes.get('/suggest', (p) =>
    p.c.json(
      {
        query: p.query('q'),
        suggestions: suggestDiagnoses(registry, p.query('q').slice(0, 100), p.ui.lang),
      },
      200,
      { 'cache-control': 'public, max-age=3600' },
    ),
  );
}
