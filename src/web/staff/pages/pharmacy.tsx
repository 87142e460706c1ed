/**
 * The pharmacist's desk: find a patient's dispensable prescriptions by number or IIN (a POST),
 * see what may be dispensed and why (what is left, validity, the basis, whether the item is
 * still free today), dispense all or part — lot, expiry, quantity — or defer when out of stock,
 * and the pharmacy's journal of a day. Each dispense and deferral form carries an idempotency
 * key made when the form is drawn: sending it twice hands nothing over twice (the ledger's
 * exactly-once, docs/adr/0015-dispensing.md).
 */
import { randomUUID } from 'node:crypto';
import { IsoDate } from '../../../domain/date.ts';
import type { DispensablePrescription, Ledger, Prescription } from '../../../ops/clinical.ts';
import type { ItemOnDay } from '../../../ops/dispensing.ts';
import type { OpsIssue } from '../../../ops/issues.ts';
import type { JournalEntry } from '../../../app/ops/desks.ts';
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
import { PrescriptionsTable } from './patient.tsx';
import { productLabel } from '../../product-names.ts';

const DISPENSING = 'dispensing';

function Journal(props: { p: StaffPageContext; entries: readonly JournalEntry[] }) {
  const { p, entries } = props;
  const t = p.s.pharmacy;
  if (entries.length === 0) return <p>{t.journalNone}</p>;
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label={t.journalTitle}>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{p.s.table.number}</th>
            <th scope="col">{p.s.table.what}</th>
            <th scope="col">{p.s.table.product}</th>
            <th scope="col">{p.s.table.quantity}</th>
            <th scope="col">{p.s.table.lot}</th>
            <th scope="col">{p.s.table.due}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <th scope="row" data-label={p.s.table.number}>
                <a href={p.to(`/pharmacy/prescriptions/${e.record.prescriptionId}`)}>{e.number}</a>
              </th>
              <td data-label={p.s.table.what}>
                <span>{t.kind[e.kind]}</span>
              </td>
              <td data-label={p.s.table.product}>
                <span>{productLabel(p.deps.services.registry, null, e.product, p.lang)}</span>
              </td>
              <td data-label={p.s.table.quantity}>
                {e.kind === 'dispense' ? <span>{e.record.quantity}</span> : null}
              </td>
              <td data-label={p.s.table.lot}>
                {e.kind === 'dispense' ? <span>{e.record.lot}</span> : null}
              </td>
              <td data-label={p.s.table.due}>
                {e.kind === 'deferral' ? <Day date={e.record.dueOn} /> : null}
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
  day: IsoDate;
  journals: readonly { organisation: string; entries: readonly JournalEntry[] }[];
  found?: readonly DispensablePrescription[] | undefined;
  issues?: readonly OpsIssue[];
}) {
  const { p } = props;
  const { s, who } = p;
  const t = s.pharmacy;
  return (
    <StaffLayout p={p} who={who} title={t.title} section="pharmacist" switchTo="/pharmacy">
      <h1>{t.title}</h1>
      <ErrorSummary p={p} issues={props.issues ?? []} />
      <section aria-labelledby="find-h">
        <h2 id="find-h">{t.findTitle}</h2>
        <form method="post" action={p.to('/pharmacy/find')} class="staff-form columns">
          <Csrf who={who} />
          <Field id="number" label={t.number} size="short" />
          <p class="or">{t.or}</p>
          <Field id="iin" label={t.iin} inputmode="numeric" pattern="[0-9]{12}" />
          <SelectField
            id="pharmacy"
            label={t.pharmacy}
            options={orgOptions(p, props.organisations)}
          />
          <div class="submit">
            <button type="submit" class="primary">
              {t.find}
            </button>
          </div>
        </form>
        {props.found ? (
          props.found.length === 0 ? (
            <p class="notice info" role="status">
              {t.none}
            </p>
          ) : (
            <>
              <h3>{t.found}</h3>
              <PrescriptionsTable
                p={p}
                list={props.found.map((f) => f.prescription)}
                link={(rx) => p.to(`/pharmacy/prescriptions/${rx.id}`)}
              />
            </>
          )
        ) : null}
      </section>
      <section aria-labelledby="journal-h">
        <h2 id="journal-h">
          {t.journalTitle}: <Day date={props.day} />
        </h2>
        <form method="get" action={p.to('/pharmacy')} class="staff-form inline">
          <Field id="day" label={t.day} type="date" value={props.day} />
          <button type="submit">{t.show}</button>
        </form>
        {props.journals.map((j) => (
          <>
            {props.journals.length > 1 ? (
              <h3>{who.organisations.get(j.organisation)?.[p.lang] ?? j.organisation}</h3>
            ) : null}
            <Journal p={p} entries={j.entries} />
          </>
        ))}
      </section>
    </StaffLayout>
  );
}

