/**
 * The "my medicines" page shell: the public stylesheet and script, a skip link, the language
 * switch, the sections and sign-out (a POST with the CSRF token) when signed in. Titles name the
 * screen, never the patient.
 */
import type { Child } from 'hono/jsx';
import { LANGS } from '../../domain/text.ts';
import { messagesFor } from '../i18n/messages.ts';
import type { Me, PatientContext } from './context.ts';

export const SECTIONS = ['entitlements', 'prescriptions', 'history', 'registrations'] as const;
export type Section = (typeof SECTIONS)[number];

export function PatientLayout(props: {
  p: PatientContext;
  me: Me | null;
  title: string;
  section?: Section | 'home';
  /** Where the language switch leads (a path under /my); default: this page. */
  switchTo?: string;
  children?: Child;
}) {
  const { p, me } = props;
  const { ui, t } = p;
  const m = ui.m;
  const here = props.switchTo ? `/my${props.switchTo}` : ui.here;
  return (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} — ${m.site.name}`}</title>
        <link rel="stylesheet" href={ui.assets.css} />
        <script src={ui.assets.js} defer></script>
      </head>
      <body class="patient">
        <a class="skip" href="#main">
          {m.site.skip}
        </a>
        <header class="site">
          <div class="wrap bar">
            <a class="brand" href={p.to('/')}>
              <span class="logo" aria-hidden="true">
                ✚
              </span>{' '}
              {m.site.name} · {t.area}
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
          {me ? (
            <nav class="main wrap" aria-label={t.nav}>
              <ul>
                {SECTIONS.map((s) => (
                  <li>
                    <a href={p.to(`/${s}`)} aria-current={props.section === s ? 'page' : undefined}>
                      {t.home.sections[s]}
                    </a>
                  </li>
                ))}
                <li>
                  <form method="post" action={p.to('/sign-out')} class="sign-out">
                    <input type="hidden" name="csrf" value={me.csrf} />
                    <button type="submit">{t.signOut}</button>
                  </form>
                </li>
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site">
          <div class="wrap">
            <p>{t.footer}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function ProblemPage(props: {
  p: PatientContext;
  me: Me | null;
  kind: 'refused' | 'notFound' | 'csrf';
}) {
  const { p } = props;
  const s = p.t.problems;
  const [title, text] =
    props.kind === 'refused'
      ? [s.refusedTitle, s.refused]
      : props.kind === 'notFound'
        ? [s.notFoundTitle, s.notFound]
        : [s.csrfTitle, s.csrf];
  return (
    <PatientLayout p={p} me={props.me} title={title} switchTo="/">
      <h1>{title}</h1>
      <p role="alert" class={`notice ${props.kind === 'notFound' ? 'info' : 'bad'}`}>
        {text}
      </p>
      <p>
        <a href={p.to('/')}>{s.back}</a>
      </p>
    </PatientLayout>
  );
}
