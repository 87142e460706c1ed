/**
 * The operations model: organisations, patients with their attachment
 * history, staff accounts and their role grants. Pure: zod schemas and types.
 */
import { z } from 'zod';
import { IsoDate } from '../domain/date.ts';
import { decodeIin } from '../domain/iin.ts';
import { RegionCode } from '../domain/region.ts';
import { LocalizedText } from '../domain/text.ts';

export const ORGANISATION_KINDS = ['polyclinic', 'hospital_with_commission', 'pharmacy'] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** An organisation's code within its region (e.g. a licence or KATO-based code). */
export const OrganisationCode = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, 'expected 1–32 upper-case letters, digits or hyphens');

export const Organisation = z.strictObject({
  region: RegionCode,
  code: OrganisationCode,
  kind: OrganisationKind,
  name: LocalizedText,
});
export type Organisation = z.infer<typeof Organisation>;

/** An organisation's identity across regions: `KZ-27/POLY-1`. */
export const organisationId = (o: Pick<Organisation, 'region' | 'code'>): string =>
  `${o.region}/${o.code}`;

export const ROLES = [
  'region_admin',
  'doctor',
  'commission_member',
  'pharmacist',
  'auditor',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles held in one organisation (a doctor's polyclinic, a pharmacist's pharmacy); the others hold a region. */
export const ORGANISATION_ROLES: readonly Role[] = ['doctor', 'commission_member', 'pharmacist'];

/** A role held in a region, and in one organisation of it (null: the region as a whole). */
export const RoleGrant = z
  .strictObject({
    role: Role,
    region: RegionCode,
    organisation: z.string().min(1).nullable(),
  })
  .superRefine((grant, ctx) => {
    const needsOrganisation = ORGANISATION_ROLES.includes(grant.role);
    if (needsOrganisation && grant.organisation === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['organisation'],
        message: `a ${grant.role} works in an organisation: name it`,
      });
    } else if (!needsOrganisation && grant.organisation !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['organisation'],
        message: `a ${grant.role} holds the whole region: no organisation`,
      });
    } else if (grant.organisation !== null && !grant.organisation.startsWith(`${grant.region}/`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['organisation'],
        message: `the organisation must be in ${grant.region} (${grant.region}/CODE)`,
      });
    }
  });
export type RoleGrant = z.infer<typeof RoleGrant>;

export const Username = z
  .string()
  .regex(/^[a-z][a-z0-9._-]{2,63}$/, 'expected 3–64 lower-case letters, digits, ".", "_" or "-"');

export const StaffAccountInput = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(200),
  grants: z.array(RoleGrant).min(1, 'an account needs at least one role'),
});
export type StaffAccountInput = z.infer<typeof StaffAccountInput>;

export const Iin = z.string().transform((value, ctx) => {
  const decoded = decodeIin(value);
  if (!decoded.ok) {
    ctx.addIssue({ code: 'custom', message: decoded.reason });
    return z.NEVER;
  }
  return decoded.value.iin;
});

const Name = z.string().trim().min(1).max(100);

export const PatientInput = z.strictObject({
  iin: Iin,
  familyName: Name,
  givenName: Name,
  patronymic: Name.nullable().default(null),
  birthDate: IsoDate,
  sex: z.enum(['male', 'female']),
  /** ISO 3166-1 alpha-2 (KZ for citizens); `XX` stateless. */
  citizenship: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as KZ'),
});
export type PatientInput = z.infer<typeof PatientInput>;

/** One period of attachment to a primary-care organisation: [from, to), `to` null while open. */
export interface Attachment {
  organisation: string;
  from: IsoDate;
  to: IsoDate | null;
}

export interface Patient extends PatientInput {
  /** Internal id: what the audit trail and every reference use, never the IIN. */
  id: string;
  attachments: Attachment[];
}
