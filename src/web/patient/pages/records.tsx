/**
 * The patient's own pages: home, what the list gives them (with a notice when a change of the
 * list touches them), active prescriptions and where to collect them, what they received, and
 * their registrations and commission decisions. Each reads through its use case, which
 * authorises the patient against themself and audits the read.
 */
import { UNMET_LABELS } from '../../../domain/explain.ts';
import type { OpsResult } from '../../../ops/issues.ts';
import type { LocalizedText } from '../../../domain/text.ts';
import { basisItem } from '../../../ops/prescribing.ts';
import type { ListNotice, MyEntitlements } from '../../../app/ops/my-records.ts';
import { Citation, Products } from '../../components/item.tsx';
import { EntitlementBadge } from '../../components/notices.tsx';
import type { MyPageContext, PatientContext } from '../context.ts';
import { PatientLayout, ProblemPage, SECTIONS, type Section } from '../layout.tsx';
import type { PatientRoutes } from '../routes.tsx';
import { innNames, productLabel } from '../../product-names.ts';
import { regionOfOrganisation } from '../../../ops/facts.ts';

/**
 * A legal name in the page's language only (a patient reads one language; the public pages show
 * the Kazakh source beside it); the Kazakh source, said so, where the translation is missing.
 */
function InPageLanguage(props: { p: PatientContext; text: LocalizedText }) {
  const { p, text } = props;
  const own = text[p.lang].trim();
  if (own !== '') return <span>{own}</span>;
  return (
    <span>
      <span lang="kk">{text.kk}</span> <small>({p.t.entitlements.onlyKk})</small>
    </span>
  );
}

function Page(props: {
  p: MyPageContext;
  section: Section | 'home';
  title: string;
  children?: unknown;
}) {
  const { p } = props;
  return (
    <PatientLayout p={p} me={p.me} title={props.title} section={props.section}>
      <h1>{props.title}</h1>
      {props.children as never}
    </PatientLayout>
  );
}

/** A refused or failed read as a page (it is audited by the use case). */
function refused<T>(p: MyPageContext, result: OpsResult<T>): Response | null {
  if (result.ok) return null;
  return p.html(<ProblemPage p={p} me={p.me} kind="refused" />, 403);
}

function Notices(props: { p: MyPageContext; notices: readonly ListNotice[] }) {
  const { p } = props;
  const t = p.t.entitlements;
  return (
    <>
      {props.notices.map((n) => (
        <div class="notice warn" role="status">
          <p>{n.when === 'ahead' ? t.noticeAhead(fmt(n.date)) : t.noticeSince(fmt(n.date))}</p>
          <ul>
            {n.items.map((i) => (
              <li>
                <span class="code">{i.diagnosis}</span>, {t.item} {i.item}: {t.was}{' '}
                {t.status[i.before]} → {t.becomes} {t.status[i.after]}
              </li>
            ))}
          </ul>
          {n.acts.length > 0 ? (
            <p class="meta">
              {t.acts}: {n.acts.map((a) => a[p.lang]).join('; ')}
            </p>
          ) : null}
        </div>
      ))}
    </>
  );
}

const fmt = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

