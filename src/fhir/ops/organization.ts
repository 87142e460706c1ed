/**
 * Organization, Practitioner and PractitionerRole from the operations model: an organisation
 * by its `KZ-NN/CODE` identity, a staff account as a Practitioner (its id and display name,
 * nothing else: no user name, no password hash, no lock state), and one PractitionerRole per
 * role grant.
 */
import type { Lang } from '../../domain/text.ts';
import {
  organisationId,
  type Organisation,
  type OrganisationKind,
  type RoleGrant,
} from '../../ops/model.ts';
import { IDENTIFIER_SYSTEM } from '../extensions.ts';
import { safeId } from '../ids.ts';
import { DEFAULT_LANG, localized } from '../text.ts';
import {
  OPS_CODE_SYSTEM,
  OPS_EXT,
  OPS_IDENTIFIER_SYSTEM,
  OPS_SYSTEM,
  organizationIdOf,
  organizationReference,
  practitionerReference,
} from './systems.ts';
import type { Organization, Practitioner, PractitionerRole } from './types.ts';

/** Every kind is a healthcare provider in HL7's organization-type; tegin's code says which. */
const HL7_ORGANIZATION_TYPE: Record<OrganisationKind, 'prov'> = {
  polyclinic: 'prov',
  hospital_with_commission: 'prov',
  pharmacy: 'prov',
};

export function organizationOf(
  organisation: Organisation,
  lang: Lang = DEFAULT_LANG,
): Organization {
  const id = organisationId(organisation);
  return {
    resourceType: 'Organization',
    id: organizationIdOf(id),
    language: lang,
    identifier: [{ system: OPS_IDENTIFIER_SYSTEM.organisation, value: id }],
    type: [
      {
        coding: [
          { system: OPS_CODE_SYSTEM.organisationKind, code: organisation.kind },
          { system: OPS_SYSTEM.organizationType, code: HL7_ORGANIZATION_TYPE[organisation.kind] },
        ],
      },
    ],
    ...localized('name', organisation.name, lang),
    address: [{ state: organisation.region, country: 'KZ' }],
  };
}

/** What a Practitioner shows of a staff account: its id and display name, nothing else. */
export interface StaffFacts {
  id: string;
  displayName: string;
}

export function practitionerOf(account: StaffFacts): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: account.id,
    name: [{ text: account.displayName }],
  };
}

/**
 * The id of one grant's PractitionerRole: account, role, region and organisation, so the
 * same grant always has the same id (a long one keeps a hash, as every tegin id does).
 */
export function practitionerRoleIdOf(accountId: string, grant: RoleGrant): string {
  const where = grant.organisation ?? grant.region;
  return safeId(`${accountId}-${grant.role}-${where}`);
}

export function practitionerRoleOf(accountId: string, grant: RoleGrant): PractitionerRole {
  return {
    resourceType: 'PractitionerRole',
    id: practitionerRoleIdOf(accountId, grant),
    active: true,
    practitioner: practitionerReference(accountId),
    ...(grant.organisation === null
      ? {}
      : { organization: organizationReference(grant.organisation) }),
    code: [{ coding: [{ system: OPS_CODE_SYSTEM.role, code: grant.role }] }],
    extension: [
      {
        url: OPS_EXT.region,
        valueCoding: { system: IDENTIFIER_SYSTEM.iso3166part2, code: grant.region },
      },
    ],
  };
}
