/**
 * The checker's answer: the engine's coverage of the date first (covered, uncertain, not
 * covered, no list), then per item entitled, conditional (what is still needed), not entitled or
 * unknown, each with its reason, explanation and citation; a diagnosis no item covers is "not
 * entitled" only where the list is known to be in force (`verdictWithoutItems`). The page shows
 * the same verdict as the API: `data-coverage` and `data-status` mark it for the tests.
 */
import type { Coverage } from '../../domain/catalog.ts';
import { legalDate } from '../../domain/citation.ts';
import {
  verdictWithoutItems,
  type Entitlement,
  type EntitlementStatus,
} from '../../domain/engine.ts';
import { UNMET_LABELS } from '../../domain/explain.ts';
import type { Region } from '../../domain/region.ts';
import type { CheckOutcome } from '../check-form.ts';
import { Citation, Products } from '../components/item.tsx';
import { CoverageNotice, EntitlementBadge, Warnings } from '../components/notices.tsx';
import { unitsText } from '../../domain/units.ts';
import { capitalise, href, itemPath, tr, type Ui } from '../ui.ts';

const ORDER: Record<EntitlementStatus, number> = {
  entitled: 0,
  conditional: 1,
  unknown: 2,
  not_entitled: 3,
};

export function Answer(props: {
  ui: Ui;
  regions: readonly Region[];
  outcome: Extract<CheckOutcome, { kind: 'answer' }>;
}) {
  const { ui } = props;
  const { m } = ui;
  const { result, interpretations } = props.outcome;
  const region = props.regions.find((r) => r.code === result.region);
  if (!region) return null;
  const sorted = [...result.entitlements].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return (
    <section class="answer-block" aria-labelledby="answer">
      <h2 id="answer" tabindex={-1}>
        {m.check.resultsTitle}
      </h2>
      <p>
        {m.check.summary(tr(ui, region.name), legalDate(result.date), result.age)}{' '}
        {m.check.ageSource[result.ageSource]}
      </p>
      {interpretations.map((i) => (
        <p>{m.check.interpreted(i.input, i.codes.join(', '))}</p>
      ))}
      <CoverageNotice ui={ui} coverage={result.coverage} />
      <Warnings ui={ui} warnings={result.warnings} />
      {result.assumptions.length > 0 ? (
        <div class="assumptions">
          <p>{m.check.assumptionsTitle}:</p>
          <ul>
            {result.assumptions.map((a) => (
              <li>{tr(ui, a.text)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.diagnoses
        .filter((d) => d.items === 0)
        .map((d) => (
          <Unlisted ui={ui} code={d.code} coverage={result.coverage} />
        ))}
      {sorted.map((e) => (
        <AnswerCard ui={ui} region={region} entitlement={e} date={result.date} />
      ))}
      <p>
        <a href="#form">{m.check.again}</a>
      </p>
    </section>
  );
}

/** A diagnosis no item covers: not entitled under a list in force, otherwise cannot tell. */
function Unlisted(props: { ui: Ui; code: string; coverage: Coverage }) {
  const { ui, code, coverage } = props;
  const { m } = ui;
  const status = verdictWithoutItems(coverage);
  return (
    <div class="answer e-none" data-status={status} data-dx={code}>
      <h3>
        <EntitlementBadge ui={ui} status={status} />{' '}
        {coverage.status === 'covered'
          ? m.check.noItems(code)
          : m.check.unlisted[coverage.status](code)}
      </h3>
      {coverage.status === 'covered' ? <p>{m.check.noItemsNote}</p> : null}
    </div>
  );
}

function AnswerCard(props: { ui: Ui; region: Region; entitlement: Entitlement; date: string }) {
  const { ui, region, entitlement: e } = props;
  const { m } = ui;
  const section = e.basis.section;
  const explanation = tr(ui, e.explanation);
  const reason = e.reason ? tr(ui, e.reason.text) : null;
  return (
    <article
      class={`answer e-${e.status}`}
      data-status={e.status}
      data-item={`${e.basis.section}/${e.item}`}
    >
      <h3>
        <EntitlementBadge ui={ui} status={e.status} />{' '}
        <span class="block">
          {capitalise(tr(ui, unitsText(e.basis.units)))}: {tr(ui, e.diagnosis.listed)}
        </span>
      </h3>
      <p class="meta">{m.check.forDiagnosis(e.diagnosis.code, tr(ui, e.diagnosis.listed))}</p>
      <dl class="facts">
        <dt>{m.common.products}</dt>
        <dd>
          <Products ui={ui} products={e.products} />
        </dd>
        {e.unmet.length > 0 ? (
          <>
            <dt>{m.check.stillNeeded}</dt>
            <dd>
              <ul>
                {e.unmet.map((u) => (
                  <li>{tr(ui, UNMET_LABELS[u])}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {reason && !explanation.includes(reason) ? (
          <>
            <dt>{m.check.reason}</dt>
            <dd>{reason}</dd>
          </>
        ) : null}
        <dt>{m.check.explanation}</dt>
        <dd>{explanation}</dd>
      </dl>
      <Citation ui={ui} citation={e.basis} />
      <p>
        <a
          href={href(ui, itemPath(region, section, e.item), {
            date: props.date === ui.today ? undefined : props.date,
          })}
        >
          {m.check.openItem}
        </a>
      </p>
    </article>
  );
}
