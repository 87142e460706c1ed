/** Search results as a FHIR searchset Bundle, each entry with its fullUrl. */
import type { Bundle, BundleEntry, Resource } from './types.ts';

/** A resource found by the search (`match`) or added by `_include` (`include`). */
export type SearchEntry = Resource | { resource: Resource; mode: 'match' | 'include' };

/**
 * @param selfUrl the search as asked, e.g. `https://tegin.kz/fhir/R4/InsurancePlan?coverage-area=…`
 * @param baseUrl the FHIR base for fullUrls; by default `selfUrl` up to the resource type
 */
export function searchsetBundleOf(
  resources: readonly SearchEntry[],
  selfUrl: string,
  baseUrl: string = baseOf(selfUrl),
): Bundle {
  const entry: BundleEntry[] = resources.map((item) => {
    const { resource, mode }: { resource: Resource; mode: 'match' | 'include' } =
      'resourceType' in item ? { resource: item, mode: 'match' } : item;
    return {
      ...(resource.id ? { fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}` } : {}),
      resource,
      search: { mode },
    };
  });
  const total = entry.filter((e) => e.search?.mode === 'match').length;
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: [{ relation: 'self', url: selfUrl }],
    entry,
  };
}

/** `https://host/fhir/R4/InsurancePlan?x=1` → `https://host/fhir/R4`. */
function baseOf(selfUrl: string): string {
  const path = selfUrl.split(/[?#]/)[0] ?? selfUrl;
  return path.replace(/\/_search$/, '').replace(/\/[A-Z][A-Za-z]+\/?$/, '');
}
