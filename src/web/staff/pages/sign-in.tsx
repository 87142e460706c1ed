/**
 * Signing in and out. The form posts the user name and password to the accounts use case
 * (`login`: throttled, audited without the typed name) and sets the API's own session cookie
 * (HttpOnly, SameSite=Lax, `__Host-` and Secure except on plain local http). A wrong password
 * and an unknown user name get the same words; a locked account is told how long is left.
 * Signing out is a POST with the CSRF token; the session is revoked on the server.
 *
 * Before any session, the form carries a CSRF token bound (HMAC, as the session's) to a random
 * SameSite=Strict form cookie: a sign-in posted from another site (login CSRF, which would sign
 * the victim in as the attacker) carries no cookie or no matching token and is refused.
 */
import { randomBytes } from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { OpsIssue } from '../../../ops/issues.ts';
import { formOf, sessionToken, type StaffContext } from '../context.ts';
import { StaffLayout } from '../layout.tsx';
import type { StaffRoutes } from '../routes.tsx';

type Notice = { kind: 'bad' | 'info'; text: string } | null;

/** The form cookie's value, if it has the shape of one. */
function formCookie(p: StaffContext): string | null {
  const value = getCookie(p.c, p.edge.cookie.form);
  return value !== undefined && p.edge.isTokenShaped(value) ? value : null;
}

/** The form cookie (set when missing) and the CSRF token bound to it. */
function formToken(p: StaffContext): string {
  let value = formCookie(p);
  if (value === null) {
    value = randomBytes(32).toString('base64url');
    setCookie(p.c, p.edge.cookie.form, value, {
      path: '/',
      httpOnly: true,
      secure: p.edge.cookie.secure,
      sameSite: 'Strict',
      maxAge: 3600,
    });
  }
  return p.edge.csrfTokenFor(value);
}

function SignInPage(props: { p: StaffContext; notice: Notice; username: string }) {
  const { p, notice } = props;
  const s = p.s.signIn;
  return (
    <StaffLayout p={p} who={null} title={s.title} switchTo="/sign-in">
      <h1>{s.title}</h1>
      <p class="lead">{s.intro}</p>
      {notice ? (
        <p class={`notice ${notice.kind}`} role={notice.kind === 'bad' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      ) : null}
      <form method="post" action={p.to('/sign-in')} class="staff-form narrow">
        <input type="hidden" name="csrf" value={formToken(p)} />
        <div class="field">
          <label for="username">{s.username}</label>
          <input
            id="username"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            value={props.username}
          />
        </div>
        <div class="field">
          <label for="password">{s.password}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
        </div>
        <button type="submit" class="primary">
          {s.submit}
        </button>
      </form>
    </StaffLayout>
  );
}

function minutesLeft(issue: OpsIssue | undefined, now: number): number {
  const until = issue?.retryAt ? Date.parse(issue.retryAt) : now;
  return Math.max(1, Math.ceil((until - now) / 60_000));
}

export function signInRoutes(routes: StaffRoutes): void {
  routes.open('get', '/sign-in', (p) => {
    const session = p.c.req.query('session');
    const notice: Notice =
      session === 'ended'
        ? { kind: 'info', text: p.s.signIn.expired }
        : session === 'out'
          ? { kind: 'info', text: p.s.signIn.signedOut }
          : null;
    return p.html(<SignInPage p={p} notice={notice} username="" />);
  });

  routes.open('post', '/sign-in', async (p) => {
    const form = await formOf(p);
    const username = (form.username ?? '').trim();
    const password = form.password ?? '';
    const s = p.s.signIn;
    const bound = formCookie(p);
    if (bound === null || !p.edge.isCsrfTokenValid(bound, form.csrf)) {
      return p.html(
        <SignInPage p={p} notice={{ kind: 'bad', text: s.stale }} username={username} />,
        403,
      );
    }
    if (username === '' || password === '') {
      return p.html(
        <SignInPage p={p} notice={{ kind: 'bad', text: s.missing }} username={username} />,
        400,
      );
    }
    const { accounts } = p.edge.service;
    const login = await accounts.login(username, password, p.ctx('authentication'));
    if (!login.ok) {
      const locked = login.issues.find((i) => i.code === 'AUTH_LOCKED');
      const text = locked ? s.locked(minutesLeft(locked, Date.now())) : s.wrong;
      return p.html(
        <SignInPage p={p} notice={{ kind: 'bad', text }} username={username} />,
        locked ? 429 : 401,
      );
    }
    const maxAge = Math.max(0, Math.floor((Date.parse(login.value.expiresAt) - Date.now()) / 1000));
    setCookie(p.c, p.edge.cookie.name, login.value.token, {
      path: '/',
      httpOnly: true,
      secure: p.edge.cookie.secure,
      sameSite: 'Lax',
      maxAge,
    });
    return p.redirect('/');
  });

  routes.page('post', '/sign-out', async (p) => {
    const token = sessionToken(p);
    if (token !== null) await p.edge.service.accounts.logout(token, p.ctx('authentication'));
    deleteCookie(p.c, p.edge.cookie.name, { path: '/', secure: p.edge.cookie.secure });
    return p.redirect('/sign-in?session=out');
  });
}
