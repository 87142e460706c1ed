/**
 * The staff home: the account's roles, each with its organisation and what it lets the account
 * do here, linked to the desk. It shows the grants the session carries; what each desk may do
 * is still decided by the use cases the desk calls.
 */
import type { Role } from '../../../ops/model.ts';
import type { StaffPageContext } from '../context.ts';
import { adminMessagesFor } from '../i18n/admin-messages.ts';
import { StaffLayout } from '../layout.tsx';
import type { StaffRoutes } from '../routes.tsx';

/** The desk of each role: the administrator's and auditor's screens are admin*.tsx, audit*.tsx. */
export const DESK_PATHS: Partial<Record<Role, string>> = {
  doctor: '/patients',
  commission_member: '/commission',
  pharmacist: '/pharmacy',
  region_admin: '/admin',
  auditor: '/audit',
};

function HomePage(props: { p: StaffPageContext }) {
  const { p } = props;
  const { s, who } = p;
  return (
    <StaffLayout p={p} who={who} title={s.home.title} section="home">
      <h1>{s.home.title}</h1>
      <p>{s.home.intro}</p>
      <ul class="cards roles">
        {who.grants.map((g) => {
          const path = DESK_PATHS[g.role];
          const org = g.organisation
            ? (who.organisations.get(g.organisation)?.[p.lang] ?? g.organisation)
            : g.region;
          const can =
            g.role === 'doctor' || g.role === 'commission_member' || g.role === 'pharmacist'
              ? s.home[g.role]
              : adminMessagesFor(p.lang).home[g.role];
          return (
            <li>
              <h2 class="h3">
                {path ? <a href={p.to(path)}>{s.roles[g.role]}</a> : s.roles[g.role]}
              </h2>
              <p class="meta">{org}</p>
              <ul>
                {can.map((line) => (
                  <li>{line}</li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </StaffLayout>
  );
}

export function homeRoutes(routes: StaffRoutes): void {
  routes.page('get', '/', (p) => p.html(<HomePage p={p} />));
}
