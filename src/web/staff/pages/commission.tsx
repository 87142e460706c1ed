/**
 * The commission member's desk: the organisation's decisions expiring in the next 30 days, and
 * recording a decision in two steps — the patient's IIN and the diagnosis (a POST), then the
 * protocol, the medicines (offered from the INNs of the list items in force that cover the
 * diagnosis) and the validity. The IIN travels in the forms only, never in an address.
 */
import { catalogFor } from '../../../app/queries.ts';
import type { CommissionDecision } from '../../../ops/clinical.ts';
import { regionOfOrganisation } from '../../../ops/facts.ts';
import type { OpsIssue } from '../../../ops/issues.ts';
import { icd10Covers, normaliseIcd10, type Icd10Code } from '../../../domain/codes.ts';
import { formOf, listOf, type StaffPageContext } from '../context.ts';
import {
  Checkbox,
  Csrf,
  Day,
  dayText,
  Field,
  orgName,
  orgOptions,
  SelectField,
} from '../fields.tsx';
import { StaffLayout } from '../layout.tsx';
import { ErrorSummary, problemPage, statusOf } from '../outcome.tsx';
import type { StaffRoutes } from '../routes.tsx';
import { innNames, productLabel } from '../../product-names.ts';

const TREATMENT = 'treatment';
const EXPIRING_DAYS = 30;

/** The INNs the list in force today gives for `code` in the region of `organisation`. */
function innsFor(p: StaffPageContext, organisation: string, code: Icd10Code): string[] {
  const region = p.deps.services.registry.region(regionOfOrganisation(organisation));
  if (!region) return [];
  const catalog = catalogFor(p.deps.services.registry, region, p.ui.today);
  const inns = catalog.items
    .filter(
      (i) =>
        i.status === 'in_force' &&
        i.diagnosis?.icd10.some((c) => icd10Covers(c as Icd10Code, code)),
    )
    .flatMap((i) => i.products.map((x) => x.inn))
    .filter((x): x is string => x !== null);
  return [...new Set(inns.map((x) => x.toLowerCase()))].sort();
}

