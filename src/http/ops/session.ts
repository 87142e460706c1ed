/**
 * Session cookies and CSRF tokens at the HTTP edge. The session itself is server-side
 * (src/app/ops/accounts.ts: a random token to the client, only its SHA-256 stored); here is
 * how it travels: an HttpOnly cookie for browsers, `Authorization: Bearer` for systems.
 *
 * A request signed in by the cookie that changes something must carry `X-CSRF-Token`: an
 * HMAC of the session token's hash under a server secret, so it is bound to the session,
 * cannot be derived without the secret, and needs no storage. Bearer requests need none: a
 * browser never adds an Authorization header by itself.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SessionSettings {
  /** The HMAC key of CSRF tokens (TEGIN_SESSION_SECRET, or random per process). */
  readonly secret: Buffer;
  /**
   * `Secure` cookie named `__Host-tegin_session` (the browser then refuses it over http, from
   * a subdomain or for another path); false only for plain http on a loopback address.
   */
  readonly secure: boolean;
}

export const SECURE_COOKIE = '__Host-tegin_session';
export const LOCAL_COOKIE = 'tegin_session';
export const CSRF_HEADER = 'X-CSRF-Token';

export const cookieNameOf = (settings: SessionSettings): string =>
  settings.secure ? SECURE_COOKIE : LOCAL_COOKIE;

/**
 * The settings from configuration: `secret` when given, else a random one (the caller warns:
 * tokens then change at each restart). `secure` unless plain http on a loopback address.
 */
export function sessionSettings(options: {
  secret?: string | undefined;
  localHttp?: boolean;
}): SessionSettings {
  return {
    secret: options.secret ? Buffer.from(options.secret, 'utf8') : randomBytes(32),
    secure: !(options.localHttp ?? false),
  };
}

/** What a session token looks like: 32 random bytes, base64url. Anything else is no token. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function csrfTokenFor(settings: SessionSettings, token: string): string {
  const tokenHash = createHash('sha256').update(token).digest('hex');
  return createHmac('sha256', settings.secret).update(`csrf:${tokenHash}`).digest('base64url');
}

export function isCsrfTokenValid(
  settings: SessionSettings,
  token: string,
  sent: string | undefined,
): boolean {
  if (sent === undefined || sent.length > 100) return false;
  const expected = Buffer.from(csrfTokenFor(settings, token));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
