/**
 * The staff screens' view of the operations edge (src/web/staff/edge.ts): the same use cases,
 * the same session cookie and the same CSRF tokens as the API.
 */
import type { StaffEdge } from '../../web/staff/edge.ts';
import type { OpsEdge } from '../context.ts';
import { cookieNameOf, csrfTokenFor, isCsrfTokenValid, TOKEN_SHAPE } from './session.ts';

export function staffEdgeOf(edge: OpsEdge): StaffEdge {
  return {
    service: edge.service,
    ...(edge.analytics ? { analytics: edge.analytics } : {}),
    cookie: {
      name: cookieNameOf(edge.session),
      form: `${edge.session.secure ? '__Host-' : ''}tegin_staff_form`,
      secure: edge.session.secure,
    },
    isTokenShaped: (token) => TOKEN_SHAPE.test(token),
    csrfTokenFor: (token) => csrfTokenFor(edge.session, token),
    isCsrfTokenValid: (token, sent) => isCsrfTokenValid(edge.session, token, sent),
  };
}
