/**
 * The Analytics section (issue 14) for the region administrator and the auditor: impact of a
 * list change, coverage gaps, need and budget, and the what-if of a draft list (uploaded or
 * pasted: a multipart POST, checked, evaluated once, never stored). GET forms, so a result is an
 * address to keep (a region and dates: never a person); every page calls the one
 * AnalyticsUseCases the API calls, which authorises (`analytics.aggregate`) and audits. Each
 * table has its SVG chart beside it and its CSV/XLSX download.
 */
import type { Role } from '../../../ops/model.ts';
import {
  MAX_DRAFT_BYTES,
  type GapsAnswer,
  type ImpactAnswer,
  type NeedReport,
  type WhatIfReport,
} from '../../../app/analytics/analytics.ts';
import {
  gapsTables,
  impactTables,
  needTables,
  whatIfTables,
} from '../../../app/analytics/tables.ts';
import type { OpsResult } from '../../../ops/issues.ts';
import { Csrf, Field } from '../fields.tsx';
import type { StaffPageContext } from '../context.ts';
import type { StaffRoutes } from '../routes.tsx';
import { REGION, RegionsPage } from './admin-shared.tsx';
import { analysisPage, Figure, numberIn, PURPOSE, tm } from './analytics-shared.tsx';

const ROLES: readonly Role[] = ['region_admin', 'auditor'];

const count = (n: number | null) => n;

function GetForm(props: { p: StaffPageContext; children: unknown }) {
  return (
    <form method="get" class="staff-form inline">
      {props.children}
      <button type="submit" class="primary">
        {tm(props.p).form.show}
      </button>
    </form>
  );
}

function impactView(p: StaffPageContext, a: ImpactAnswer) {
  const t = tm(p);
  const [table] = impactTables(a);
  const i = a.impact;
  const rows = i.byItem.map((r) => ({
    label: `${r.item} ${r.diagnosis}`,
    values: [count(r.gained), count(r.lost)],
  }));
  const n = numberIn(p);
  const total = (v: number | null) => (v === null ? t.suppressed : n(v));
  return {
    tables: impactTables(a),
    file: `impact-${i.region}-${i.date}`,
    body: (
      <>
        <p>{t.impact.lead(i.before, i.date)}</p>
        <dl class="totals">
          <dt>{t.impact.gained}</dt>
          <dd>{total(i.totals.gained)}</dd>
          <dt>{t.impact.lost}</dt>
          <dd>{total(i.totals.lost)}</dd>
          <dt>{t.impact.changed}</dt>
          <dd>{total(i.totals.changed)}</dd>
          <dt>{t.impact.prescriptions}</dt>
          <dd>{total(i.totals.prescriptions)}</dd>
        </dl>
        {table ? (
          <Figure
            p={p}
            id="impact-h"
            heading={t.sections.impact}
            table={table}
            chart={{
              title: t.impact.chartTitle,
              desc: t.impact.chartDesc,
              series: [t.impact.gained, t.impact.lost],
              rows,
            }}
          />
        ) : null}
      </>
    ),
  };
}

function gapsView(p: StaffPageContext, a: GapsAnswer) {
  const t = tm(p);
  const tables = gapsTables(a);
  const g = a.gaps;
  const headings = [t.gaps.byOrganisation, t.gaps.byDiagnosis, t.gaps.byItem];
  return {
    tables,
    file: `gaps-${g.region}-${g.on}`,
    body: (
      <>
        <p>{t.gaps.lead(g.since, g.on)}</p>
        {tables.map((table, k) => (
          <Figure
            p={p}
            id={`gaps-${table.key}-h`}
            heading={headings[k] ?? table.key}
            table={table}
            {...(k === 0
              ? {
                  chart: {
                    title: t.gaps.chartTitle,
                    desc: t.gaps.chartDesc,
                    series: [t.columns.gaps],
                    rows: g.byOrganisation.map((r) => ({
                      label: r.organisation ?? '—',
                      values: [r.gaps],
                    })),
                  },
                }
              : {})}
          />
        ))}
      </>
    ),
  };
}

