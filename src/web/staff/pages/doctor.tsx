/**
 * The doctor's desk: find a patient by IIN (a POST; the answer redirects to the patient's page
 * by internal id) or register a new one, and the register's writes from the patient's page —
 * register for a disease, close a registration. Each calls the use case the API calls.
 */
import { IsoDate } from '../../../domain/date.ts';
import type { OpsIssue } from '../../../ops/issues.ts';
import { formOf, type StaffPageContext } from '../context.ts';
import { Csrf, Field, orgOptions, SelectField } from '../fields.tsx';
import { StaffLayout } from '../layout.tsx';
import { ErrorSummary, problemPage, statusOf } from '../outcome.tsx';
import type { StaffRoutes } from '../routes.tsx';

const TREATMENT = 'treatment';

function DeskPage(props: {
  p: StaffPageContext;
  organisations: readonly string[];
  issues?: readonly OpsIssue[];
  notFound?: boolean;
  form?: Record<string, string>;
}) {
  const { p } = props;
  const { s, who } = p;
  const t = s.patients;
  const f = props.form ?? {};
  return (
    <StaffLayout p={p} who={who} title={t.title} section="doctor" switchTo="/patients">
      <h1>{t.title}</h1>
      <ErrorSummary p={p} issues={props.issues ?? []} />
      {props.notFound ? (
        <p class="notice info" role="status">
          {t.notFound}
        </p>
      ) : null}
      <section aria-labelledby="find-h">
        <h2 id="find-h">{t.findTitle}</h2>
        <form method="post" action={p.to('/patients/find')} class="staff-form inline">
          <Csrf who={who} />
          <Field
            id="find-iin"
            name="iin"
            label={t.iin}
            hint={t.iinHint}
            inputmode="numeric"
            pattern="[0-9]{12}"
            required
          />
          <button type="submit" class="primary">
            {t.find}
          </button>
        </form>
      </section>
      <section aria-labelledby="new-h">
        <h2 id="new-h">{t.newTitle}</h2>
        <form method="post" action={p.to('/patients')} class="staff-form columns">
          <Csrf who={who} />
          <Field
            id="iin"
            label={t.iin}
            value={f.iin ?? ''}
            inputmode="numeric"
            pattern="[0-9]{12}"
            required
          />
          <Field id="familyName" label={t.familyName} value={f.familyName ?? ''} required />
          <Field id="givenName" label={t.givenName} value={f.givenName ?? ''} required />
          <Field id="patronymic" label={t.patronymic} value={f.patronymic ?? ''} />
          <Field
            id="birthDate"
            label={t.birthDate}
            type="date"
            value={f.birthDate ?? ''}
            required
          />
          <SelectField
            id="sex"
            label={t.sex}
            options={[
              { value: 'female', label: t.female },
              { value: 'male', label: t.male },
            ]}
            selected={f.sex ?? 'female'}
          />
          <Field
            id="citizenship"
            label={t.citizenship}
            hint={t.citizenshipHint}
            value={f.citizenship ?? 'KZ'}
            size="short"
            required
          />
          <SelectField
            id="organisation"
            label={t.organisation}
            options={orgOptions(p, props.organisations)}
            selected={f.organisation}
          />
          <Field
            id="from"
            label={t.attachedFrom}
            type="date"
            value={f.from ?? p.ui.today}
            required
          />
          <div class="submit">
            <button type="submit" class="primary">
              {t.create}
            </button>
          </div>
        </form>
      </section>
    </StaffLayout>
  );
}

/** The desk's organisations (the use case's answer), or its refusal as a page. */
async function openDesk(p: StaffPageContext) {
  const opened = await p.edge.service.desks.open(p.who.actor, 'doctor', p.ctx(TREATMENT));
  return opened.ok
    ? { ok: true as const, organisations: opened.value }
    : { ok: false as const, page: problemPage(p, p.who, opened.issues) ?? p.html('', 500) };
}

export function doctorRoutes(routes: StaffRoutes): void {
  routes.page('get', '/patients', async (p) => {
    const desk = await openDesk(p);
    if (!desk.ok) return desk.page;
    return p.html(<DeskPage p={p} organisations={desk.organisations} />);
  });

  routes.page('post', '/patients/find', async (p) => {
    const form = await formOf(p);
    const { patients } = p.edge.service;
    const found = await patients.findPatientByIin(
      p.who.actor,
      { iin: (form.iin ?? '').trim() },
      p.ctx(TREATMENT),
    );
    if (found.ok) return p.redirect(`/patients/${found.value.id}`);
    const refused = problemPage(p, p.who, found.issues);
    if (refused) return refused;
    const desk = await openDesk(p);
    if (!desk.ok) return desk.page;
    const notFound = found.issues.some((i) => i.code === 'OPS_NOT_FOUND');
    return p.html(
      <DeskPage
        p={p}
        organisations={desk.organisations}
        notFound={notFound}
        issues={notFound ? [] : found.issues}
        form={notFound ? { iin: (form.iin ?? '').trim() } : {}}
      />,
      notFound ? 404 : 400,
    );
  });

  routes.page('post', '/patients', async (p) => {
    const form = await formOf(p);
    const input = {
      iin: (form.iin ?? '').trim(),
      familyName: form.familyName ?? '',
      givenName: form.givenName ?? '',
      patronymic: form.patronymic?.trim() ? form.patronymic : null,
      birthDate: form.birthDate ?? '',
      sex: form.sex ?? '',
      citizenship: (form.citizenship ?? '').trim().toUpperCase(),
    };
    const from = IsoDate.safeParse(form.from);
    const created = from.success
      ? await p.edge.service.patients.createPatient(
          p.who.actor,
          input,
          { organisation: form.organisation ?? '', from: from.data },
          p.ctx(TREATMENT),
        )
      : {
          ok: false as const,
          issues: [
            { code: 'OPS_INPUT' as const, path: ['from'], message: 'from: expected a date' },
          ],
        };
    if (created.ok) return p.redirect(`/patients/${created.value.id}`);
    const refused = problemPage(p, p.who, created.issues, []);
    if (refused) return refused;
    const desk = await openDesk(p);
    if (!desk.ok) return desk.page;
    return p.html(
      <DeskPage p={p} organisations={desk.organisations} issues={created.issues} form={form} />,
      statusOf(created.issues),
    );
  });
}
