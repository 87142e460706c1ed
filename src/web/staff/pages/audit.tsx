/**
 * The auditor's screens (issue 12, item 6): the regions the account audits; a region's trail
 * searched by patient (internal id), account, organisation, days, action and outcome — a GET
 * form, so a search is an address to keep, with internal ids only; a patient named by IIN is a
 * POST that resolves to the internal id and redirects to the search by it, the IIN never
 * echoed; pages by sequence, newest first; exports of the search (audit-export.ts) and the
 * check of the hash chain. The use cases authorise and audit every search, lookup and check.
 */
import { AUDIT_OUTCOMES, type AuditRecord } from '../../../ops/audit.ts';
import { recordsOf, type ChainCheck } from '../../../ops/audit-check.ts';
import { AUDIT_FILTER_FIELDS, type AuditFilter } from '../../../ops/audit-search.ts';
import type { OpsIssue } from '../../../ops/issues.ts';
import type { Organisation } from '../../../ops/model.ts';
import type { AuditedAction } from '../../../fhir/ops/audit-event.ts';
import { formOf, type StaffPageContext } from '../context.ts';
import { Csrf, Field, SelectField } from '../fields.tsx';
import { StaffLayout } from '../layout.tsx';
import type { StaffRoutes } from '../routes.tsx';
import { AdminErrors, am, failurePage, REGION, RegionsPage } from './admin-shared.tsx';

export const AUDIT_PURPOSE = 'audit';

const isAction = (p: StaffPageContext, action: string): action is AuditedAction =>
  Object.hasOwn(am(p).audit.actions, action);

/** An action in the page's language, with its code (what the search and exports use). */
function ActionName(props: { p: StaffPageContext; action: string }) {
  const { p, action } = props;
  return (
    <>
      {isAction(p, action) ? <span>{am(p).audit.actions[action]} </span> : null}
      <code class="meta">{action}</code>
    </>
  );
}

/** The search's fields from a query string: the non-empty ones, as sent. */
export function filterQueryOf(query: (name: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of AUDIT_FILTER_FIELDS) {
    const v = query(k)?.trim();
    if (v) out[k] = v;
  }
  return out;
}

/** A filter as a query string (internal ids only: the filter holds nothing else). */
export const queryOf = (filter: Record<string, string>, extra: Record<string, string> = {}) => {
  const q = new URLSearchParams({ ...filter, ...extra }).toString();
  return q ? `?${q}` : '';
};

interface SearchView {
  filter: Record<string, string>;
  records: readonly AuditRecord[];
  next: number | null;
  paged: boolean;
}

function SearchForm(props: {
  p: StaffPageContext;
  region: string;
  filter: Record<string, string>;
  organisations: readonly Organisation[];
}) {
  const { p, region } = props;
  const t = am(p).audit;
  const f = props.filter;
  return (
    <form method="get" action={p.to(`/audit/${region}`)} class="staff-form columns">
      <Field id="patient" label={t.patient} hint={t.patientHint} value={f.patient ?? ''} />
      <Field id="actor" label={t.actor} value={f.actor ?? ''} />
      <SelectField
        id="organisation"
        label={t.organisation}
        options={[
          { value: '', label: t.anyOrganisation },
          ...props.organisations.map((o) => ({
            value: `${o.region}/${o.code}`,
            label: `${o.name[p.lang]} (${o.region}/${o.code})`,
          })),
        ]}
        selected={f.organisation ?? ''}
      />
      <Field id="from" label={t.from} type="date" value={f.from ?? ''} />
      <Field id="to" label={t.to} type="date" value={f.to ?? ''} />
      <SelectField
        id="action"
        label={t.action}
        options={[
          { value: '', label: t.anyAction },
          ...(Object.entries(t.actions) as [AuditedAction, string][]).map(([a, label]) => ({
            value: a,
            label: `${label} (${a})`,
          })),
        ]}
        selected={f.action ?? ''}
      />
      <SelectField
        id="outcome"
        label={t.outcome}
        options={[
          { value: '', label: t.anyOutcome },
          ...AUDIT_OUTCOMES.map((o) => ({ value: o, label: t.outcomes[o] })),
        ]}
        selected={f.outcome ?? ''}
      />
      <div class="submit">
        <button type="submit" class="primary">
          {t.search}
        </button>{' '}
        <a href={p.to(`/audit/${region}`)}>{t.clear}</a>
      </div>
    </form>
  );
}