function Entitlements(props: { p: MyPageContext; value: MyEntitlements }) {
  const { p, value } = props;
  const t = p.t.entitlements;
  if (!value.answer) return <p class="notice info">{t.noAttachment}</p>;
  if (!value.answer.ok) {
    return <p class="notice warn">{value.answer.issues.map((i) => i.message).join('; ')}</p>;
  }
  const list = value.answer.result.entitlements;
  return (
    <>
      <Notices p={p} notices={value.notices} />
      {list.length === 0 ? (
        <p>{t.nothing}</p>
      ) : (
        <ul class="cards">
          {list.map((e) => (
            <li>
              <h2 class="h3">
                <EntitlementBadge ui={p.ui} status={e.status} />{' '}
                <InPageLanguage p={p} text={e.diagnosis.listed} />
              </h2>
              <p class="meta">
                <span class="code">{e.diagnosis.code}</span> · {t.item} {basisItem(e)}
              </p>
              <Products ui={p.ui} products={e.products} />
              {e.unmet.length > 0 ? (
                <p>
                  <strong>{t.unmet}:</strong>{' '}
                  {e.unmet.map((u) => UNMET_LABELS[u][p.lang]).join('; ')}
                </p>
              ) : null}
              <p>{e.explanation[p.lang]}</p>
              <Citation ui={p.ui} citation={e.basis} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function recordRoutes(routes: PatientRoutes): void {
  routes.page('get', '/', async (p) => {
    const t = p.t.home;
    const mine = await p.edge.records.entitlements(p.me.actor, p.ctx('my medicines'));
    return (
      refused(p, mine) ??
      p.html(
        <Page p={p} section="home" title={t.title}>
          <p class="lead">{t.intro}</p>
          {mine.ok ? <Notices p={p} notices={mine.value.notices} /> : null}
          <ul class="cards">
            {SECTIONS.map((s) => (
              <li>
                <a class="card-link" href={p.to(`/${s}`)}>
                  {t.sections[s]}
                </a>
              </li>
            ))}
          </ul>
        </Page>,
      )
    );
  });

  routes.page('get', '/entitlements', async (p) => {
    const t = p.t.entitlements;
    const mine = await p.edge.records.entitlements(p.me.actor, p.ctx('my medicines'));
    if (!mine.ok) return refused(p, mine) as Response;
    return p.html(
      <Page p={p} section="entitlements" title={t.title}>
        <p class="lead">{t.intro}</p>
        <Entitlements p={p} value={mine.value} />
      </Page>,
    );
  });

  routes.page('get', '/prescriptions', async (p) => {
    const t = p.t.prescriptions;
    const mine = await p.edge.records.activePrescriptions(p.me.actor, p.ctx('my medicines'));
    if (!mine.ok) return refused(p, mine) as Response;
    return p.html(
      <Page p={p} section="prescriptions" title={t.title}>
        {mine.value.length === 0 ? <p>{t.none}</p> : null}
        <ul class="cards">
          {mine.value.map(({ prescription: rx, pharmacies }) => (
            <li>
              <h2 class="h3">
                {t.number} {rx.number}
              </h2>
              <p>
                <strong>
                  {productLabel(p.deps.services.registry, rx.region, rx.product, p.lang)}
                </strong>
                {rx.product.form ? `, ${rx.product.form}` : ''}
              </p>
              <p>
                {t.left(rx.quantity - rx.dispensed, rx.unit)} ·{' '}
                {t.validity(fmt(rx.validFrom), fmt(rx.validTo))}
              </p>
              <h3 class="h4">{t.where}</h3>
              {pharmacies.length === 0 ? (
                <p>{t.noPharmacy}</p>
              ) : (
                <ul>
                  {pharmacies.map((o) => (
                    <li>{o.name[p.lang]}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </Page>,
    );
  });

  routes.page('get', '/history', async (p) => {
    const t = p.t.history;
    const mine = await p.edge.records.dispenses(p.me.actor, p.ctx('my medicines'));
    if (!mine.ok) return refused(p, mine) as Response;
    return p.html(
      <Page p={p} section="history" title={t.title}>
        {mine.value.length === 0 ? <p>{t.none}</p> : null}
        <ul class="cards">
          {mine.value.map(({ prescription: rx, dispense: d, pharmacy }) => (
            <li>
              <p>
                <strong>{productLabel(p.deps.services.registry, null, rx.product, p.lang)}</strong>{' '}
                — {d.quantity} {rx.unit}
              </p>
              <p class="meta">
                {t.received(fmt(d.dispensedOn), pharmacy?.[p.lang] ?? d.pharmacy, rx.number)}
              </p>
            </li>
          ))}
        </ul>
      </Page>,
    );
  });

  routes.page('get', '/registrations', async (p) => {
    const t = p.t.registrations;
    const mine = await p.edge.records.register(p.me.actor, p.ctx('my medicines'));
    if (!mine.ok) return refused(p, mine) as Response;
    const { registrations, decisions } = mine.value;
    return p.html(
      <Page p={p} section="registrations" title={t.title}>
        {registrations.length === 0 ? <p>{t.none}</p> : null}
        <ul class="cards">
          {registrations.map((r) => (
            <li>
              <p>
                <strong class="code">{r.icd10}</strong> —{' '}
                {t.onRegister(fmt(r.from), r.to ? fmt(r.to) : null)}
              </p>
            </li>
          ))}
        </ul>
        <h2>{t.decisions}</h2>
        {decisions.length === 0 ? <p>{t.noDecisions}</p> : null}
        <ul class="cards">
          {decisions.map((d) => (
            <li>
              <p>
                <strong class="code">{d.icd10}</strong> —{' '}
                {innNames(
                  p.deps.services.registry,
                  regionOfOrganisation(d.organisation),
                  d.inns,
                  p.lang,
                )}
              </p>
              <p class="meta">
                {t.protocol(d.protocolNumber, fmt(d.protocolDate))} ·{' '}
                {t.validity(fmt(d.validFrom), d.validTo ? fmt(d.validTo) : null)}
                {d.revokedBy || d.revokes ? ` · ${t.revoked}` : ''}
              </p>
            </li>
          ))}
        </ul>
      </Page>,
    );
  });
}
