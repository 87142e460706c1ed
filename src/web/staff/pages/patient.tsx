/**
 * The patient's page (by internal id): attachment, the dispensary register, commission
 * decisions, prescriptions with what was dispensed, and what the patient is entitled to today —
 * the engine's answer on the register's facts, built as issuing builds them (src/ops/facts.ts).
 * Each part is read through its use case (authorised, audited); a part the role may not read
 * says so, and a patient the account may not read at all is a 403 page.
 */
import { currentAttachment } from '../../../ops/attachment.ts';
import {
  DEREGISTRATION_REASONS,
  type CommissionDecision,
  type DispensaryRegistration,
  type Prescription,
} from '../../../ops/clinical.ts';
import { regionOfOrganisation } from '../../../ops/facts.ts';
import type { OpsIssue, OpsResult } from '../../../ops/issues.ts';
import type { Patient } from '../../../ops/model.ts';
import { basisItem } from '../../../ops/prescribing.ts';
import { UNMET_LABELS } from '../../../domain/explain.ts';
import type { EvaluateAnswer } from '../../../app/queries.ts';
import { Citation, Products } from '../../components/item.tsx';
import { EntitlementBadge } from '../../components/notices.tsx';
import { Legal } from '../../components/text.tsx';
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
import { innNames, productLabel } from '../../product-names.ts';

const TREATMENT = 'treatment';

export interface PatientView {
  patient: Patient;
  registrations: OpsResult<DispensaryRegistration[]>;
  decisions: OpsResult<CommissionDecision[]>;
  prescriptions: OpsResult<Prescription[]>;
  today: EvaluateAnswer | null;
}

/** Reads a patient's record through the use cases; a refusal or a missing patient as a page. */
export async function loadPatient(
  p: StaffPageContext,
  id: string,
): Promise<{ ok: true; view: PatientView } | { ok: false; page: Response }> {
  const { service } = p.edge;
  const actor = p.who.actor;
  const ctx = p.ctx(TREATMENT);
  const read = isId(id)
    ? await service.patients.readPatient(actor, id, ctx)
    : {
        ok: false as const,
        issues: [{ code: 'OPS_NOT_FOUND' as const, path: ['id'], message: '' }],
      };
  if (!read.ok) {
    return { ok: false, page: problemPage(p, p.who, read.issues) ?? p.html('', 500) };
  }
  const patient = read.value;
  const registrations = await service.register.registrations(actor, id, ctx);
  const decisions = await service.register.decisions(actor, id, ctx);
  const prescriptions = await service.prescriptions.list(actor, id, {}, ctx);
  const open = currentAttachment(patient.attachments);
  const today =
    registrations.ok && decisions.ok && open
      ? service.desks.entitledOn(
          { patient, registrations: registrations.value, decisions: decisions.value },
          regionOfOrganisation(open.organisation),
          p.ui.today,
        )
      : null;
  return { ok: true, view: { patient, registrations, decisions, prescriptions, today } };
}

function Hidden(props: { p: StaffPageContext }) {
  return <p class="notice info">{props.p.s.patient.notVisible}</p>;
}

