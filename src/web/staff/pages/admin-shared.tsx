/**
 * What the region administrator's and the auditor's pages share: their dictionary, the region
 * in the address (`KZ-NN`: a region code, never a person), an error summary naming each field,
 * a use case's refusal as the 403 page, and the index of regions an account holds the role in.
 */
import type { OpsIssue } from '../../../ops/issues.ts';
import { adminMessagesFor, type AdminMessages } from '../i18n/admin-messages.ts';
import type { StaffContext, StaffPageContext } from '../context.ts';
import { StaffLayout } from '../layout.tsx';
import { IssueText, problemPage } from '../outcome.tsx';

/** The region segment of an address: `/admin/KZ-27/…`. */
export const REGION = ':region{KZ-[0-9]{2}}';

export const am = (p: StaffContext): AdminMessages => adminMessagesFor(p.lang);

/** A use case's failure as its page (403 refused, 404 missing), or a 500 when it is neither. */
export function failurePage(p: StaffPageContext, issues: readonly OpsIssue[]): Response {
  return problemPage(p, p.who, issues) ?? p.html('', 500);
}

type ErrorField = keyof AdminMessages['errors']['fields'];

export function AdminErrors(props: { p: StaffContext; issues: readonly OpsIssue[] }) {
  const { p, issues } = props;
  if (issues.length === 0) return null;
  const e = am(p).errors;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{e.summary}</h2>
      <ul>
        {issues.map((i) => {
          const head = String(i.path[0] ?? 'other');
          const label = head in e.fields ? e.fields[head as ErrorField] : e.fields.other;
          return (
            <li>
              <strong>{label}:</strong> <IssueText p={p} issue={i} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The regions the account holds the role in, each with its screens. */
export function RegionsPage(props: {
  p: StaffPageContext;
  title: string;
  regions: readonly string[];
  links: readonly { path: string; label: string }[];
  base: string;
}) {
  const { p } = props;
  const names = new Map(p.deps.services.registry.regions.map((r) => [r.code, r.name]));
  return (
    <StaffLayout p={p} who={p.who} title={props.title} switchTo={props.base}>
      <h1>{props.title}</h1>
      <p>{am(p).regions.pick}</p>
      <ul class="cards">
        {props.regions.map((region) => (
          <li>
            <h2 class="h3">
              {names.get(region as never)?.[p.lang] ?? region} <span class="meta">{region}</span>
            </h2>
            <ul>
              {props.links.map((l) => (
                <li>
                  <a href={p.to(`${props.base}/${region}${l.path}`)}>{l.label}</a>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </StaffLayout>
  );
}

/** The administrator's screens of one region, as a row of links. */
export function AdminNav(props: { p: StaffPageContext; region: string; current: string }) {
  const { p, region } = props;
  const n = am(p).nav;
  const items = [
    ['/organisations', n.organisations],
    ['/accounts', n.accounts],
    ['/parameters', n.parameters],
  ] as const;
  return (
    <nav aria-label={n.label} class="sub-nav">
      <ul class="inline">
        {items.map(([path, label]) => (
          <li>
            <a
              href={p.to(`/admin/${region}${path}`)}
              aria-current={path === props.current ? 'page' : undefined}
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
