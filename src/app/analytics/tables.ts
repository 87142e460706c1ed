/**
 * Each analysis's answer as tables (src/app/exports/table.ts): the one shape the CSV and XLSX
 * exports of the CLI, the API and the staff web are written from, so the three cannot drift.
 * A count suppressed as small (src/analytics/publish.ts) is the text `suppressed`; a figure the
 * reference data cannot give is `missing` with its reason beside it — never a zero.
 */
import type { Cell, Table } from '../exports/table.ts';
import type { Count } from '../../analytics/publish.ts';
import type { GapsAnswer, ImpactAnswer } from './register.ts';
import type { NeedReport } from './need.ts';
import type { WhatIfReport } from './whatif.ts';

/** A table of an analysis, with the key a client picks it by (`?table=`). */
export interface AnalyticsTable extends Table {
  key: string;
}

export const SUPPRESSED = 'suppressed';
export const MISSING = 'missing';

const n = (v: Count): Cell => (v === null ? SUPPRESSED : v);
const known = (v: number | null | undefined): Cell => (v === null || v === undefined ? MISSING : v);

export function impactTables({ impact }: ImpactAnswer): AnalyticsTable[] {
  const name = `impact ${impact.region} ${impact.date}`;
  return [
    {
      key: 'item',
      name,
      header: [
        'act',
        'annex',
        'item',
        'diagnosis',
        'list_change',
        'gained',
        'lost',
        'changed',
        'prescriptions_at_risk',
        'cause_list',
        'cause_coverage',
        'cause_age',
        'cause_register',
      ],
      rows: impact.byItem.map((r) => [
        r.act,
        r.annex,
        r.item,
        r.diagnosis,
        r.listChange ?? '',
        n(r.gained),
        n(r.lost),
        n(r.changed),
        n(r.prescriptions),
        n(r.causes.list),
        n(r.causes.coverage),
        n(r.causes.age),
        n(r.causes.register),
      ]),
    },
  ];
}

export const GAPS_BY = ['organisation', 'diagnosis', 'item'] as const;
export type GapsBy = (typeof GAPS_BY)[number];

export function gapsTables({ gaps }: GapsAnswer): AnalyticsTable[] {
  const counts = ['entitled', 'gaps', 'overdue_deferrals'];
  const of = (r: { entitled: Count; gaps: Count; overdue: Count }) => [
    n(r.entitled),
    n(r.gaps),
    n(r.overdue),
  ];
  const at = `${gaps.region} ${gaps.on}`;
  return [
    {
      key: 'organisation',
      name: `gaps by organisation ${gaps.region}`.slice(0, 31),
      header: ['organisation', ...counts],
      rows: gaps.byOrganisation.map((r) => [r.organisation ?? '', ...of(r)]),
    },
    {
      key: 'diagnosis',
      name: `gaps by diagnosis ${at}`.slice(0, 31),
      header: ['diagnosis', ...counts],
      rows: gaps.byDiagnosis.map((r) => [r.diagnosis, ...of(r)]),
    },
    {
      key: 'item',
      name: `gaps by item ${at}`.slice(0, 31),
      header: ['key', 'item', ...counts],
      rows: gaps.byItem.map((r) => [r.key, r.item, ...of(r)]),
    },
  ];
}

export function needTables(r: NeedReport): AnalyticsTable[] {
  const morbidity: Cell[][] = [];
  for (const l of r.morbidity) {
    for (const status of ['entitled', 'conditional'] as const) {
      const f = l[status];
      if (f.patients === 0) continue;
      morbidity.push([
        l.act,
        l.item,
        l.product.inn,
        l.product.form,
        l.choice ? 'yes' : 'no',
        status,
        f.patients,
        f.patientDays,
        l.dose.ok ? l.dose.dose.amount : MISSING,
        l.dose.ok ? l.dose.dose.unit : null,
        l.dose.ok ? l.dose.basis : null,
        f.units ? f.units.amount : MISSING,
        known(f.packs),
        f.cost.ok ? f.cost.low : MISSING,
        f.cost.ok ? f.cost.high : MISSING,
        !l.dose.ok ? l.dose.reason : f.cost.ok ? (l.packs.ok ? '' : l.packs.reason) : f.cost.reason,
      ]);
    }
  }
  return [
    {
      key: 'morbidity',
      name: `need morbidity ${r.region} ${r.year}`,
      header: [
        'act',
        'item',
        'inn',
        'form',
        'choice',
        'status',
        'patients',
        'patient_days',
        'daily_dose',
        'dose_unit',
        'dose_basis',
        'units',
        'packs',
        'cost_low_kzt',
        'cost_high_kzt',
        'missing_because',
      ],
      rows: morbidity,
    },
    {
      key: 'consumption',
      name: `need consumption ${r.region} ${r.year}`,
      header: [
        'item',
        'product',
        'unit',
        'consumed',
        'months_observed',
        'days_out_of_stock',
        'adjusted_monthly',
        'annual',
        'missing_because',
      ],
      rows: r.consumption.map((c) => [
        c.item,
        c.productKey,
        c.unit,
        c.consumed,
        c.months,
        c.daysOutOfStock,
        known(c.adjustedMonthly),
        known(c.annual),
        c.reason ?? '',
      ]),
    },
  ];
}

export function whatIfTables(r: WhatIfReport): AnalyticsTable[] {
  const counts = ['gained', 'lost', 'changed'];
  const side = (f: WhatIfReport['budget']['lines'][number]['law']): Cell[] =>
    f === null
      ? [0, 0, 0, 0]
      : [f.patients, known(f.packs), f.cost ? f.cost.low : MISSING, f.cost ? f.cost.high : MISSING];
  return [
    {
      key: 'item',
      name: `whatif by item ${r.region} ${r.date}`.slice(0, 31),
      header: ['item', ...counts],
      rows: r.byItem.map((c) => [c.key, c.gained, c.lost, c.changed]),
    },
    {
      key: 'diagnosis',
      name: `whatif by diagnosis ${r.region}`.slice(0, 31),
      header: ['diagnosis', ...counts],
      rows: r.byDiagnosis.map((c) => [c.key, c.gained, c.lost, c.changed]),
    },
    {
      key: 'budget',
      name: `whatif budget ${r.region} ${r.budget.year}`,
      header: [
        'item',
        'product',
        'form',
        'choice',
        'law_patients',
        'law_packs',
        'law_cost_low_kzt',
        'law_cost_high_kzt',
        'draft_patients',
        'draft_packs',
        'draft_cost_low_kzt',
        'draft_cost_high_kzt',
      ],
      rows: r.budget.lines.map((l) => [
        l.item,
        l.product,
        l.form,
        l.choice ? 'yes' : 'no',
        ...side(l.law),
        ...side(l.draft),
      ]),
    },
  ];
}

/** The table a client asked for by key (default: the first), or null for an unknown key. */
export function tableByKey(
  tables: readonly AnalyticsTable[],
  key: string | undefined,
): AnalyticsTable | null {
  if (key === undefined || key === '') return tables[0] ?? null;
  return tables.find((t) => t.key === key) ?? null;
}
