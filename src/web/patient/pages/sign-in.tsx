/**
 * Signing in with the IIN and a one-time code, and out. Asking for a code always leads to the
 * code page (the same answer whether or not the IIN is a patient's); the challenge rides in an
 * HttpOnly, SameSite=Strict cookie, so a form posted from another site carries none. The IIN
 * form's CSRF token is bound to a random form cookie; the code form's to the challenge.
 */
import { randomBytes } from 'node:crypto';
import type { PatientContext } from '../context.ts';
import { formOf } from '../context.ts';
import { PatientLayout } from '../layout.tsx';
import type { PatientRoutes } from '../routes.tsx';

type Notice = { kind: 'bad' | 'info'; text: string } | null;

function NoticeLine(props: { notice: Notice }) {
  const { notice } = props;
  if (!notice) return null;
  return (
    <p class={`notice ${notice.kind}`} role={notice.kind === 'bad' ? 'alert' : 'status'}>
      {notice.text}
    </p>
  );
}

/** The form cookie (made when missing) and the CSRF token bound to it. */
function formToken(p: PatientContext): string {
  let value = p.cookie(p.edge.cookies.form);
  if (value === null) {
    value = randomBytes(32).toString('base64url');
    p.setCookie(p.edge.cookies.form, value, 3600, 'Strict');
  }
  return p.edge.csrfTokenFor(value);
}

function SignInPage(props: { p: PatientContext; notice: Notice }) {
  const { p } = props;
  const s = p.t.signIn;
  return (
    <PatientLayout p={p} me={null} title={s.title} switchTo="/sign-in">
      <h1>{s.title}</h1>
      <p class="lead">{s.intro}</p>
      <NoticeLine notice={props.notice} />
      <form method="post" action={p.to('/sign-in')}>
        <input type="hidden" name="csrf" value={formToken(p)} />
        <div class="field">
          <label for="iin">{s.iin}</label>
          <input
            id="iin"
            name="iin"
            inputmode="numeric"
            autocomplete="off"
            pattern="[0-9]{12}"
            maxlength={12}
            required
          />
        </div>
        <button type="submit" class="primary">
          {s.submit}
        </button>
      </form>
    </PatientLayout>
  );
}

function CodePage(props: { p: PatientContext; challenge: string; notice: Notice; again: boolean }) {
  const { p } = props;
  const s = p.t.code;
  return (
    <PatientLayout p={p} me={null} title={s.title} switchTo="/code">
      <h1>{s.title}</h1>
      <p class="lead">{s.intro}</p>
      <NoticeLine notice={props.notice} />
      {props.again ? null : (
        <form method="post" action={p.to('/code')}>
          <input type="hidden" name="csrf" value={p.edge.csrfTokenFor(props.challenge)} />
          <div class="field">
            <label for="code">{s.code}</label>
            <input
              id="code"
              name="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9]{6}"
              maxlength={6}
              required
            />
          </div>
          <button type="submit" class="primary">
            {s.submit}
          </button>
        </form>
      )}
      <p>
        <a href={p.to('/sign-in')}>{s.again}</a>
      </p>
    </PatientLayout>
  );
}

export function signInRoutes(routes: PatientRoutes): void {
  routes.open('get', '/sign-in', (p) => {
    const session = p.c.req.query('session');
    const notice: Notice =
      session === 'ended'
        ? { kind: 'info', text: p.t.signIn.expired }
        : session === 'out'
          ? { kind: 'info', text: p.t.signIn.signedOut }
          : null;
    return p.html(<SignInPage p={p} notice={notice} />);
  });

  routes.open('post', '/sign-in', async (p) => {
    const form = await formOf(p);
    const bound = p.cookie(p.edge.cookies.form);
    if (bound === null || !p.edge.isCsrfTokenValid(bound, form.csrf)) {
      return p.html(<SignInPage p={p} notice={{ kind: 'bad', text: p.t.signIn.stale }} />, 403);
    }
    const asked = await p.edge.access.requestCode(form.iin ?? '', p.client, p.ctx('sign-in'));
    if (!asked.ok) {
      const invalid = asked.reason === 'invalid_iin';
      const text = invalid ? p.t.signIn.invalidIin : p.t.signIn.limited;
      return p.html(<SignInPage p={p} notice={{ kind: 'bad', text }} />, invalid ? 400 : 429);
    }
    const minutes = p.edge.access.policy.codeMinutes;
    p.setCookie(p.edge.cookies.challenge, asked.challenge, minutes * 60, 'Strict');
    return p.redirect('/code');
  });

  routes.open('get', '/code', (p) => {
    const challenge = p.cookie(p.edge.cookies.challenge);
    if (challenge === null) return p.redirect('/sign-in');
    return p.html(<CodePage p={p} challenge={challenge} notice={null} again={false} />);
  });

  routes.open('post', '/code', async (p) => {
    const challenge = p.cookie(p.edge.cookies.challenge);
    if (challenge === null) return p.redirect('/sign-in');
    const form = await formOf(p);
    if (!p.edge.isCsrfTokenValid(challenge, form.csrf)) {
      const notice = { kind: 'bad' as const, text: p.t.signIn.stale };
      return p.html(<CodePage p={p} challenge={challenge} notice={notice} again={false} />, 403);
    }
    const checked = await p.edge.access.verifyCode(challenge, form.code ?? '', p.ctx('sign-in'));
    if (!checked.ok) {
      const again = checked.reason !== 'wrong';
      if (again) p.dropCookie(p.edge.cookies.challenge);
      const notice = { kind: 'bad' as const, text: p.t.code[checked.reason] };
      return p.html(
        <CodePage p={p} challenge={challenge} notice={notice} again={again} />,
        checked.reason === 'exhausted' ? 429 : 401,
      );
    }
    p.dropCookie(p.edge.cookies.challenge);
    const seconds = Math.max(0, Math.floor((Date.parse(checked.expiresAt) - Date.now()) / 1000));
    p.setCookie(p.edge.cookies.session, checked.token, seconds, 'Lax');
    return p.redirect('/');
  });

  routes.page('post', '/sign-out', async (p) => {
    await p.edge.access.logout(p.me.token, p.ctx('sign-out'));
    p.dropCookie(p.edge.cookies.session);
    return p.redirect('/sign-in?session=out');
  });
}
