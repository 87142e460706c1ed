/**
 * What "my medicines" gets from the HTTP edge (src/http/ops/patient-edge.ts): the patient's
 * use cases and how its cookies travel. The patient session has its own cookie and table, so a
 * patient's token is never looked up as a staff session. The web layer does not import the
 * HTTP layer; it is handed these.
 */
import type { MyRecordsUseCases } from '../../app/ops/my-records.ts';
import type { PatientAccessUseCases } from '../../app/ops/patient-access.ts';

export interface PatientEdge {
  access: PatientAccessUseCases;
  records: MyRecordsUseCases;
  cookies: {
    /** The patient session (HttpOnly, SameSite=Lax). */
    session: string;
    /** The pending code's challenge (HttpOnly, SameSite=Strict, 10 minutes). */
    challenge: string;
    /** A random value the sign-in form's CSRF token is bound to (SameSite=Strict). */
    form: string;
    secure: boolean;
  };
  isTokenShaped(token: string): boolean;
  csrfTokenFor(token: string): string;
  isCsrfTokenValid(token: string, sent: string | undefined): boolean;
}
