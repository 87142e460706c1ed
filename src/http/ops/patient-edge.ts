/**
 * "My medicines"' view of the operations edge (src/web/patient/edge.ts): the patient's use
 * cases, its own session cookie (apart from staff's), and CSRF tokens made as the API's are.
 */
import type { PatientEdge } from '../../web/patient/edge.ts';
import type { OpsEdge } from '../context.ts';
import { csrfTokenFor, isCsrfTokenValid, TOKEN_SHAPE } from './session.ts';

export function patientEdgeOf(
  edge: OpsEdge & { patients: NonNullable<OpsEdge['patients']> },
): PatientEdge {
  const prefix = edge.session.secure ? '__Host-' : '';
  return {
    access: edge.patients.access,
    records: edge.patients.records,
    cookies: {
      session: `${prefix}tegin_patient`,
      challenge: `${prefix}tegin_code`,
      form: `${prefix}tegin_form`,
      secure: edge.session.secure,
    },
    isTokenShaped: (token) => TOKEN_SHAPE.test(token),
    csrfTokenFor: (token) => csrfTokenFor(edge.session, token),
    isCsrfTokenValid: (token, sent) => isCsrfTokenValid(edge.session, token, sent),
  };
}
