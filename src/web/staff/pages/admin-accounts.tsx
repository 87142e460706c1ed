/**
 * A region's staff accounts (issue 12, item 5): who holds which role where, a page at a time
 * (audited by the use case), and a form that creates an account with one role. The generated
 * password is on the answer to that POST and nowhere else — not in an address, not in a
 * redirect, not stored in clear — and like every staff page the answer is `no-store`; sending
 * the form again finds the user name taken, so the password is never shown twice.
 */
import { ROLES, type Organisation, type RoleGrant } from '../../../ops/model.ts';
import type { OpsIssue } from '../../../ops/issues.ts';
import type { AccountWithGrants } from '../../../app/ops/administration.ts';
import { formOf, type StaffPageContext } from '../context.ts';
import { Csrf, Field, SelectField } from '../fields.tsx';
import { StaffLayout } from '../layout.tsx';
import { statusOf } from '../outcome.tsx';
import type { StaffRoutes } from '../routes.tsx';
import { AdminErrors, AdminNav, am, failurePage, REGION } from './admin-shared.tsx';

const PURPOSE = 'administration';

function grantText(p: StaffPageContext, g: RoleGrant, orgs: ReadonlyMap<string, Organisation>) {
  const org = g.organisation === null ? g.region : (orgs.get(g.organisation)?.name[p.lang] ?? '');
  return `${p.s.roles[g.role]} — ${org}${g.organisation ? ` (${g.organisation})` : ''}`;
}

function AccountsPage(props: {
  p: StaffPageContext;
  region: string;
  accounts: readonly AccountWithGrants[];
  next: string | null;
  organisations: readonly Organisation[];
  issues?: readonly OpsIssue[];
  form?: Record<string, string>;
}) {
  const { p, region } = props;
  const t = am(p).accounts;
  const f = props.form ?? {};
  const orgs = new Map(props.organisations.map((o) => [`${o.region}/${o.code}`, o]));
  const title = `${t.title} — ${region}`;
  return (
    <StaffLayout p={p} who={p.who} title={title} switchTo={`/admin/${region}/accounts`}>
      <h1>{title}</h1>
      <AdminNav p={p} region={region} current="/accounts" />
      <AdminErrors p={p} issues={props.issues ?? []} />
      {props.accounts.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="table-wrap" tabindex={0} role="region" aria-label={t.title}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t.username}</th>
                <th scope="col">{t.displayName}</th>
                <th scope="col">{t.roles}</th>
              </tr>
            </thead>
            <tbody>
              {props.accounts.map((a) => (
                <tr>
                  <td data-label={t.username}>
                    <code>{a.username}</code>
                  </td>
                  <td data-label={t.displayName}>
                    <span>{a.displayName}</span>
                  </td>
                  <td data-label={t.roles}>
                    <ul class="plain">
                      {a.grants.map((g) => (
                        <li>{grantText(p, g, orgs)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.next ? (
        <p>
          <a href={p.to(`/admin/${region}/accounts?after=${encodeURIComponent(props.next)}`)}>
            {t.more}
          </a>
        </p>
      ) : null}
      <section aria-labelledby="add-account-h">
        <h2 id="add-account-h">{t.addTitle}</h2>
        <form method="post" action={p.to(`/admin/${region}/accounts`)} class="staff-form columns">
          <Csrf who={p.who} />
          <Field
            id="username"
            label={t.username}
            hint={t.usernameHint}
            value={f.username ?? ''}
            required
          />
          <Field id="displayName" label={t.displayName} value={f.displayName ?? ''} required />
          <SelectField
            id="role"
            label={t.role}
            options={ROLES.map((r) => ({ value: r, label: p.s.roles[r] }))}
            selected={f.role}
          />
          <SelectField
            id="organisation"
            label={t.organisation}
            hint={t.organisationHint}
            options={[
              { value: '', label: t.wholeRegion },
              ...props.organisations.map((o) => ({
                value: `${o.region}/${o.code}`,
                label: `${o.name[p.lang]} (${o.region}/${o.code})`,
              })),
            ]}
            selected={f.organisation}
          />
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

function CreatedPage(props: {
  p: StaffPageContext;
  region: string;
  username: string;
  password: string;
}) {
  const { p, region } = props;
  const t = am(p).accounts;
  return (
    <StaffLayout p={p} who={p.who} title={t.createdTitle} switchTo={`/admin/${region}/accounts`}>
      <h1>{t.createdTitle}</h1>
      <p class="notice ok" role="status">
        {t.created(props.username)}
      </p>
      <dl class="once">
        <dt>{t.username}</dt>
        <dd>
          <code>{props.username}</code>
        </dd>
        <dt>{t.passwordLabel}</dt>
        <dd>
          <code class="password">{props.password}</code>
        </dd>
      </dl>
      <p class="notice warn">{t.passwordOnce}</p>
      <p>
        <a href={p.to(`/admin/${region}/accounts`)}>{t.back}</a>
      </p>
    </StaffLayout>
  );
}

/** The accounts page with its organisations, or the refusal as a page. */
async function accountsPage(
  p: StaffPageContext,
  region: string,
  after: string | null,
  extra: { issues?: readonly OpsIssue[]; form?: Record<string, string>; status?: number } = {},
): Promise<Response> {
  const { service } = p.edge;
  const listed = await service.administration.listAccounts(
    p.who.actor,
    region,
    after,
    p.ctx(PURPOSE),
  );
  if (!listed.ok) return failurePage(p, listed.issues);
  const orgs = await service.listOrganisations(p.who.actor, region, p.ctx(PURPOSE));
  if (!orgs.ok) return failurePage(p, orgs.issues);
  return p.html(
    <AccountsPage
      p={p}
      region={region}
      accounts={listed.value.accounts}
      next={listed.value.next}
      organisations={orgs.value}
      {...(extra.issues ? { issues: extra.issues } : {})}
      {...(extra.form ? { form: extra.form } : {})}
    />,
    extra.status ?? 200,
  );
}

export function adminAccountRoutes(routes: StaffRoutes): void {
  routes.page('get', `/admin/${REGION}/accounts`, (p) =>
    accountsPage(p, p.c.req.param('region') ?? '', p.c.req.query('after') || null),
  );

  routes.page('post', `/admin/${REGION}/accounts`, async (p) => {
    const region = p.c.req.param('region') ?? '';
    const form = await formOf(p);
    const organisation = (form.organisation ?? '').trim();
    const input = {
      username: (form.username ?? '').trim(),
      displayName: form.displayName ?? '',
      grants: [{ role: form.role ?? '', region, organisation: organisation || null }],
    };
    const { accounts } = p.edge.service;
    const created = await accounts.createAccount(p.who.actor, input, p.ctx(PURPOSE));
    if (created.ok) {
      return p.html(
        <CreatedPage
          p={p}
          region={region}
          username={created.value.username}
          password={created.value.password}
        />,
      );
    }
    if (created.issues.some((i) => i.code === 'AUTH_REFUSED')) {
      return failurePage(p, created.issues);
    }
    return accountsPage(p, region, null, {
      issues: created.issues,
      form,
      status: statusOf(created.issues),
    });
  });
}
