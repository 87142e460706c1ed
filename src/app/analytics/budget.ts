/**
 * The what-if's budget side: the morbidity method of the need estimate
 * (docs/adr/0019-need-and-budget.md, src/analytics/need.ts) run twice over the same register
 * groups of the year — once with the law in force, once with the draft — and compared line by
 * line (an item's product), entitled patients only. A figure the reference data cannot give (no
 * dose, no pack size, no price) stays `null`, never a zero; totals add the known figures and say
 * how many lines they leave out.
 */
import { morbidityLine, totalOf, type MorbidityLine, type Total } from '../../analytics/need.ts';
import type { NeedReference } from '../../analytics/need.ts';
import type { IsoDate } from '../../domain/date.ts';
import type { RegisterGroup } from '../../storage/ops/analytics-port.ts';
import type { EvaluateAnswer } from '../queries.ts';
import { populationLines } from './population.ts';

type Evaluate = (facts: unknown) => EvaluateAnswer;

/** One side of a line: entitled patients, packs and cost (lowest–highest price row). */
export interface BudgetFigure {
  patients: number;
  /** null: no dose or no pack size in the reference data. */
  packs: number | null;
  /** null: no dose or no usable price. */
  cost: { low: number; high: number } | null;
}

export interface BudgetLine {
  /** `section.item` and the product's INN (or name) and form. */
  item: string;
  product: string;
  form: string | null;
  /** True when the item offers several products (a patient gets one: not summed). */
  choice: boolean;
  law: BudgetFigure | null;
  draft: BudgetFigure | null;
}

export interface BudgetSide {
  /** Packs summed over the lines that have them (choices left out). */
  packs: number;
  /** Lines with patients but no pack count. */
  packsUnknown: number;
  cost: Total;
}

export interface WhatIfBudget {
  year: number;
  law: BudgetSide;
  draft: BudgetSide;
  lines: BudgetLine[];
}

const keyOf = (l: MorbidityLine) => `${l.item}|${l.product.inn ?? ''}|${l.product.form ?? ''}`;

function figureOf(l: MorbidityLine): BudgetFigure | null {
  const f = l.entitled;
  if (f.patients === 0) return null;
  return {
    patients: f.patients,
    packs: f.packs,
    cost: f.cost.ok ? { low: f.cost.low, high: f.cost.high } : null,
  };
}

function sideOf(lines: readonly MorbidityLine[]): BudgetSide {
  let packs = 0;
  let packsUnknown = 0;
  for (const l of lines) {
    if (l.entitled.patients === 0 || l.choice) continue;
    if (l.entitled.packs === null) packsUnknown++;
    else packs += l.entitled.packs;
  }
  return { packs, packsUnknown, cost: totalOf(lines, 'entitled') };
}

/** The morbidity method with the law and with the draft, over the same groups. */
export function compareBudgets(input: {
  groups: readonly RegisterGroup[];
  region: string;
  census: IsoDate;
  year: number;
  law: Evaluate;
  draft: Evaluate;
  reference: NeedReference;
}): WhatIfBudget {
  const run = (evaluate: Evaluate) =>
    [...populationLines(input.groups, input.region, input.census, evaluate).lines.values()].map(
      (l) => morbidityLine(l, input.reference),
    );
  const law = run(input.law);
  const draft = run(input.draft);
  const lines = new Map<string, BudgetLine>();
  const lineOf = (l: MorbidityLine): BudgetLine => {
    const key = keyOf(l);
    let line = lines.get(key);
    if (!line) {
      line = {
        item: l.item,
        product: l.product.inn ?? '(unnamed)',
        form: l.product.form,
        choice: l.choice,
        law: null,
        draft: null,
      };
      lines.set(key, line);
    }
    return line;
  };
  for (const l of law) lineOf(l).law = figureOf(l);
  for (const l of draft) {
    const line = lineOf(l);
    line.draft = figureOf(l);
    line.choice ||= l.choice;
  }
  return {
    year: input.year,
    law: sideOf(law),
    draft: sideOf(draft),
    lines: [...lines.values()]
      .filter((l) => l.law !== null || l.draft !== null)
      .sort(
        (a, b) =>
          a.item.localeCompare(b.item, 'en', { numeric: true }) ||
          a.product.localeCompare(b.product),
      ),
  };
}
