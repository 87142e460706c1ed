/**
 * Prescribing: the form offers only the products the engine finds the patient entitled to
 * today on the register's facts; days of supply show the provision parameter's limit and
 * whether it is law or tegin's default; a refusal names the fact to record first. The
 * prescription's page prints on A5 with its legal basis and the signed QR text (as text: tegin
 * has no QR encoder), and lets the prescribing doctor cancel it with a reason.
 */
import type { EvaluateAnswer } from '../../../app/queries.ts';
import type { AppliedParameter, Ledger, Prescription } from '../../../ops/clinical.ts';
import { PRESCRIPTION_CANCEL_REASONS } from '../../../ops/clinical.ts';
import { regionOfOrganisation } from '../../../ops/facts.ts';
import type { OpsIssue } from '../../../ops/issues.ts';
import type { Patient } from '../../../ops/model.ts';
import { basisItem } from '../../../ops/prescribing.ts';
import { Citation } from '../../components/item.tsx';
import { formOf, type StaffPageContext } from '../context.ts';
import {
  Checkbox,
  Csrf,
  Day,
  dayText,
  Field,
  isId,
  orgName,
  orgOptions,
  SelectField,
} from '../fields.tsx';
import { StaffLayout } from '../layout.tsx';
import { ErrorSummary, problemPage, statusOf } from '../outcome.tsx';
import type { StaffRoutes } from '../routes.tsx';
import { parameterText } from './admin-parameters.tsx';
import { loadPatient } from './patient.tsx';
import { productLabel } from '../../product-names.ts';
import { QrCode } from '../../qr.tsx';

const TREATMENT = 'treatment';

/** The products the engine says are entitled today, one option per product and diagnosis. */
export function entitledOptions(p: StaffPageContext, answer: EvaluateAnswer | null) {
  if (!answer?.ok) return [];
  return answer.result.entitlements
    .filter((e) => e.status === 'entitled')
    .flatMap((e) =>
      e.products
        .filter((x) => x.inn !== null || x.name !== null)
        .map((x) => {
          const name = x.name?.[p.lang] ?? x.inn ?? '';
          return {
            value:
              x.inn !== null
                ? `${e.diagnosis.code}|${x.inn}`
                : `${e.diagnosis.code}|~${x.name?.en ?? ''}`,
            label: `${name}${x.inn && x.inn !== name ? ` (${x.inn})` : ''} — ${e.diagnosis.code}, ${p.s.table.item.toLocaleLowerCase(p.lang)} ${basisItem(e)}`,
          };
        }),
    );
}

function standing(p: StaffPageContext, a: AppliedParameter): string {
  return p.s.rx.standing[a.status];
}

function PrescribePage(props: {
  p: StaffPageContext;
  patient: Patient;
  answer: EvaluateAnswer | null;
  issues?: readonly OpsIssue[];
  form?: Record<string, string>;
}) {
  const { p, patient } = props;
  const { s, who } = p;
  const t = s.rx;
  const f = props.form ?? {};
  const doctorOrgs = who.grants
    .filter((g) => g.role === 'doctor' && g.organisation)
    .map((g) => g.organisation as string);
  const options = entitledOptions(p, props.answer);
  const region = doctorOrgs[0] ? regionOfOrganisation(doctorOrgs[0]) : '';
  const limits = p.edge.service.desks.prescribing(region, p.ui.today);
  const hint = [
    limits.regular
      ? t.daysLimit(limits.regular.maxSupply.value, standing(p, limits.regular.maxSupply))
      : '',
    limits.continuous
      ? t.daysLimitContinuous(
          limits.continuous.maxSupply.value,
          standing(p, limits.continuous.maxSupply),
        )
      : '',
  ].join(' ');
  return (
    <StaffLayout
      p={p}
      who={who}
      title={t.title}
      section="doctor"
      switchTo={`/patients/${patient.id}/prescribe`}
    >
      <h1>{t.title}</h1>
      <p>
        <a href={p.to(`/patients/${patient.id}`)}>{t.back}</a>
      </p>
      <ErrorSummary p={p} issues={props.issues ?? []} />
      <p class="hint">{t.intro}</p>
      {options.length === 0 ? (
        <p class="notice warn">{t.none}</p>
      ) : (
        <form
          method="post"
          action={p.to(`/patients/${patient.id}/prescriptions`)}
          class="staff-form columns"
        >
          <Csrf who={who} />
          {/* Radio buttons, not a select: a product's name with its item wraps on a phone. */}
          <fieldset>
            <legend>{t.product}</legend>
            {options.map((o, i) => (
              <div class="check-row">
                <input
                  type="radio"
                  id={`product-${i}`}
                  name="product"
                  value={o.value}
                  checked={f.product ? f.product === o.value : i === 0}
                  required
                />
                <label for={`product-${i}`}>{o.label}</label>
              </div>
            ))}
          </fieldset>
          <Field
            id="quantity"
            label={t.quantity}
            type="number"
            min="1"
            max="10000"
            value={f.quantity ?? ''}
            size="short"
            required
          />
          <Field
            id="unit"
            label={t.unit}
            hint={t.unitHint}
            value={f.unit ?? ''}
            size="short"
            required
          />
          <Field id="dosing" label={t.dosing} value={f.dosing ?? ''} size="wide" required />
          <Field
            id="daysOfSupply"
            label={t.days}
            hint={hint}
            type="number"
            min="1"
            max="366"
            value={f.daysOfSupply ?? '30'}
            size="short"
            required
          />
          <Checkbox id="continuous" label={t.continuous} checked={f.continuous === 'yes'} />
          <SelectField
            id="rx-org"
            name="organisation"
            label={s.rx.prescriber}
            options={orgOptions(p, doctorOrgs)}
            selected={f.organisation}
          />
          <p>
            {t.issuedOn}: <Day date={p.ui.today} />
          </p>
          <div class="submit">
            <button type="submit" class="primary">
              {t.issue}
            </button>
          </div>
        </form>
      )}
    </StaffLayout>
  );
}

