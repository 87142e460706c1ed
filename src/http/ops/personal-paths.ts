/**
 * The paths whose answers are personal: sessions, the operations API, the FHIR types of the
 * operations (src/fhir/ops), the staff screens and a patient's own pages. Every answer on them is `no-store` (src/http/ops/routes.ts)
 * and none is ever a public-cache class (src/http/cache/routes.ts) — one list, so a FHIR type
 * added to the operations cannot be served from the shared cache.
 */
import { SEARCH_TYPES } from '../../fhir/ops/search-params.ts';

/** The FHIR base the operations types are served under (beside the public formulary). */
export const FHIR_BASE_PATH = '/fhir/R4';

const API = /^\/api\/v1\/(session$|ops(\/|$))/;
/** The staff screens (src/web/staff): every one shows or changes someone's data. */
const STAFF = /^\/(kk|ru|en)\/staff(\/|$)/;
/** A patient's own records ("my medicines", src/web/patient). */
const MY = /^\/(kk|ru|en)\/my(\/|$)/;
const FHIR = new RegExp(`^${FHIR_BASE_PATH}/(${SEARCH_TYPES.join('|')})(/|$)`);

export function isPersonalPath(path: string): boolean {
  return API.test(path) || FHIR.test(path) || STAFF.test(path) || MY.test(path);
}