const roleName = (p: StaffPageContext, role: string): string =>
  Object.hasOwn(p.s.roles, role) ? p.s.roles[role as keyof typeof p.s.roles] : role;

function Records(props: { p: StaffPageContext; records: readonly AuditRecord[] }) {
  const { p } = props;
  const t = am(p).audit;
  if (props.records.length === 0) return <p>{t.noRecords}</p>;
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-labelledby="results-h">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{t.sequence}</th>
            <th scope="col">{t.at}</th>
            <th scope="col">{t.actor}</th>
            <th scope="col">{t.organisation}</th>
            <th scope="col">{t.action}</th>
            <th scope="col">{t.patient}</th>
            <th scope="col">{t.outcome}</th>
            <th scope="col">{t.detail}</th>
          </tr>
        </thead>
        <tbody>
          {props.records.map((r) => (
            <tr>
              <td data-label={t.sequence}>
                <span>{r.sequence}</span>
              </td>
              <td data-label={t.at}>
                <time datetime={r.at}>{r.at.slice(0, 19).replace('T', ' ')}</time>
              </td>
              <td data-label={t.actor}>
                <span>
                  <code>{r.actorId ?? ''}</code>
                  {r.role ? <span class="meta"> {roleName(p, r.role)}</span> : null}
                </span>
              </td>
              <td data-label={t.organisation}>
                {r.organisation ? <span>{r.organisation}</span> : null}
              </td>
              <td data-label={t.action}>
                <span>
                  <ActionName p={p} action={r.action} />
                </span>
              </td>
              <td data-label={t.patient}>{r.patientRef ? <code>{r.patientRef}</code> : null}</td>
              <td data-label={t.outcome}>
                <span>{t.outcomes[r.outcome]}</span>
              </td>
              <td data-label={t.detail}>{r.detail ? <span lang="en">{r.detail}</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditPage(props: {
  p: StaffPageContext;
  region: string;
  organisations: readonly Organisation[];
  view: SearchView;
  issues?: readonly OpsIssue[];
  noPatient?: boolean;
  check?: ChainCheck;
}) {
  const { p, region, view } = props;
  const t = am(p).audit;
  const title = `${t.title} — ${region}`;
  const heading = (
    <>
      {t.title} — <span class="nowrap">{region}</span>
    </>
  );
  const base = `/audit/${region}`;
  return (
    <StaffLayout p={p} who={p.who} title={title} switchTo={`${base}${queryOf(view.filter)}`}>
      <h1>{heading}</h1>
      <AdminErrors p={p} issues={props.issues ?? []} />
      {props.check ? <ChainResult p={p} check={props.check} /> : null}
      <p>{t.region}</p>
      <section aria-labelledby="search-h">
        <h2 id="search-h">{t.searchTitle}</h2>
        <SearchForm
          p={p}
          region={region}
          filter={view.filter}
          organisations={props.organisations}
        />
      </section>
      <section aria-labelledby="iin-h">
        <h2 id="iin-h">{t.byIinTitle}</h2>
        <p class="hint">{t.byIinIntro}</p>
        {props.noPatient ? (
          <p class="notice info" role="status">
            {t.noPatient}
          </p>
        ) : null}
        <form method="post" action={p.to(`${base}/patient`)} class="staff-form inline">
          <Csrf who={p.who} />
          <Field id="iin" label={t.iin} inputmode="numeric" pattern="[0-9]{12}" required />
          <button type="submit">{t.findPatient}</button>
        </form>
      </section>
      <section aria-labelledby="results-h">
        <h2 id="results-h">{t.results}</h2>
        <Records p={p} records={view.records} />
        <ul class="inline">
          {view.paged ? (
            <li>
              <a href={p.to(`${base}${queryOf(view.filter)}`)}>{t.newest}</a>
            </li>
          ) : null}
          {view.next !== null ? (
            <li>
              <a href={p.to(`${base}${queryOf(view.filter, { before: String(view.next) })}`)}>
                {t.older}
              </a>
            </li>
          ) : null}
        </ul>
      </section>
      <section aria-labelledby="export-h">
        <h2 id="export-h">{t.exportTitle}</h2>
        <p>{t.exportNote}</p>
        <ul>
          <li>
            <a href={p.to(`${base}/export.csv${queryOf(view.filter)}`)} download>
              {t.exportCsv}
            </a>
          </li>
          <li>
            <a href={p.to(`${base}/export.fhir.json${queryOf(view.filter)}`)} download>
              {t.exportFhir}
            </a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="verify-h">
        <h2 id="verify-h">{t.verifyTitle}</h2>
        <p>{t.verifyIntro}</p>
        <form method="post" action={p.to(`${base}/verify`)} class="staff-form inline">
          <Csrf who={p.who} />
          <button type="submit">{t.verify}</button>
        </form>
      </section>
    </StaffLayout>
  );
}

function ChainResult(props: { p: StaffPageContext; check: ChainCheck }) {
  const { p, check } = props;
  const t = am(p).audit;
  return (
    <section aria-labelledby="check-h" class={`notice ${check.ok ? 'ok' : 'bad'}`} role="status">
      <h2 id="check-h">{t.verifyResult}</h2>
      {check.ok ? (
        <>
          <p>{t.intact(recordsOf(check.head), check.head.shards.length)}</p>
          <p>
            {t.head}: <code class="hash">{check.head.anchor.hash}</code>
          </p>
        </>
      ) : (
        <>
          <p>
            <strong>{t.broken(check.shard, check.position)}</strong> {t.problems[check.problem]}.
          </p>
          <p lang="en">{check.message}</p>
        </>
      )}
    </section>
  );
}

/** The search page: the search the query names (an empty one: the newest records). */
async function auditPage(
  p: StaffPageContext,
  region: string,
  filter: Record<string, string>,
  before: string | undefined,
  extra: { noPatient?: boolean; check?: ChainCheck } = {},
): Promise<Response> {
  const { service } = p.edge;
  const beforeNumber = before === undefined || before === '' ? null : Number(before);
  const found = await service.auditTrail.search(
    p.who.actor,
    region,
    filter satisfies Partial<Record<keyof AuditFilter, string>>,
    beforeNumber,
    p.ctx(AUDIT_PURPOSE),
  );
  if (!found.ok && found.issues.some((i) => i.code === 'AUTH_REFUSED')) {
    return failurePage(p, found.issues);
  }
  const orgs = await service.listOrganisations(p.who.actor, region, p.ctx(AUDIT_PURPOSE));
  if (!orgs.ok) return failurePage(p, orgs.issues);
  const view: SearchView = found.ok
    ? { filter, records: found.value.records, next: found.value.next, paged: beforeNumber !== null }
    : { filter, records: [], next: null, paged: false };
  return p.html(
    <AuditPage
      p={p}
      region={region}
      organisations={orgs.value}
      view={view}
      {...(found.ok ? {} : { issues: found.issues })}
      {...extra}
    />,
    found.ok ? (extra.noPatient ? 404 : 200) : 400,
  );
}

export function auditRoutes(routes: StaffRoutes): void {
  routes.page('get', '/audit', async (p) => {
    const regions = await p.edge.service.auditTrail.regions(p.who.actor, p.ctx(AUDIT_PURPOSE));
    if (!regions.ok) return failurePage(p, regions.issues);
    const t = am(p).audit;
    return p.html(
      <RegionsPage
        p={p}
        title={am(p).regions.auditTitle}
        regions={regions.value}
        base="/audit"
        links={[{ path: '', label: t.searchTitle }]}
      />,
    );
  });

  routes.page('get', `/audit/${REGION}`, (p) =>
    auditPage(
      p,
      p.c.req.param('region') ?? '',
      filterQueryOf((k) => p.c.req.query(k)),
      p.c.req.query('before'),
    ),
  );

  routes.page('post', `/audit/${REGION}/patient`, async (p) => {
    const region = p.c.req.param('region') ?? '';
    const form = await formOf(p);
    const found = await p.edge.service.auditTrail.patientByIin(
      p.who.actor,
      region,
      (form.iin ?? '').trim(),
      p.ctx(AUDIT_PURPOSE),
    );
    if (found.ok) return p.redirect(`/audit/${region}${queryOf({ patient: found.value })}`);
    if (found.issues.some((i) => i.code === 'AUTH_REFUSED')) return failurePage(p, found.issues);
    // Neither an invalid nor an unknown IIN is echoed: the page says which, the field is empty.
    return auditPage(p, region, {}, undefined, { noPatient: true });
  });

  routes.page('post', `/audit/${REGION}/verify`, async (p) => {
    const region = p.c.req.param('region') ?? '';
    const check = await p.edge.service.verifyAudit(p.who.actor, region, p.ctx(AUDIT_PURPOSE));
    if (!check.ok) return failurePage(p, check.issues);
    return auditPage(p, region, {}, undefined, { check: check.value });
  });
}
