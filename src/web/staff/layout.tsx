/**
 * The staff page shell: the public stylesheet and script, the staff stylesheet, a skip link, a
 * bar with the signed-in name, roles and organisations, sign-out (a POST with the CSRF token),
 * the language switch (same page: a GET page with its query; a POST answer links to the page
 * the form was on), and the staff navigation. Titles name the screen, never a patient.
 */
import type { Child } from 'hono/jsx';
import { LANGS } from '../../domain/text.ts';
import { messagesFor } from '../i18n/messages.ts';
import { analyticsMessagesFor } from './i18n/analytics-messages.ts';
import { cssUrl, type StaffContext, type Who } from './context.ts';

export type StaffSection = 'home' | 'doctor' | 'commission_member' | 'pharmacist' | 'analytics';

const SECTIONS: readonly { key: Exclude<StaffSection, 'home' | 'analytics'>; path: string }[] = [
  { key: 'doctor', path: '/patients' },
  { key: 'commission_member', path: '/commission' },
  { key: 'pharmacist', path: '/pharmacy' },
];

export function StaffLayout(props: {
  p: StaffContext;
  who: Who | null;
  title: string;
  section?: StaffSection;
  /** Where the language switch leads (a path under /staff); default: this page. */
  switchTo?: string;
  children?: Child;
}) {
  const { p, who } = props;
  const { ui, s } = p;
  const m = ui.m;
  const here = props.switchTo ? `/staff${props.switchTo}` : ui.here;
  const roles = new Set(who?.grants.map((g) => g.role) ?? []);
  return (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} — ${s.layout.area} — ${m.site.name}`}</title>
        <link rel="stylesheet" href={ui.assets.css} />
        <link rel="stylesheet" href={cssUrl()} />
        <script src={ui.assets.js} defer></script>
      </head>
      <body class="staff">
        <a class="skip" href="#main">
          {m.site.skip}
        </a>
        <header class="site">
          <div class="wrap bar">
            <a class="brand" href={p.to('/')}>
              <span class="logo" aria-hidden="true">
                ✚
              </span>{' '}
              {m.site.name} · {s.layout.area}
            </a>
            <nav class="langs" aria-label={m.site.langNav}>
              <ul>
                {LANGS.map((l) => (
                  <li>
                    <a
                      href={`/${l}${here}`}
                      lang={l}
                      hreflang={l}
                      aria-current={l === p.lang ? 'true' : undefined}
                    >
                      {messagesFor(l).langName}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          {who ? <WhoBar p={p} who={who} /> : null}
          {who ? (
            <nav class="main wrap" aria-label={s.layout.nav}>
              <ul>
                <li>
                  <a href={p.to('/')} aria-current={props.section === 'home' ? 'page' : undefined}>
                    {s.layout.home}
                  </a>
                </li>
                {SECTIONS.filter((x) => roles.has(x.key)).map((x) => (
                  <li>
                    <a
                      href={p.to(x.path)}
                      aria-current={props.section === x.key ? 'page' : undefined}
                    >
                      {s.home.open[x.key]}
                    </a>
                  </li>
                ))}
                {roles.has('region_admin') || roles.has('auditor') ? (
                  <li>
                    <a
                      href={p.to('/analytics')}
                      aria-current={props.section === 'analytics' ? 'page' : undefined}
                    >
                      {analyticsMessagesFor(p.lang).nav}
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site">
          <div class="wrap">
            <p>{s.layout.footer}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

function WhoBar(props: { p: StaffContext; who: Who }) {
  const { p, who } = props;
  const { s } = p;
  return (
    <div class="wrap who">
      <p>
        <span class="visually-hidden">{s.layout.signedIn}: </span>
        <strong>{who.name}</strong>
        {' — '}
        {who.grants
          .map((g) => {
            const org = g.organisation
              ? (who.organisations.get(g.organisation)?.[p.lang] ?? g.organisation)
              : g.region;
            return `${s.roles[g.role]}, ${org}`;
          })
          .join('; ')}
      </p>
      <form method="post" action={p.to('/sign-out')} class="sign-out">
        <input type="hidden" name="csrf" value={who.csrf} />
        <button type="submit">{s.layout.signOut}</button>
      </form>
    </div>
  );
}

/** A refusal, a missing record or a stale form as a page, in the page's language. */
export function ProblemPage(props: {
  p: StaffContext;
  who: Who | null;
  kind: 'refused' | 'notFound' | 'csrf';
}) {
  const { p } = props;
  const s = p.s.problems;
  const [title, text] =
    props.kind === 'refused'
      ? [s.refusedTitle, s.refused]
      : props.kind === 'notFound'
        ? [s.notFoundTitle, s.notFound]
        : [s.csrfTitle, s.csrf];
  return (
    <StaffLayout p={p} who={props.who} title={title} switchTo="/">
      <h1>{title}</h1>
      <p role="alert" class={`notice ${props.kind === 'notFound' ? 'info' : 'bad'}`}>
        {text}
      </p>
      <p>
        <a href={p.to('/')}>{s.backHome}</a>
      </p>
    </StaffLayout>
  );
}