function RxPage(props: {
  p: StaffPageContext;
  rx: Prescription;
  patient: Patient | null;
  qr: string | null;
  ledger: Ledger | null;
  notice?: string | undefined;
  issues?: readonly OpsIssue[];
}) {
  const { p, rx, patient } = props;
  const { s, who } = p;
  const t = s.rx;
  const canCancel = rx.status === 'active' && who.grants.some((g) => g.role === 'doctor');
  const name = patient
    ? [patient.familyName, patient.givenName, patient.patronymic].filter(Boolean).join(' ')
    : null;
  return (
    <StaffLayout
      p={p}
      who={who}
      title={t.printTitle}
      section="doctor"
      switchTo={`/prescriptions/${rx.id}`}
    >
      <p class="no-print">
        <a href={p.to(`/patients/${rx.patientId}`)}>{t.back}</a>
      </p>
      {props.notice ? (
        <p class="notice ok no-print" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary p={p} issues={props.issues ?? []} />
      <article class="rx-print">
        <h1>
          {t.printTitle} № <span class="code">{rx.number}</span>
        </h1>
        <p class="no-print hint">{t.printHint}</p>
        <p>
          <button type="button" data-print hidden class="no-print">
            {t.print}
          </button>
        </p>
        <dl class="facts">
          <dt>{s.table.status}</dt>
          <dd>
            <span class={`badge rx-${rx.status}`}>{t.status[rx.status]}</span>
          </dd>
          {name ? (
            <>
              <dt>{t.patient}</dt>
              <dd>
                {name}, <Day date={patient?.birthDate} />
              </dd>
            </>
          ) : null}
          <dt>{t.issuedOn}</dt>
          <dd>
            <Day date={rx.issuedOn} />
          </dd>
          <dt>{t.validity}</dt>
          <dd>
            <Day date={rx.validFrom} /> — <Day date={rx.validTo} />
          </dd>
          <dt>{t.diagnosis}</dt>
          <dd class="code">{rx.icd10}</dd>
          <dt>{s.table.product}</dt>
          <dd>{productLabel(p.deps.services.registry, rx.region, rx.product, p.lang)}</dd>
          <dt>{t.quantity}</dt>
          <dd>
            {rx.quantity} {rx.unit}
          </dd>
          <dt>{t.dosing}</dt>
          <dd>{rx.dosing}</dd>
          <dt>{t.days}</dt>
          <dd>
            {rx.daysOfSupply}
            {rx.continuous ? ` (${t.continuous})` : ''}
          </dd>
          <dt>{t.prescriber}</dt>
          <dd>{who.organisations.get(rx.organisation)?.[p.lang] ?? rx.organisation}</dd>
          <dt>{t.ledger}</dt>
          <dd>{t.dispensed(rx.dispensed, rx.quantity, rx.unit)}</dd>
        </dl>
        <section aria-labelledby="basis-h">
          <h2 id="basis-h">{t.basisTitle}</h2>
          <p>
            {t.item} {rx.basis.item}. {rx.basis.explanation[p.lang]}
          </p>
          <Citation ui={p.ui} citation={rx.basis.citation} unlabelled />
          <ul class="plain params">
            {rx.basis.parameters.map((a) => (
              <li>
                {parameterText(p, a.name, a.value)} ({standing(p, a)}, {dayText(a.from)})
              </li>
            ))}
          </ul>
        </section>
        {props.qr ? (
          <section aria-labelledby="qr-h" class="qr">
            <h2 id="qr-h">{t.qrTitle}</h2>
            <QrCode text={props.qr} label={t.qrImage} />
            <textarea
              id="qr-text"
              readonly
              rows={5}
              aria-labelledby="qr-h"
              aria-describedby="qr-note"
              spellcheck={false}
            >
              {props.qr}
            </textarea>
            <p id="qr-note" class="hint">
              {t.qrNote}
            </p>
          </section>
        ) : null}
      </article>
      {props.ledger && props.ledger.dispenses.length > 0 ? (
        <section aria-labelledby="ledger-h" class="no-print">
          <h2 id="ledger-h">{t.ledger}</h2>
          <ul class="records">
            {props.ledger.dispenses.map((d) => (
              <li>
                <Day date={d.dispensedOn} />:{' '}
                {t.ledgerLine(
                  d.quantity,
                  rx.unit,
                  d.lot,
                  dayText(d.expiry),
                  orgName(p, d.pharmacy),
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {canCancel ? (
        <details class="staff-action no-print">
          <summary>{t.cancelTitle}</summary>
          <form method="post" action={p.to(`/prescriptions/${rx.id}/cancel`)} class="staff-form">
            <Csrf who={who} />
            <SelectField
              id="cancel-reason"
              name="reason"
              label={s.patient.reason}
              options={PRESCRIPTION_CANCEL_REASONS.map((r) => ({
                value: r,
                label: s.cancelReasons[r],
              }))}
            />
            <button type="submit">{t.cancel}</button>
          </form>
        </details>
      ) : null}
    </StaffLayout>
  );
}

/** The product a form option names. */
function productOf(value: string): { icd10: string; inn: string | null; name: string | null } {
  const [icd10 = '', rest = ''] = value.split('|');
  return rest.startsWith('~')
    ? { icd10, inn: null, name: rest.slice(1) }
    : { icd10, inn: rest || null, name: null };
}

async function rxPage(
  p: StaffPageContext,
  id: string,
  extra: { notice?: string; issues?: OpsIssue[]; status?: number },
) {
  const { service } = p.edge;
  const ctx = p.ctx(TREATMENT);
  const read = isId(id)
    ? await service.prescriptions.read(p.who.actor, { id }, ctx)
    : {
        ok: false as const,
        issues: [{ code: 'OPS_NOT_FOUND' as const, path: ['id'], message: '' }],
      };
  if (!read.ok) return problemPage(p, p.who, read.issues) ?? p.html('', 500);
  const patient = await service.patients.readPatient(p.who.actor, read.value.patientId, ctx);
  const qr = await service.prescriptions.qr(p.who.actor, id, ctx);
  const ledger = await service.dispensing.ledger(p.who.actor, id, ctx);
  return p.html(
    <RxPage
      p={p}
      rx={read.value}
      patient={patient.ok ? patient.value : null}
      qr={qr.ok ? qr.value.text : null}
      ledger={ledger.ok ? ledger.value : null}
      notice={extra.notice}
      issues={extra.issues ?? []}
    />,
    extra.status ?? 200,
  );
}

export function prescriptionRoutes(routes: StaffRoutes): void {
  routes.page('get', '/patients/:id/prescribe', async (p) => {
    const loaded = await loadPatient(p, p.c.req.param('id') ?? '');
    if (!loaded.ok) return loaded.page;
    return p.html(<PrescribePage p={p} patient={loaded.view.patient} answer={loaded.view.today} />);
  });

  routes.page('post', '/patients/:id/prescriptions', async (p) => {
    const id = p.c.req.param('id') ?? '';
    const form = await formOf(p);
    const product = productOf(form.product ?? '');
    const issued = await p.edge.service.prescriptions.issue(
      p.who.actor,
      {
        patientId: id,
        organisation: form.organisation ?? '',
        icd10: product.icd10,
        product: { inn: product.inn, name: product.name, form: null },
        quantity: Number(form.quantity),
        unit: form.unit ?? '',
        dosing: form.dosing ?? '',
        daysOfSupply: Number(form.daysOfSupply),
        continuous: form.continuous === 'yes',
        issuedOn: p.ui.today,
      },
      p.ctx(TREATMENT),
    );
    if (issued.ok) return p.redirect(`/prescriptions/${issued.value.id}?done=issued`);
    const refused = problemPage(p, p.who, issued.issues);
    if (refused) return refused;
    const loaded = await loadPatient(p, id);
    if (!loaded.ok) return loaded.page;
    return p.html(
      <PrescribePage
        p={p}
        patient={loaded.view.patient}
        answer={loaded.view.today}
        issues={issued.issues}
        form={form}
      />,
      statusOf(issued.issues),
    );
  });

  routes.page('get', '/prescriptions/:id', (p) => {
    const done = p.c.req.query('done');
    const notice =
      done === 'issued' ? p.s.rx.issued : done === 'cancelled' ? p.s.rx.cancelled : undefined;
    return rxPage(p, p.c.req.param('id') ?? '', notice ? { notice } : {});
  });

  routes.page('post', '/prescriptions/:id/cancel', async (p) => {
    const id = p.c.req.param('id') ?? '';
    const form = await formOf(p);
    const cancelled = isId(id)
      ? await p.edge.service.prescriptions.cancel(
          p.who.actor,
          id,
          { reason: form.reason ?? '' },
          p.ctx(TREATMENT),
        )
      : {
          ok: false as const,
          issues: [{ code: 'OPS_NOT_FOUND' as const, path: ['id'], message: '' }],
        };
    if (cancelled.ok) return p.redirect(`/prescriptions/${id}?done=cancelled`);
    const refused = problemPage(p, p.who, cancelled.issues);
    if (refused) return refused;
    return rxPage(p, id, { issues: cancelled.issues, status: statusOf(cancelled.issues) });
  });
}