function needView(p: StaffPageContext, r: NeedReport) {
  const t = tm(p);
  const tables = needTables(r);
  const [morbidity, consumption] = tables;
  const n = numberIn(p);
  const cost = r.totals.entitled;
  const left = cost.leftOut.noDose + cost.leftOut.noPrice + cost.leftOut.choice;
  return {
    tables,
    file: `need-${r.region}-${r.year}`,
    body: (
      <>
        <p>{t.need.lead(r.census)}</p>
        <p>
          {t.need.knownCost}: {n(cost.known.low)}–{n(cost.known.high)} KZT. {t.need.leftOut(left)}.
        </p>
        <p class="hint">{t.need.sources}</p>
        {morbidity ? (
          <Figure
            p={p}
            id="need-morbidity-h"
            heading={t.need.morbidity}
            table={morbidity}
            chart={{
              title: t.need.chartTitle,
              desc: t.need.chartDesc,
              series: [t.columns.packs],
              rows: r.morbidity
                .filter((l) => l.entitled.patients > 0)
                .map((l) => ({
                  label: `${l.item} ${l.product.inn ?? ''}`,
                  values: [l.entitled.packs],
                })),
            }}
          />
        ) : null}
        {consumption ? (
          <Figure p={p} id="need-consumption-h" heading={t.need.consumption} table={consumption} />
        ) : null}
      </>
    ),
  };
}

function whatIfView(p: StaffPageContext, r: WhatIfReport) {
  const t = tm(p);
  const tables = whatIfTables(r);
  const n = numberIn(p);
  const b = r.budget;
  const headings = [t.whatif.byItem, t.whatif.byDiagnosis, t.whatif.budget(b.year)];
  return {
    tables,
    file: `whatif-${r.region}-${r.date}`,
    body: (
      <>
        <p>{t.whatif.lead}</p>
        <dl class="totals">
          <dt>{t.whatif.registrations}</dt>
          <dd>{n(r.registrations)}</dd>
          <dt>{t.whatif.gainedAny}</dt>
          <dd>{n(r.gainedAny)}</dd>
          <dt>{t.whatif.lostAll}</dt>
          <dd>{n(r.lostAll)}</dd>
          <dt>{`${t.whatif.packs}: ${t.whatif.law} → ${t.whatif.draft}`}</dt>
          <dd>{`${n(b.law.packs)} → ${n(b.draft.packs)}`}</dd>
          <dt>{`${t.whatif.cost}: ${t.whatif.law} → ${t.whatif.draft}`}</dt>
          <dd>{`${n(b.law.cost.known.low)}–${n(b.law.cost.known.high)} → ${n(b.draft.cost.known.low)}–${n(b.draft.cost.known.high)}`}</dd>
        </dl>
        {tables.map((table, k) => (
          <Figure
            p={p}
            id={`whatif-${table.key}-h`}
            heading={headings[k] ?? table.key}
            table={table}
            {...(k === 0
              ? {
                  chart: {
                    title: t.whatif.chartTitle,
                    desc: t.whatif.chartDesc,
                    series: [t.columns.gained, t.columns.lost],
                    rows: r.byItem.map((c) => ({ label: c.key, values: [c.gained, c.lost] })),
                  },
                }
              : {})}
          />
        ))}
      </>
    ),
  };
}

const q = (p: StaffPageContext, name: string) => p.c.req.query(name)?.trim() ?? '';

