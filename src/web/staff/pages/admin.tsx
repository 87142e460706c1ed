/**
 * The region administrator's screens (issue 12, item 5): the regions the account administers,
 * and a region's organisations — the list, and a form that adds one through the use case the
 * API calls (authorised and audited there). Accounts and parameters: admin-accounts.tsx and
 * admin-parameters.tsx.
 */
import { ORGANISATION_KINDS, type Organisation } from '../../../ops/model.ts';
import type { OpsIssue } from '../../../ops/issues.ts';
import { formOf, type StaffPageContext } from '../context.ts';
import { Csrf, Field, SelectField } from '../fields.tsx';
import { StaffLayout } from '../layout.tsx';
import { statusOf } from '../outcome.tsx';
import type { StaffRoutes } from '../routes.tsx';
import { AdminErrors, AdminNav, am, failurePage, REGION, RegionsPage } from './admin-shared.tsx';

const PURPOSE = 'administration';

function OrganisationsPage(props: {
  p: StaffPageContext;
  region: string;
  organisations: readonly Organisation[];
  added?: string | undefined;
  issues?: readonly OpsIssue[];
  form?: Record<string, string>;
}) {
  const { p, region } = props;
  const t = am(p).orgs;
  const f = props.form ?? {};
  const title = `${t.title} — ${region}`;
  return (
    <StaffLayout p={p} who={p.who} title={title} switchTo={`/admin/${region}/organisations`}>
      <h1>{title}</h1>
      <AdminNav p={p} region={region} current="/organisations" />
      <AdminErrors p={p} issues={props.issues ?? []} />
      {props.added ? (
        <p class="notice ok" role="status">
          {t.added(props.added)}
        </p>
      ) : null}
      {props.organisations.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="table-wrap" tabindex={0} role="region" aria-label={t.title}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.id}</th>
              </tr>
            </thead>
            <tbody>
              {props.organisations.map((o) => (
                <tr>
                  <td data-label={t.code}>
                    <span>{o.code}</span>
                  </td>
                  <td data-label={t.name}>
                    <span>{o.name[p.lang]}</span>
                  </td>
                  <td data-label={t.kind}>
                    <span>{t.kinds[o.kind]}</span>
                  </td>
                  <td data-label={t.id}>
                    <code>{`${o.region}/${o.code}`}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="add-org-h">
        <h2 id="add-org-h">{t.addTitle}</h2>
        <form
          method="post"
          action={p.to(`/admin/${region}/organisations`)}
          class="staff-form columns"
        >
          <Csrf who={p.who} />
          <Field id="code" label={t.code} hint={t.codeHint} value={f.code ?? ''} required />
          <SelectField
            id="kind"
            label={t.kind}
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t.kinds[k] }))}
            selected={f.kind}
          />
          <Field id="nameKk" label={t.nameKk} value={f.nameKk ?? ''} required />
          <Field id="nameRu" label={t.nameRu} value={f.nameRu ?? ''} required />
          <Field id="nameEn" label={t.nameEn} value={f.nameEn ?? ''} required />
          <div class="submit">
            <button type="submit" class="primary">
              {t.add}
            </button>
          </div>
        </form>
      </section>
    </StaffLayout>
  );
}

export function adminRoutes(routes: StaffRoutes): void {
  routes.page('get', '/admin', async (p) => {
    const regions = await p.edge.service.administration.regions(p.who.actor, p.ctx(PURPOSE));
    if (!regions.ok) return failurePage(p, regions.issues);
    const n = am(p).nav;
    return p.html(
      <RegionsPage
        p={p}
        title={am(p).regions.adminTitle}
        regions={regions.value}
        base="/admin"
        links={[
          { path: '/organisations', label: n.organisations },
          { path: '/accounts', label: n.accounts },
          { path: '/parameters', label: n.parameters },
        ]}
      />,
    );
  });

  routes.page('get', `/admin/${REGION}/organisations`, async (p) => {
    const region = p.c.req.param('region') ?? '';
    const { service } = p.edge;
    // Listing is open to every role of the region; the administrator's screen opens on the
    // administrator's own operation, so a doctor is refused here as on the other screens.
    const desk = await service.administration.regions(p.who.actor, p.ctx(PURPOSE));
    if (!desk.ok) return failurePage(p, desk.issues);
    const listed = await service.listOrganisations(p.who.actor, region, p.ctx(PURPOSE));
    if (!listed.ok) return failurePage(p, listed.issues);
    const added = p.c.req.query('added');
    const shown = listed.value.some((o) => `${o.region}/${o.code}` === added) ? added : undefined;
    return p.html(
      <OrganisationsPage p={p} region={region} organisations={listed.value} added={shown} />,
    );
  });

  routes.page('post', `/admin/${REGION}/organisations`, async (p) => {
    const region = p.c.req.param('region') ?? '';
    const form = await formOf(p);
    const { service } = p.edge;
    const input = {
      region,
      code: (form.code ?? '').trim().toUpperCase(),
      kind: form.kind ?? '',
      name: { kk: form.nameKk ?? '', ru: form.nameRu ?? '', en: form.nameEn ?? '' },
    };
    const created = await service.createOrganisation(p.who.actor, input, p.ctx(PURPOSE));
    if (created.ok) {
      return p.redirect(`/admin/${region}/organisations?added=${region}/${created.value.code}`);
    }
    if (created.issues.some((i) => i.code === 'AUTH_REFUSED')) {
      return failurePage(p, created.issues);
    }
    const listed = await service.listOrganisations(p.who.actor, region, p.ctx(PURPOSE));
    if (!listed.ok) return failurePage(p, listed.issues);
    return p.html(
      <OrganisationsPage
        p={p}
        region={region}
        organisations={listed.value}
        issues={created.issues}
        form={form}
      />,
      statusOf(created.issues),
    );
  });
}
