/**
 * OpenAPI schemas of the operations API. Request bodies are bounded here (lengths, counts);
 * what a value must be (an IIN's check digit, a role's organisation) is the use case's to
 * say, with the same problem format (OPS_INPUT naming the field).
 */
import { z } from '@hono/zod-openapi';
import { DateParam, Localized, ProblemSchema } from '../schemas.ts';

/**
 * Free text of a request: at most `max` characters, and no NUL (U+0000), which PostgreSQL's
 * `text` cannot hold — sent on, the driver's error was a 500 (found by
 * test/openapi-fuzz-signed.test.ts). Every other character is the use case's to judge.
 */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'a NUL character (U+0000) is not accepted');

export const RegionQuery = z
  .string()
  .regex(/^KZ-\d{2}$/, 'expected an ISO 3166-2:KZ code such as KZ-27')
  .openapi({ example: 'KZ-27' });

export const Grant = z
  .object({ role: text(64), region: text(16), organisation: text(64).nullable() })
  .openapi('RoleGrant', { example: { role: 'doctor', region: 'KZ-27', organisation: 'KZ-27/P1' } });

export const Login = z
  .object({ username: text(64), password: z.string().min(1).max(1024) })
  .openapi('Login');

export const SessionAnswer = z
  .object({
    account: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
    grants: z.array(Grant),
    csrfToken: z.string().nullable().openapi({
      description:
        'Send as X-CSRF-Token on changes signed in by the cookie; null for a bearer token',
    }),
    expiresAt: z.string(),
  })
  .openapi('Session');

export const OrganisationBody = z
  .object({
    region: text(16),
    code: text(64),
    kind: text(64).openapi({ example: 'polyclinic' }),
    name: z.object({ kk: text(500), ru: text(500), en: text(500) }),
  })
  .openapi('Organisation');

export const OrganisationAnswer = z
  .object({ region: z.string(), code: z.string(), kind: z.string(), name: Localized })
  .openapi('OrganisationAnswer');

export const AccountBody = z
  .object({
    username: text(64).openapi({ example: 'doctor.one' }),
    displayName: text(200),
    grants: z.array(Grant).max(20),
  })
  .openapi('AccountInput');

export const NewAccount = z
  .object({
    id: z.string(),
    username: z.string(),
    password: z.string().openapi({ description: 'Generated; shown this once, never stored' }),
  })
  .openapi('NewAccount');

export const AttachmentBody = z
  .object({ organisation: text(64).openapi({ example: 'KZ-27/P1' }), from: DateParam })
  .openapi('AttachmentInput');

export const PatientBody = z
  .object({
    iin: text(32),
    familyName: text(200),
    givenName: text(200),
    patronymic: text(200).nullable().optional(),
    birthDate: text(32).openapi({ description: 'YYYY-MM-DD' }),
    sex: text(16).openapi({ example: 'female' }),
    citizenship: text(8).openapi({ example: 'KZ' }),
    organisation: text(64).openapi({ description: 'Attached to from `from`', example: 'KZ-27/P1' }),
    from: DateParam,
  })
  .openapi('PatientInput');

export const PatientAnswer = z
  .object({
    id: z.string(),
    iin: z.string(),
    familyName: z.string(),
    givenName: z.string(),
    patronymic: z.string().nullable(),
    birthDate: z.string(),
    sex: z.string(),
    citizenship: z.string(),
    attachments: z.array(
      z.object({ organisation: z.string(), from: z.string(), to: z.string().nullable() }),
    ),
  })
  .openapi('Patient');

export const IinSearch = z
  .object({ iin: text(32).openapi({ example: '750302300017' }) })
  .openapi('PatientSearch');

export const PatientIdParam = z.object({
  id: z
    .uuid({ error: 'expected the patient id (a UUID), never an IIN' })
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const AuditAnswer = z
  .object({
    records: z.array(
      z.object({
        sequence: z.number().int(),
        at: z.string(),
        actorId: z.string().nullable(),
        role: z.string().nullable(),
        organisation: z.string().nullable(),
        action: z.string(),
        patientRef: z.string().nullable(),
        purpose: z.string().nullable(),
        requestId: z.string().nullable(),
        outcome: z.string(),
        detail: z.string().nullable(),
        prevHash: z.string(),
        hash: z.string(),
      }),
    ),
  })
  .openapi('AuditPage');

export const ChainCheckAnswer = z
  .object({ ok: z.boolean() })
  .catchall(z.unknown())
  .openapi('AuditChainCheck', { description: 'ok with the head, or the first broken record' });

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The problems every operations route may answer. */
export const opsProblems = {
  400: problem('Invalid request (OPS_INPUT naming each field)'),
  401: problem('Not signed in (AUTH_REQUIRED, AUTH_SESSION_INVALID)'),
  403: problem('Not permitted (AUTH_REFUSED, audited) or no CSRF token (AUTH_CSRF)'),
  404: problem('Not found (OPS_NOT_FOUND)'),
  409: problem('Conflict (OPS_CONFLICT)'),
} as const;

export const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const body = <T>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

/** Every operations route is signed in: the session cookie or a bearer token. */
export const SIGNED_IN = [{ session: [] }, { bearer: [] }];