function ServePage(props: {
  p: StaffPageContext;
  rx: Prescription;
  ledger: Ledger | null;
  onDay: ItemOnDay;
  organisations: readonly string[];
  issues?: readonly OpsIssue[];
  form?: Record<string, string>;
  notice?: string | undefined;
}) {
  const { p, rx, ledger } = props;
  const { s, who } = p;
  const t = s.pharmacy;
  const f = props.form ?? {};
  const left = rx.quantity - rx.dispensed;
  const open = ledger?.deferrals.find((d) => d.status === 'open') ?? null;
  const serviceable = rx.status === 'active' && left > 0;
  return (
    <StaffLayout
      p={p}
      who={who}
      title={t.dispenseTitle}
      section="pharmacist"
      switchTo={`/pharmacy/prescriptions/${rx.id}`}
    >
      <p>
        <a href={p.to('/pharmacy')}>{t.title}</a>
      </p>
      <h1>
        {s.rx.printTitle} № <span class="code">{rx.number}</span>
      </h1>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary p={p} issues={props.issues ?? []} />
      <dl class="facts">
        <dt>{s.table.product}</dt>
        <dd>{productLabel(p.deps.services.registry, rx.region, rx.product, p.lang)}</dd>
        <dt>{s.table.status}</dt>
        <dd>
          <span class={`badge rx-${rx.status}`}>{s.rx.status[rx.status]}</span>{' '}
          {s.rx.dispensed(rx.dispensed, rx.quantity, rx.unit)};{' '}
          <strong>{t.remaining(left, rx.unit)}</strong>
        </dd>
        <dt>{t.validity}</dt>
        <dd>
          <Day date={rx.validFrom} /> — <Day date={rx.validTo} />
        </dd>
        <dt>{s.rx.dosing}</dt>
        <dd>{rx.dosing}</dd>
        <dt>{t.freeToday}</dt>
        <dd>{t.free[props.onDay.status]}</dd>
        <dt>{t.basis}</dt>
        <dd>
          {s.rx.item} {rx.basis.item} (<span class="code">{rx.icd10}</span>).{' '}
          {rx.basis.explanation[p.lang]}
          <Citation ui={p.ui} citation={rx.basis.citation} unlabelled />
        </dd>
        {open ? (
          <>
            <dt>{t.deferTitle}</dt>
            <dd>{t.deferral(dayText(open.dueOn))}</dd>
          </>
        ) : null}
      </dl>
      {serviceable ? (
        <div class="two">
          <section aria-labelledby="dispense-h">
            <h2 id="dispense-h">{t.dispenseTitle}</h2>
            <form method="post" action={p.to('/pharmacy/dispense')} class="staff-form">
              <Csrf who={who} />
              <input type="hidden" name="prescriptionId" value={rx.id} />
              <input type="hidden" name="idempotencyKey" value={f.idempotencyKey ?? randomUUID()} />
              <SelectField
                id="pharmacy"
                label={t.pharmacy}
                options={orgOptions(p, props.organisations)}
                selected={f.pharmacy}
              />
              <Field
                id="quantity"
                label={t.quantity}
                type="number"
                min="1"
                max={String(left)}
                value={f.quantity ?? String(left)}
                size="short"
                required
              />
              <Field id="lot" label={t.lot} value={f.lot ?? ''} size="short" required />
              <Field id="expiry" label={t.expiry} type="date" value={f.expiry ?? ''} required />
              <button type="submit" class="primary">
                {t.dispense}
              </button>
            </form>
          </section>
          {open ? null : (
            <section aria-labelledby="defer-h">
              <h2 id="defer-h">{t.deferTitle}</h2>
              <form method="post" action={p.to('/pharmacy/defer')} class="staff-form">
                <Csrf who={who} />
                <input type="hidden" name="prescriptionId" value={rx.id} />
                <input type="hidden" name="idempotencyKey" value={randomUUID()} />
                <SelectField
                  id="defer-pharmacy"
                  name="pharmacy"
                  label={t.pharmacy}
                  options={orgOptions(p, props.organisations)}
                />
                <Checkbox id="urgent" label={t.urgent} />
                <button type="submit">{t.defer}</button>
              </form>
            </section>
          )}
        </div>
      ) : null}
      {ledger && ledger.dispenses.length > 0 ? (
        <section aria-labelledby="ledger-h">
          <h2 id="ledger-h">{s.rx.ledger}</h2>
          <ul class="records">
            {ledger.dispenses.map((d) => (
              <li>
                <Day date={d.dispensedOn} />:{' '}
                {s.rx.ledgerLine(
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
    </StaffLayout>
  );
}

async function openDesk(p: StaffPageContext) {
  const opened = await p.edge.service.desks.open(p.who.actor, 'pharmacy', p.ctx(DISPENSING));
  return opened.ok
    ? { ok: true as const, organisations: opened.value }
    : { ok: false as const, page: problemPage(p, p.who, opened.issues) ?? p.html('', 500) };
}

async function deskPage(
  p: StaffPageContext,
  day: IsoDate,
  extra: { found?: DispensablePrescription[]; issues?: OpsIssue[]; status?: number } = {},
) {
  const desk = await openDesk(p);
  if (!desk.ok) return desk.page;
  const journals = [];
  for (const organisation of desk.organisations) {
    const entries = await p.edge.service.desks.journal(
      p.who.actor,
      organisation,
      day,
      p.ctx(DISPENSING),
    );
    if (!entries.ok) return problemPage(p, p.who, entries.issues) ?? p.html('', 500);
    journals.push({ organisation, entries: entries.value });
  }
  return p.html(
    <DeskPage
      p={p}
      organisations={desk.organisations}
      day={day}
      journals={journals}
      found={extra.found}
      issues={extra.issues ?? []}
    />,
    extra.status ?? 200,
  );
}

async function servePage(
  p: StaffPageContext,
  id: string,
  extra: {
    issues?: OpsIssue[];
    form?: Record<string, string>;
    notice?: string;
    status?: number;
  } = {},
) {
  const { service } = p.edge;
  const ctx = p.ctx(DISPENSING);
  const read = isId(id)
    ? await service.prescriptions.read(p.who.actor, { id }, ctx)
    : {
        ok: false as const,
        issues: [{ code: 'OPS_NOT_FOUND' as const, path: ['id'], message: '' }],
      };
  if (!read.ok) return problemPage(p, p.who, read.issues) ?? p.html('', 500);
  const desk = await openDesk(p);
  if (!desk.ok) return desk.page;
  const ledger = await service.dispensing.ledger(p.who.actor, id, ctx);
  const [onDay] = await service.desks.itemsOnDay([read.value], p.ui.today);
  const last = ledger.ok ? ledger.value.dispenses.at(-1) : undefined;
  const done = p.c.req.query('done');
  const openDeferral = ledger.ok
    ? ledger.value.deferrals.find((d) => d.status === 'open')
    : undefined;
  const notice =
    extra.notice ??
    (done === 'dispensed' && last
      ? p.s.pharmacy.dispensed(last.quantity, last.remaining, read.value.unit)
      : done === 'replayed'
        ? p.s.pharmacy.replayed
        : done === 'deferred' && openDeferral
          ? p.s.pharmacy.deferred(dayText(openDeferral.dueOn))
          : undefined);
  return p.html(
    <ServePage
      p={p}
      rx={read.value}
      ledger={ledger.ok ? ledger.value : null}
      onDay={onDay ?? { status: 'unknown' }}
      organisations={desk.organisations}
      issues={extra.issues ?? []}
      form={extra.form ?? {}}
      notice={notice}
    />,
    extra.status ?? 200,
  );
}

export function pharmacyRoutes(routes: StaffRoutes): void {
  routes.page('get', '/pharmacy', (p) => {
    const day = IsoDate.safeParse(p.c.req.query('day'));
    return deskPage(p, day.success ? day.data : p.ui.today);
  });

  routes.page('post', '/pharmacy/find', async (p) => {
    const form = await formOf(p);
    const number = (form.number ?? '').trim();
    const iin = (form.iin ?? '').trim();
    const found = await p.edge.service.dispensing.findPrescriptions(
      p.who.actor,
      {
        pharmacy: form.pharmacy ?? '',
        on: p.ui.today,
        ...(number !== '' ? { number } : {}),
        ...(iin !== '' ? { iin } : {}),
      },
      p.ctx(DISPENSING),
    );
    if (!found.ok) {
      return (
        problemPage(p, p.who, found.issues, []) ??
        deskPage(p, p.ui.today, { issues: found.issues, status: statusOf(found.issues) })
      );
    }
    const [only] = found.value;
    if (found.value.length === 1 && only)
      return p.redirect(`/pharmacy/prescriptions/${only.prescription.id}`);
    return deskPage(p, p.ui.today, { found: found.value });
  });

  routes.page('get', '/pharmacy/prescriptions/:id', (p) => servePage(p, p.c.req.param('id') ?? ''));

  routes.page('post', '/pharmacy/dispense', async (p) => {
    const form = await formOf(p);
    const id = form.prescriptionId ?? '';
    const result = await p.edge.service.dispensing.dispense(
      p.who.actor,
      {
        prescriptionId: id,
        pharmacy: form.pharmacy ?? '',
        quantity: Number(form.quantity),
        lot: form.lot ?? '',
        expiry: form.expiry ?? '',
        dispensedOn: p.ui.today,
        idempotencyKey: form.idempotencyKey ?? '',
      },
      p.ctx(DISPENSING),
    );
    if (result.ok) {
      return p.redirect(
        `/pharmacy/prescriptions/${id}?done=${result.replayed ? 'replayed' : 'dispensed'}`,
      );
    }
    return (
      problemPage(p, p.who, result.issues) ??
      servePage(p, id, {
        issues: result.issues,
        // A refusal leaves the key unspent, so the corrected form is sent under it again; a key
        // bound to another request is not, so the form gets a fresh one.
        form: result.issues.some((i) => i.code === 'OPS_IDEMPOTENCY_MISMATCH')
          ? { ...form, idempotencyKey: randomUUID() }
          : form,
        status: statusOf(result.issues),
      })
    );
  });

  routes.page('post', '/pharmacy/defer', async (p) => {
    const form = await formOf(p);
    const id = form.prescriptionId ?? '';
    const result = await p.edge.service.dispensing.defer(
      p.who.actor,
      {
        prescriptionId: id,
        pharmacy: form.pharmacy ?? '',
        recordedOn: p.ui.today,
        urgent: form.urgent === 'yes',
        idempotencyKey: form.idempotencyKey ?? '',
      },
      p.ctx(DISPENSING),
    );
    if (result.ok)
      return p.redirect(
        `/pharmacy/prescriptions/${id}?done=${result.replayed ? 'replayed' : 'deferred'}`,
      );
    return (
      problemPage(p, p.who, result.issues) ??
      servePage(p, id, { issues: result.issues, status: statusOf(result.issues) })
    );
  });
}