function Expiring(props: { p: StaffPageContext; list: readonly CommissionDecision[] }) {
  const { p, list } = props;
  const t = p.s.commission;
  if (list.length === 0) return <p>{t.expiringNone}</p>;
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label={t.expiringTitle}>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{p.s.problems.field.protocolNumber}</th>
            <th scope="col">{p.s.table.diagnosis}</th>
            <th scope="col">{p.s.table.product}</th>
            <th scope="col">{t.until}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((d) => (
            <tr>
              <th scope="row" data-label={p.s.problems.field.protocolNumber}>
                <span>{p.s.patient.protocol(d.protocolNumber, dayText(d.protocolDate))}</span>
              </th>
              <td class="code" data-label={p.s.table.diagnosis}>
                <span>{d.icd10}</span>
              </td>
              <td data-label={p.s.table.product}>
                <span>
                  {innNames(
                    p.deps.services.registry,
                    regionOfOrganisation(d.organisation),
                    d.inns,
                    p.lang,
                  )}
                </span>
              </td>
              <td data-label={t.until}>
                <Day date={d.validTo} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeskPage(props: {
  p: StaffPageContext;
  organisations: readonly string[];
  expiring: readonly { organisation: string; list: readonly CommissionDecision[] }[];
  issues?: readonly OpsIssue[];
  notice?: string | undefined;
  form?: Record<string, string>;
}) {
  const { p } = props;
  const { s, who } = p;
  const t = s.commission;
  const f = props.form ?? {};
  return (
    <StaffLayout p={p} who={who} title={t.title} section="commission_member" switchTo="/commission">
      <h1>{t.title}</h1>
      <ErrorSummary p={p} issues={props.issues ?? []} />
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      <section aria-labelledby="new-h">
        <h2 id="new-h">{t.newTitle}</h2>
        <p class="hint">{t.step1}</p>
        <form method="post" action={p.to('/commission/prepare')} class="staff-form columns">
          <Csrf who={who} />
          <Field
            id="iin"
            label={t.iin}
            value={f.iin ?? ''}
            inputmode="numeric"
            pattern="[0-9]{12}"
            required
          />
          <Field id="icd10" label={t.icd10} value={f.icd10 ?? ''} size="short" required />
          <SelectField
            id="organisation"
            label={t.organisation}
            options={orgOptions(p, props.organisations)}
            selected={f.organisation}
          />
          <div class="submit">
            <button type="submit" class="primary">
              {t.next}
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="exp-h">
        <h2 id="exp-h">{t.expiringTitle}</h2>
        {props.expiring.map((e) => (
          <>
            {props.expiring.length > 1 ? (
              <h3>{who.organisations.get(e.organisation)?.[p.lang] ?? e.organisation}</h3>
            ) : null}
            <Expiring p={p} list={e.list} />
          </>
        ))}
      </section>
    </StaffLayout>
  );
}

function DecisionPage(props: {
  p: StaffPageContext;
  form: Record<string, string>;
  code: Icd10Code;
  inns: readonly string[];
  chosen: readonly string[];
  issues?: readonly OpsIssue[];
}) {
  const { p, form, code } = props;
  const { s, who } = p;
  const t = s.commission;
  return (
    <StaffLayout
      p={p}
      who={who}
      title={t.newTitle}
      section="commission_member"
      switchTo="/commission"
    >
      <h1>{t.newTitle}</h1>
      <ErrorSummary p={p} issues={props.issues ?? []} />
      <p>
        {t.icd10}: <strong class="code">{code}</strong>; {t.organisation}:{' '}
        {orgName(p, form.organisation ?? '')}
      </p>
      {props.inns.length === 0 ? (
        <p class="notice warn">{t.noItems}</p>
      ) : (
        <form method="post" action={p.to('/commission/decisions')} class="staff-form columns">
          <Csrf who={who} />
          <input type="hidden" name="iin" value={form.iin ?? ''} />
          <input type="hidden" name="icd10" value={code} />
          <input type="hidden" name="organisation" value={form.organisation ?? ''} />
          <Field
            id="protocolNumber"
            label={t.protocolNumber}
            value={form.protocolNumber ?? ''}
            size="short"
            required
          />
          <Field
            id="protocolDate"
            label={t.protocolDate}
            type="date"
            value={form.protocolDate ?? p.ui.today}
            required
          />
          <fieldset>
            <legend>{t.inns}</legend>
            <p class="hint">{t.innsHint}</p>
            {props.inns.map((inn, i) => (
              <Checkbox
                id={`inn-${i}`}
                name="inns"
                value={inn}
                label={productLabel(p.deps.services.registry, null, { inn, name: null }, p.lang)}
                checked={props.chosen.includes(inn)}
              />
            ))}
          </fieldset>
          <Field
            id="validFrom"
            label={t.validFrom}
            type="date"
            value={form.validFrom ?? p.ui.today}
            required
          />
          <Field
            id="validTo"
            label={t.validTo}
            hint={t.validToHint}
            type="date"
            value={form.validTo ?? ''}
          />
          <div class="submit">
            <button type="submit" class="primary">
              {t.record}
            </button>
          </div>
        </form>
      )}
    </StaffLayout>
  );
}

async function desk(
  p: StaffPageContext,
  extra: { issues?: OpsIssue[]; notice?: string; form?: Record<string, string>; status?: number },
) {
  const { desks } = p.edge.service;
  const opened = await desks.open(p.who.actor, 'commission', p.ctx(TREATMENT));
  if (!opened.ok) return problemPage(p, p.who, opened.issues) ?? p.html('', 500);
  const expiring = [];
  for (const organisation of opened.value) {
    const list = await desks.expiringDecisions(
      p.who.actor,
      organisation,
      EXPIRING_DAYS,
      p.ctx(TREATMENT),
    );
    if (!list.ok) return problemPage(p, p.who, list.issues) ?? p.html('', 500);
    expiring.push({ organisation, list: list.value });
  }
  return p.html(
    <DeskPage
      p={p}
      organisations={opened.value}
      expiring={expiring}
      issues={extra.issues ?? []}
      notice={extra.notice}
      form={extra.form ?? {}}
    />,
    extra.status ?? 200,
  );
}

export function commissionRoutes(routes: StaffRoutes): void {
  routes.page('get', '/commission', (p) =>
    desk(p, p.c.req.query('done') === 'recorded' ? { notice: p.s.commission.recorded } : {}),
  );

  routes.page('post', '/commission/prepare', async (p) => {
    const form = await formOf(p);
    const code = normaliseIcd10(form.icd10 ?? '');
    if (!code.ok) {
      const issues: OpsIssue[] = [{ code: 'OPS_INPUT', path: ['icd10'], message: code.reason }];
      return desk(p, { issues, form, status: 400 });
    }
    const inns = innsFor(p, form.organisation ?? '', code.code);
    return p.html(<DecisionPage p={p} form={form} code={code.code} inns={inns} chosen={[]} />);
  });

  routes.page('post', '/commission/decisions', async (p) => {
    const form = await formOf(p);
    const chosen = await listOf(p, 'inns');
    const recorded = await p.edge.service.desks.decideForIin(
      p.who.actor,
      {
        iin: (form.iin ?? '').trim(),
        organisation: form.organisation ?? '',
        protocolNumber: form.protocolNumber ?? '',
        protocolDate: form.protocolDate ?? '',
        icd10: form.icd10 ?? '',
        inns: chosen,
        validFrom: form.validFrom ?? '',
        validTo: form.validTo ? form.validTo : null,
        revokes: null,
      },
      p.ctx(TREATMENT),
    );
    if (recorded.ok) return p.redirect('/commission?done=recorded');
    const refused = problemPage(p, p.who, recorded.issues, []);
    if (refused) return refused;
    const code = normaliseIcd10(form.icd10 ?? '');
    if (!code.ok) return desk(p, { issues: recorded.issues, form, status: 400 });
    const inns = innsFor(p, form.organisation ?? '', code.code);
    return p.html(
      <DecisionPage
        p={p}
        form={form}
        code={code.code}
        inns={inns}
        chosen={chosen}
        issues={recorded.issues}
      />,
      statusOf(recorded.issues),
    );
  });
}
