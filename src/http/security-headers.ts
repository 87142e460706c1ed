/**
 * Security headers on every response, pages, API, FHIR and errors alike.
 *
 * The pages need no inline script or style (one external script, one
 * stylesheet, both from this origin), so their policy allows `'self'` only.
 * Swagger UI at /api/docs draws its icons as `data:` SVG images, so that page
 * also allows `data:` images; its scripts are external files too, and its
 * styles are set through the DOM, which `style-src` does not restrict
 * (checked in Chromium: no violation on loading, expanding and trying every
 * operation). Caching headers are not set here.
 */
import type { MiddlewareHandler } from 'hono';

const COMMON = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
];

/** Pages, API and FHIR answers. */
export const CSP = [...COMMON, "style-src 'self'", "img-src 'self'"].join('; ');

/** The API reference page (Swagger UI). */
export const DOCS_CSP = [...COMMON, "style-src 'self'", "img-src 'self' data:"].join('; ');

export interface SecurityOptions {
  /** Send Strict-Transport-Security: only when clients reach the service over TLS. */
  hsts: boolean;
}

export function securityHeaders(options: SecurityOptions): MiddlewareHandler {
  const set = (h: Headers, path: string) => {
    h.set('Content-Security-Policy', path.startsWith('/api/docs') ? DOCS_CSP : CSP);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (options.hsts) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
  return async (c, next) => {
    await next();
    try {
      set(c.res.headers, c.req.path);
    } catch {
      // Immutable headers (a Response.redirect() or a fetched Response): answer a copy.
      const copy = new Response(c.res.body, c.res);
      set(copy.headers, c.req.path);
      c.res = copy;
    }
  };
}
