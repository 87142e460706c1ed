/**
 * The page shell: language, title, the one stylesheet and the one deferred
 * script, a skip link, the main navigation, the language switch (same page,
 * same query, other language), breadcrumbs and the footer.
 */
import type { Child } from 'hono/jsx';
import { LANGS } from '../domain/text.ts';
import { messagesFor } from './i18n/messages.ts';
import { href, type Ui } from './ui.ts';

export interface Crumb {
  label: string;
  href?: string;
}

type Section = 'home' | 'check' | 'compare' | 'search' | 'medicines' | 'diagnoses';

const NAV: readonly { key: Section; path: string }[] = [
  { key: 'home', path: '/' },
  { key: 'check', path: '/check' },
  { key: 'compare', path: '/compare' },
  { key: 'medicines', path: '/medicines' },
  { key: 'diagnoses', path: '/diagnoses' },
  { key: 'search', path: '/search' },
];

function currentSection(here: string): Section {
  const path = here.split('?')[0] ?? '/';
  const found = NAV.find((n) => n.path !== '/' && path.startsWith(n.path));
  return found?.key ?? 'home';
}

export function Layout(props: {
  ui: Ui;
  title: string;
  crumbs?: Crumb[];
  /** Kept out of the language switch: a checker answer is not put in a URL. */
  children?: Child;
}) {
  const { ui } = props;
  const { m } = ui;
  const section = currentSection(ui.here);
  return (
    <html lang={ui.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — ${m.site.name}`}</title>
        <meta name="description" content={m.site.tagline} />
        <link rel="stylesheet" href={ui.assets.css} />
        {LANGS.map((l) => (
          <link rel="alternate" hreflang={l} href={`/${l}${ui.here}`} />
        ))}
        <script src={ui.assets.js} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {m.site.skip}
        </a>
        <header class="site">
          <div class="wrap bar">
            <a class="brand" href={href(ui, '/')}>
              <span class="logo" aria-hidden="true">
                ✚
              </span>{' '}
              {m.site.name}
            </a>
            <nav class="langs" aria-label={m.site.langNav}>
              <ul>
                {LANGS.map((l) => (
                  <li>
                    <a
                      href={`/${l}${ui.here}`}
                      lang={l}
                      hreflang={l}
                      aria-current={l === ui.lang ? 'true' : undefined}
                    >
                      {messagesFor(l).langName}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <p class="tagline">{m.site.tagline}</p>
          </div>
          <nav class="main wrap" aria-label={m.site.mainNav}>
            <ul>
              {NAV.map((n) => (
                <li>
                  <a href={href(ui, n.path)} aria-current={n.key === section ? 'page' : undefined}>
                    {m.nav[n.key]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        {props.crumbs && props.crumbs.length > 0 ? (
          <nav class="crumbs wrap" aria-label={m.site.breadcrumb}>
            <ol>
              {props.crumbs.map((c) => (
                <li>{c.href ? <a href={c.href}>{c.label}</a> : <span>{c.label}</span>}</li>
              ))}
            </ol>
          </nav>
        ) : null}
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site">
          <div class="wrap">
            <p>{m.site.disclaimer}</p>
            <p>{m.site.dataNote}</p>
            <p>
              <a href="/api/docs">{m.site.api}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A complete HTML document. */
export function page(node: Child): string {
  return `<!doctype html>${String(node)}`;
}
