/**
 * What the staff screens get from the HTTP edge that serves them (src/http/ops/staff-edge.ts):
 * the operations use cases and how the API's session travels — the same cookie and the same
 * CSRF token (an HMAC bound to the session, src/http/ops/session.ts), so a browser signed in on
 * a page is signed in for the API and the other way round. The web layer does not import the
 * HTTP layer; it is handed these functions.
 */
import type { AnalyticsUseCases } from '../../app/analytics/analytics.ts';
import type { OpsService } from '../../app/ops/service.ts';

export interface StaffEdge {
  service: OpsService;
  /** The analyses (src/app/analytics); none: the Analytics section is not served. */
  analytics?: AnalyticsUseCases;
  cookie: {
    /** `__Host-tegin_session`, or `tegin_session` on plain http on a loopback address. */
    name: string;
    /**
     * A random value the sign-in form's CSRF token is bound to before any session exists
     * (`__Host-tegin_staff_form`, SameSite=Strict): a signed double-submit against login CSRF.
     */
    form: string;
    secure: boolean;
  };
  /** Whether a cookie value looks like a session token at all (else it is never looked up). */
  isTokenShaped(token: string): boolean;
  csrfTokenFor(token: string): string;
  isCsrfTokenValid(token: string, sent: string | undefined): boolean;
}
