/**
 * A region's operational parameters (issue 12, item 5): every dated value of each parameter of
 * `data/<KZ-NN>/provision.yaml`, with its source and whether it is law, reported or a default,
 * the one in force today marked. Read-only on purpose: the values are reviewed data in the
 * repository, changed by a reviewed commit with its source, not in a browser.
 */
import {
  PROVISION_PARAMETERS,
  type ParameterName,
  type ProvisionFile,
} from '../../../domain/provision.ts';
import type { StaffPageContext } from '../context.ts';
import { Day } from '../fields.tsx';
import { StaffLayout } from '../layout.tsx';
import type { StaffRoutes } from '../routes.tsx';
import { AdminNav, am, failurePage, REGION } from './admin-shared.tsx';

const WORKING_DAYS: readonly ParameterName[] = [
  'deferredDueWorkingDays',
  'deferredUrgentDueWorkingDays',
];

function valueText(p: StaffPageContext, name: ParameterName, value: number | string): string {
  const t = am(p).params;
  if (typeof value === 'string') {
    return value in t.policies ? t.policies[value as keyof typeof t.policies] : value;
  }
  return WORKING_DAYS.includes(name) ? t.workingDays(value) : t.days(value);
}

const isParameter = (name: string): name is ParameterName =>
  Object.hasOwn(PROVISION_PARAMETERS, name);

/** A parameter applied to a prescription: its name and value in the page's language. */
export function parameterText(p: StaffPageContext, name: string, value: number | string): string {
  if (!isParameter(name)) return `${name} = ${String(value)}`;
  return `${am(p).params.names[name]}: ${valueText(p, name, value)}`;
}

function ParametersPage(props: {
  p: StaffPageContext;
  region: string;
  file: ProvisionFile | null;
}) {
  const { p, region, file } = props;
  const t = am(p).params;
  const title = `${t.title} — ${region}`;
  const today = p.ui.today;
  return (
    <StaffLayout p={p} who={p.who} title={title} switchTo={`/admin/${region}/parameters`}>
      <h1>{title}</h1>
      <AdminNav p={p} region={region} current="/parameters" />
      <p class="notice info">{t.reviewed(`data/${region}/provision.yaml`)}</p>
      {file === null ? <p>{t.none}</p> : null}
      {file
        ? (Object.keys(PROVISION_PARAMETERS) as ParameterName[]).map((name) => {
            const entries = file.parameters[name];
            const current = entries.findLast((e) => e.from <= today);
            return (
              <section aria-labelledby={`p-${name}`}>
                <h2 id={`p-${name}`} class="h3">
                  {t.names[name]}
                </h2>
                <div class="table-wrap" tabindex={0} role="region" aria-labelledby={`p-${name}`}>
                  <table class="stack">
                    <thead>
                      <tr>
                        <th scope="col">{t.from}</th>
                        <th scope="col">{t.value}</th>
                        <th scope="col">{t.status}</th>
                        <th scope="col">{t.source}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {entries.map((e) => (
                        <tr>
                          <td data-label={t.from}>
                            <span>
                              <Day date={e.from} />
                              {e === current ? <strong class="badge"> {t.inForce}</strong> : null}
                            </span>
                          </td>
                          <td data-label={t.value}>
                            <span>{valueText(p, name, e.value)}</span>
                          </td>
                          <td data-label={t.status}>
                            <span>{t.statuses[e.status]}</span>
                          </td>
                          <td data-label={t.source}>
                            <div>
                              <span lang="en">{e.source}</span>
                              {e.note ? (
                                <p class="meta">
                                  {t.note}: <span lang="en">{e.note}</span>
                                </p>
                              ) : null}
                            </div>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            );
          })
        : null}
    </StaffLayout>
  );
}

export function adminParameterRoutes(routes: StaffRoutes): void {
  routes.page('get', `/admin/${REGION}/parameters`, async (p) => {
    const region = p.c.req.param('region') ?? '';
    const answer = await p.edge.service.administration.provision(
      p.who.actor,
      region,
      p.ctx('administration'),
    );
    if (!answer.ok) return failurePage(p, answer.issues);
    return p.html(<ParametersPage p={p} region={region} file={answer.value} />);
  });
}