export function analyticsRoutes(routes: StaffRoutes): void {
  routes.page('get', '/analytics', (p) => {
    const t = tm(p);
    const regions = [
      ...new Set(p.who.grants.filter((g) => ROLES.includes(g.role)).map((g) => g.region)),
    ].sort();
    const keys = ['impact', 'gaps', 'need', 'whatif'] as const;
    return p.html(
      <RegionsPage
        p={p}
        title={t.title}
        regions={regions}
        base="/analytics"
        links={keys.map((k) => ({ path: `/${k}`, label: t.sections[k] }))}
      />,
    );
  });

  routes.page('get', `/analytics/${REGION}/impact`, async (p) => {
    const region = p.c.req.param('region') ?? '';
    const date = q(p, 'date') || p.ui.today;
    const result = await analyticsOf(p).impact(p.who.actor, { region, date }, p.ctx(PURPOSE));
    return analysisPage(p, {
      region,
      section: 'impact',
      result,
      view: (a) => impactView(p, a),
      form: (
        <GetForm p={p}>
          <Field id="date" label={tm(p).form.date} type="date" value={date} required />
        </GetForm>
      ),
    });
  });

  routes.page('get', `/analytics/${REGION}/gaps`, async (p) => {
    const region = p.c.req.param('region') ?? '';
    const on = q(p, 'on') || p.ui.today;
    const months = q(p, 'months') || '3';
    const input = { region, on, months: /^\d{1,2}$/.test(months) ? Number(months) : months };
    const result = await analyticsOf(p).gaps(p.who.actor, input, p.ctx(PURPOSE));
    return analysisPage(p, {
      region,
      section: 'gaps',
      result,
      view: (a) => gapsView(p, a),
      form: (
        <GetForm p={p}>
          <Field id="on" label={tm(p).form.on} type="date" value={on} required />
          <Field id="months" label={tm(p).form.months} type="number" value={months} min="1" />
        </GetForm>
      ),
    });
  });

  routes.page('get', `/analytics/${REGION}/need`, async (p) => {
    const region = p.c.req.param('region') ?? '';
    const year = q(p, 'year') || p.ui.today.slice(0, 4);
    const input = { region, year: /^\d{4}$/.test(year) ? Number(year) : year };
    const result = await analyticsOf(p).need(p.who.actor, input, p.ctx(PURPOSE));
    return analysisPage(p, {
      region,
      section: 'need',
      result,
      view: (r) => needView(p, r),
      form: (
        <GetForm p={p}>
          <Field id="year" label={tm(p).form.year} type="number" value={year} required />
        </GetForm>
      ),
    });
  });

  const whatIfForm = (p: StaffPageContext, region: string, date: string) => {
    const t = tm(p).form;
    return (
      <form
        method="post"
        action={p.to(`/analytics/${region}/whatif`)}
        enctype="multipart/form-data"
        class="staff-form"
      >
        <Csrf who={p.who} />
        <p class="hint">{t.draftHint}</p>
        <Field id="date" label={tm(p).form.date} type="date" value={date} required />
        <div class="field">
          <label for="draft">{t.draftFile}</label>
          <input id="draft" name="draft" type="file" accept=".yaml,.yml,text/yaml" />
        </div>
        <div class="field">
          <label for="text">{t.draftText}</label>
          <textarea id="text" name="text" rows={6} spellcheck={false}></textarea>
        </div>
        <div class="submit">
          <button type="submit" class="primary">
            {t.run}
          </button>
        </div>
      </form>
    );
  };

  routes.page('get', `/analytics/${REGION}/whatif`, (p) => {
    const region = p.c.req.param('region') ?? '';
    return analysisPage<WhatIfReport>(p, {
      region,
      section: 'whatif',
      result: null,
      view: (r) => whatIfView(p, r),
      form: whatIfForm(p, region, p.ui.today),
    });
  });

  routes.page('post', `/analytics/${REGION}/whatif`, async (p) => {
    const region = p.c.req.param('region') ?? '';
    const body = await p.c.req
      .parseBody({ all: true })
      .catch(() => ({}) as Record<string, unknown>);
    const date = typeof body.date === 'string' ? body.date : '';
    const file = body.draft;
    let draft = typeof body.text === 'string' ? body.text : '';
    let name = 'draft.yaml';
    if (file instanceof File && file.size > 0) {
      // A file larger than the bound is not read: the use case refuses the first bytes past it.
      draft = await file.slice(0, MAX_DRAFT_BYTES + 1).text();
      name = /^[\w.-]{1,80}$/.test(file.name) ? file.name : name;
    }
    const result: OpsResult<WhatIfReport> = await analyticsOf(p).whatIf(
      p.who.actor,
      { region, date, draft, name },
      p.ctx(PURPOSE),
    );
    return analysisPage(p, {
      region,
      section: 'whatif',
      result,
      view: (r) => whatIfView(p, r),
      form: whatIfForm(p, region, date),
    });
  });
}

function analyticsOf(p: StaffPageContext) {
  const analytics = p.edge.analytics;
  if (!analytics) throw new Error('the Analytics section is mounted only with the analytics');
  return analytics;
}