function Registrations(props: { p: StaffPageContext; view: PatientView; canWrite: boolean }) {
  const { p, view } = props;
  const t = p.s.patient;
  if (!view.registrations.ok) return <Hidden p={p} />;
  const list = view.registrations.value;
  if (list.length === 0) return <p>{t.noRegistrations}</p>;
  return (
    <ul class="records">
      {list.map((r) => (
        <li>
          <p>
            <strong class="code">{r.icd10}</strong> — {t.registeredFrom} <Day date={r.from} />
            {r.to ? (
              <>
                , {t.registeredTo} <Day date={r.to} />
                {r.deregistration ? ` (${p.s.deregistration[r.deregistration.reason]})` : ''}
              </>
            ) : (
              ` (${t.open})`
            )}
          </p>
          <p class="meta">
            {r.basis}; {r.confirmed ? t.confirmed : t.notConfirmed}; {orgName(p, r.organisation)}
          </p>
          {props.canWrite && r.to === null ? (
            <details class="staff-action">
              <summary>{t.closeTitle}</summary>
              <form method="post" action={p.to(`/registrations/${r.id}/close`)} class="staff-form">
                <Csrf who={p.who} />
                <Field
                  id={`to-${r.id}`}
                  name="to"
                  label={t.lastDay}
                  type="date"
                  value={p.ui.today}
                  required
                />
                <SelectField
                  id={`reason-${r.id}`}
                  name="reason"
                  label={t.reason}
                  options={DEREGISTRATION_REASONS.map((x) => ({
                    value: x,
                    label: p.s.deregistration[x],
                  }))}
                />
                <button type="submit">{t.close}</button>
              </form>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Decisions(props: { p: StaffPageContext; view: PatientView }) {
  const { p, view } = props;
  const t = p.s.patient;
  if (!view.decisions.ok) return <Hidden p={p} />;
  const list = view.decisions.value;
  if (list.length === 0) return <p>{t.noDecisions}</p>;
  return (
    <ul class="records">
      {list.map((d) => (
        <li>
          <p>
            <strong class="code">{d.icd10}</strong> —{' '}
            {t.protocol(d.protocolNumber, dayText(d.protocolDate))}
            {d.revokes ? ` (${t.revocation})` : d.revokedBy ? ` (${t.revoked})` : ''}
          </p>
          <p class="meta">
            {innNames(
              p.deps.services.registry,
              regionOfOrganisation(d.organisation),
              d.inns,
              p.lang,
            )}
            ; {t.validity}: <Day date={d.validFrom} /> —{' '}
            {d.validTo ? <Day date={d.validTo} /> : t.untilRevoked}; {orgName(p, d.organisation)}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function PrescriptionsTable(props: {
  p: StaffPageContext;
  list: readonly Prescription[];
  link: (rx: Prescription) => string;
}) {
  const { p } = props;
  const t = p.s.table;
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label={p.s.patient.prescriptions}>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{t.number}</th>
            <th scope="col">{t.product}</th>
            <th scope="col">{t.diagnosis}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{p.s.rx.validity}</th>
            <th scope="col">{p.s.rx.ledger}</th>
          </tr>
        </thead>
        <tbody>
          {props.list.map((rx) => (
            <tr>
              <th scope="row" data-label={t.number}>
                <a href={props.link(rx)}>{rx.number}</a>
              </th>
              <td data-label={t.product}>
                <span>{productLabel(p.deps.services.registry, rx.region, rx.product, p.lang)}</span>
              </td>
              <td data-label={t.diagnosis} class="code">
                <span>{rx.icd10}</span>
              </td>
              <td data-label={t.status}>
                <span>
                  <span class={`badge rx-${rx.status}`}>{p.s.rx.status[rx.status]}</span>
                </span>
              </td>
              <td data-label={p.s.rx.validity}>
                <span>
                  <Day date={rx.validFrom} /> — <Day date={rx.validTo} />
                </span>
              </td>
              <td data-label={p.s.rx.ledger}>
                <span>{p.s.rx.dispensed(rx.dispensed, rx.quantity, rx.unit)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EntitledToday(props: { p: StaffPageContext; answer: EvaluateAnswer | null }) {
  const { p, answer } = props;
  const t = p.s.patient;
  if (!answer) return <Hidden p={p} />;
  if (!answer.ok)
    return <p class="notice warn">{answer.issues.map((i) => i.message).join('; ')}</p>;
  const list = answer.result.entitlements;
  if (list.length === 0) return <p>{t.nothingToday}</p>;
  return (
    <ul class="records entitled">
      {list.map((e) => (
        <li>
          <p>
            <EntitlementBadge ui={p.ui} status={e.status} />{' '}
            <strong class="code">{e.diagnosis.code}</strong> — {p.s.table.item} {basisItem(e)}:{' '}
            <Legal ui={p.ui} text={e.diagnosis.listed} />
          </p>
          <Products ui={p.ui} products={e.products} />
          {e.unmet.length > 0 ? (
            <p>
              <strong>{t.unmet}:</strong> {e.unmet.map((u) => UNMET_LABELS[u][p.lang]).join('; ')}
            </p>
          ) : null}
          <p>{e.explanation[p.lang]}</p>
          <Citation ui={p.ui} citation={e.basis} />
        </li>
      ))}
    </ul>
  );
}

function PatientPage(props: {
  p: StaffPageContext;
  view: PatientView;
  issues?: readonly OpsIssue[];
  notice?: string | undefined;
}) {
  const { p, view } = props;
  const { s, who } = p;
  const t = s.patient;
  const patient = view.patient;
  const open = currentAttachment(patient.attachments);
  const doctorOrgs = who.grants
    .filter((g) => g.role === 'doctor' && g.organisation)
    .map((g) => g.organisation as string);
  // Which forms to show is a convenience; whether a write is allowed is the use case's answer.
  const canWrite = doctorOrgs.length > 0;
  const name = [patient.familyName, patient.givenName, patient.patronymic]
    .filter(Boolean)
    .join(' ');
  return (
    <StaffLayout
      p={p}
      who={who}
      title={t.title}
      section="doctor"
      switchTo={`/patients/${patient.id}`}
    >
      <h1>
        {t.title}: <span class="person">{name}</span>
      </h1>
      <ErrorSummary p={p} issues={props.issues ?? []} />
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t.born}</dt>
        <dd>
          <Day date={patient.birthDate} />
        </dd>
        <dt>{t.sexLabel}</dt>
        <dd>{patient.sex === 'female' ? s.patients.female : s.patients.male}</dd>
        <dt>{t.citizenship}</dt>
        <dd>{patient.citizenship}</dd>
        <dt>{t.attachment}</dt>
        <dd>
          {open
            ? t.attachedTo(
                who.organisations.get(open.organisation)?.[p.lang] ?? open.organisation,
                open.from.split('-').reverse().join('.'),
              )
            : t.noAttachment}
        </dd>
      </dl>
      <section aria-labelledby="today-h">
        <h2 id="today-h">{t.entitledToday}</h2>
        <p class="hint">{t.entitledIntro}</p>
        <EntitledToday p={p} answer={view.today} />
        {canWrite ? (
          <p>
            <a class="button primary" href={p.to(`/patients/${patient.id}/prescribe`)}>
              {t.prescribe}
            </a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="rx-h">
        <h2 id="rx-h">{t.prescriptions}</h2>
        {view.prescriptions.ok ? (
          view.prescriptions.value.length === 0 ? (
            <p>{t.noPrescriptions}</p>
          ) : (
            <PrescriptionsTable
              p={p}
              list={view.prescriptions.value}
              link={(rx) => p.to(`/prescriptions/${rx.id}`)}
            />
          )
        ) : (
          <Hidden p={p} />
        )}
      </section>
      <section aria-labelledby="reg-h">
        <h2 id="reg-h">{t.registrations}</h2>
        <Registrations p={p} view={view} canWrite={canWrite} />
        {canWrite ? (
          <details class="staff-action" open={(props.issues ?? []).length > 0}>
            <summary>{t.registerTitle}</summary>
            <form
              method="post"
              action={p.to(`/patients/${patient.id}/registrations`)}
              class="staff-form columns"
            >
              <Csrf who={who} />
              <Field id="icd10" label={t.icd10} size="short" required />
              <Field
                id="reg-from"
                name="from"
                label={t.from}
                type="date"
                value={p.ui.today}
                required
              />
              <Field id="basis" label={t.basis} size="wide" required />
              <SelectField
                id="reg-org"
                name="organisation"
                label={s.patients.organisation}
                options={orgOptions(p, doctorOrgs)}
              />
              <Checkbox id="confirmed" label={t.confirmedLabel} />
              <div class="submit">
                <button type="submit" class="primary">
                  {t.register}
                </button>
              </div>
            </form>
          </details>
        ) : null}
      </section>
      <section aria-labelledby="dec-h">
        <h2 id="dec-h">{t.decisions}</h2>
        <Decisions p={p} view={view} />
      </section>
    </StaffLayout>
  );
}

export function patientRoutes(routes: StaffRoutes): void {
  routes.page('get', '/patients/:id', async (p) => {
    const loaded = await loadPatient(p, p.c.req.param('id') ?? '');
    if (!loaded.ok) return loaded.page;
    const done = p.c.req.query('done');
    const notice =
      done === 'registered'
        ? p.s.patient.registered
        : done === 'closed'
          ? p.s.patient.closed
          : undefined;
    return p.html(<PatientPage p={p} view={loaded.view} notice={notice} />);
  });

  routes.page('post', '/patients/:id/registrations', async (p) => {
    const id = p.c.req.param('id') ?? '';
    const form = await formOf(p);
    const result = await p.edge.service.register.register(
      p.who.actor,
      {
        patientId: id,
        icd10: form.icd10 ?? '',
        organisation: form.organisation ?? '',
        from: form.from ?? '',
        basis: form.basis ?? '',
        confirmed: form.confirmed === 'yes',
      },
      p.ctx(TREATMENT),
    );
    if (result.ok) return p.redirect(`/patients/${id}?done=registered`);
    const refused = problemPage(p, p.who, result.issues);
    if (refused) return refused;
    const loaded = await loadPatient(p, id);
    if (!loaded.ok) return loaded.page;
    return p.html(
      <PatientPage p={p} view={loaded.view} issues={result.issues} />,
      statusOf(result.issues),
    );
  });

  routes.page('post', '/registrations/:id/close', async (p) => {
    const id = p.c.req.param('id') ?? '';
    if (!isId(id))
      return (
        problemPage(p, p.who, [{ code: 'OPS_NOT_FOUND', path: ['id'], message: '' }]) ??
        p.html('', 500)
      );
    const form = await formOf(p);
    const result = await p.edge.service.register.close(
      p.who.actor,
      id,
      { to: form.to ?? '', reason: form.reason ?? '' },
      p.ctx(TREATMENT),
    );
    if (result.ok) return p.redirect(`/patients/${result.value.patientId}?done=closed`);
    return (
      problemPage(p, p.who, result.issues) ??
      p.html(
        <StaffLayout p={p} who={p.who} title={p.s.problems.conflictTitle} switchTo="/patients">
          <h1>{p.s.problems.conflictTitle}</h1>
          <ErrorSummary p={p} issues={result.issues} />
        </StaffLayout>,
        statusOf(result.issues),
      )
    );
  });
}
