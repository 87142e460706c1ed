/**
 * Which answers are public and the same for everyone who sends the same
 * request: the law as of a date, pages about it, searches. Nothing that
 * carries patient facts is here — POST /api/v1/entitlements, FHIR `$evaluate`
 * and the checker (`/{lang}/check`, whose GET form takes ages and diagnoses in
 * the query) are never stored or marked shareable.
 */
import { isPersonalPath } from '../ops/personal-paths.ts';

export const PUBLIC_CLASSES = ['api', 'fhir', 'page', 'asset'] as const;
export type PublicClass = (typeof PUBLIC_CLASSES)[number];

const API = /^\/api\/(v1\/(regions|acts|search|compare)(\/|$)|openapi\.json$)/;
const PAGE = /^\/(kk|ru|en)\//;
const CHECKER = /^\/(kk|ru|en)\/check(\/|$)/;
/** The CapabilityStatement carries the time it was asked for, so it is not a stable answer. */
const FHIR_UNSTABLE = /^\/fhir\/R4\/(metadata$|.*\$)/;

/** The class of a GET path whose answer may be cached and shared, or null. */
export function publicClassOf(path: string): PublicClass | null {
  // Patients, prescriptions, the audit: personal, whatever the prefix says.
  if (isPersonalPath(path)) return null;
  if (API.test(path)) return 'api';
  if (path.startsWith('/assets/') || path.startsWith('/api/docs/assets/')) return 'asset';
  if (path.startsWith('/fhir/R4/')) return FHIR_UNSTABLE.test(path) ? null : 'fhir';
  if (PAGE.test(path)) return CHECKER.test(path) ? null : 'page';
  return null;
}
