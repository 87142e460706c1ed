/** The one reader of an `ops_organisations` row, for the operations storage and the ledger. */
import type { RegionCode } from '../../domain/region.ts';
import type { Organisation } from '../../ops/model.ts';

export interface OrganisationRow extends Record<string, unknown> {
  region: string;
  code: string;
  kind: Organisation['kind'];
  name_kk: string;
  name_ru: string;
  name_en: string;
}

export const toOrganisation = (r: OrganisationRow): Organisation => ({
  region: r.region as RegionCode,
  code: r.code,
  kind: r.kind,
  name: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
});
