/**
 * OpenAPI schemas of the clinical operations: the dispensary register, commission decisions,
 * prescriptions and the dispensing ledger. As in ./schemas.ts, request bodies are bounded here;
 * what a value must be (an ICD-10 code, a date order, an INN the list names) is the use case's
 * to say (src/ops/clinical.ts), in the same problem format. The answers are the use cases'
 * values as they are; an IIN is never in one, except inside the QR text of a prescription.
 */
import { z } from '@hono/zod-openapi';
import {
  DEREGISTRATION_REASONS,
  PRESCRIPTION_CANCEL_REASONS,
  PRESCRIPTION_STATUSES,
} from '../../ops/clinical.ts';
import { DateParam, ProblemSchema } from '../schemas.ts';
import { text } from './schemas.ts';

const Id = text(64).openapi({ description: 'An internal id (a UUID)' });
const Org = text(64).openapi({ example: 'KZ-27/P1', description: 'An organisation, KZ-NN/CODE' });
const Icd10 = text(16).openapi({ example: 'G80.1' });
const Count = z.number().int().min(1).max(10_000);
const Day = z.string().openapi({ description: 'YYYY-MM-DD' });
/** The idempotency key's shape, as the use cases check it (src/ops/clinical.ts). */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** A record's internal id in the path: a UUID, never an IIN or a number. */
export const RecordIdParam = z.object({
  id: z
    .uuid({ error: 'expected the internal id (a UUID)' })
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): one per attempt at a write. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY, 'expected 8–128 letters, digits, _ or -, chosen per attempt')
    .openapi({
      param: { name: 'idempotency-key', in: 'header' },
      example: '7c0f3b5e-0d2a-4c55-9b36-5a1f0f3c2b10',
      description:
        'Chosen by the client per attempt: a retry with the same key and body answers the first result with Idempotent-Replayed: true; the same key with another body is 422',
    }),
});

/** 422: understood, but the law does not allow it, or an idempotency key reused. */
export const unprocessable = (description: string) => ({
  422: {
    description,
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
});

// ── Dispensary register and commission decisions ───────────────────────────

export const RegistrationBody = z
  .object({
    patientId: Id,
    icd10: Icd10,
    organisation: Org.openapi({ description: 'The organisation that keeps the registration' }),
    from: DateParam,
    basis: text(200).openapi({ example: 'neurologist conclusion No 512 of 01.10.2026' }),
    confirmed: z.boolean().optional().openapi({
      description: "The specialist's conclusion confirms the diagnosis (default false)",
    }),
  })
  .openapi('RegistrationInput');

export const DeregistrationBody = z
  .object({
    to: DateParam.openapi({ description: 'Last day on the register' }),
    reason: z.enum(DEREGISTRATION_REASONS),
    note: text(500).nullable().optional(),
  })
  .openapi('DeregistrationInput');

export const RegistrationAnswer = z
  .object({
    id: z.string(),
    patientId: z.string(),
    icd10: z.string(),
    organisation: z.string(),
    specialist: z.string(),
    from: Day,
    to: Day.nullable(),
    basis: z.string(),
    confirmed: z.boolean(),
    deregistration: z
      .object({
        reason: z.enum(DEREGISTRATION_REASONS),
        note: z.string().nullable(),
        by: z.string(),
      })
      .nullable(),
  })
  .openapi('Registration');

export const DecisionBody = z
  .object({
    patientId: Id,
    organisation: Org.openapi({ description: 'The organisation whose commission decided' }),
    protocolNumber: text(50),
    protocolDate: DateParam,
    icd10: Icd10,
    inns: z
      .array(text(200))
      .max(50)
      .openapi({ example: ['botulinum toxin type A'] }),
    validFrom: DateParam,
    validTo: DateParam.nullable().openapi({ description: 'null: until revoked' }),
    revokes: Id.nullable()
      .optional()
      .openapi({ description: 'The decision this one revokes (a revocation approves nothing)' }),
  })
  .openapi('CommissionDecisionInput');

export const DecisionAnswer = z
  .object({
    id: z.string(),
    patientId: z.string(),
    organisation: z.string(),
    protocolNumber: z.string(),
    protocolDate: Day,
    icd10: z.string(),
    inns: z.array(z.string()),
    validFrom: Day,
    validTo: Day.nullable(),
    revokes: z.string().nullable(),
    recordedBy: z.string(),
    revokedBy: z.string().nullable(),
  })
  .openapi('CommissionDecision');

// ── Prescriptions ────────────────────────────────────────────────────────────

export const PrescriptionBody = z
  .object({
    patientId: Id,
    organisation: Org.openapi({ description: "The prescriber's organisation" }),
    icd10: Icd10,
    product: z.object({
      inn: text(200).nullable().openapi({ example: 'Botulinum toxin type A' }),
      name: text(200).nullable().optional(),
      form: text(200).nullable().optional(),
    }),
    quantity: Count.openapi({ description: 'In dispensing units' }),
    unit: text(32).openapi({ example: 'vial' }),
    dosing: text(500),
    daysOfSupply: z.number().int().min(1).max(366),
    continuous: z.boolean().optional(),
    issuedOn: DateParam,
  })
  .openapi('PrescriptionInput');

export const PrescriptionAnswer = z
  .object({
    id: z.string(),
    number: z.string().openapi({ example: 'KZ-27-2026-000001' }),
    patientId: z.string(),
    region: z.string(),
    organisation: z.string(),
    icd10: z.string(),
    product: z.object({
      inn: z.string().nullable(),
      name: z.string().nullable(),
      form: z.string().nullable(),
      atc: z.string().nullable(),
    }),
    quantity: z.number().int(),
    unit: z.string(),
    dosing: z.string(),
    daysOfSupply: z.number().int(),
    continuous: z.boolean(),
    issuedOn: Day,
    validFrom: Day,
    validTo: Day,
    prescriber: z.string(),
    basis: z.record(z.string(), z.unknown()).openapi({
      description: 'The legal basis frozen at issue: item, citation, registry version',
    }),
    status: z.enum(PRESCRIPTION_STATUSES),
    cancellation: z.object({ at: z.string(), by: z.string(), reason: z.string() }).nullable(),
    signature: z.object({ algorithm: z.string(), keyId: z.string(), value: z.string() }),
    dispensed: z.number().int(),
  })
  .openapi('Prescription');

export const PrescriptionNumberBody = z
  .object({ number: text(64).openapi({ example: 'KZ-27-2026-000001' }) })
  .openapi('PrescriptionLookup');

export const CancellationBody = z
  .object({ reason: z.enum(PRESCRIPTION_CANCEL_REASONS) })
  .openapi('PrescriptionCancellation');

export const PrescriptionListQuery = z.object({
  status: z.enum(PRESCRIPTION_STATUSES).optional(),
  issuedFrom: DateParam.optional(),
  issuedTo: DateParam.optional(),
});

export const QrAnswer = z
  .object({
    text: z.string().openapi({
      description:
        'TGRX1.<payload>.<keyId>.<signature>: the signed payload holds the IIN; encode it in a QR code in byte mode',
    }),
  })
  .openapi('PrescriptionQr');

// ── Dispensing ───────────────────────────────────────────────────────────────

export const FindBody = z
  .object({
    pharmacy: Org.openapi({ description: "The pharmacy asking (the pharmacist's own)" }),
    on: DateParam,
    number: text(64).optional(),
    iin: text(32).optional().openapi({ description: 'Only ever in the body' }),
  })
  .openapi('FindPrescriptions');

export const DispenseBody = z
  .object({
    prescriptionId: Id,
    pharmacy: Org,
    quantity: Count,
    lot: text(64),
    expiry: DateParam,
    dispensedOn: DateParam,
  })
  .openapi('DispenseInput');

export const DeferralBody = z
  .object({
    prescriptionId: Id,
    pharmacy: Org,
    recordedOn: DateParam,
    urgent: z.boolean().optional(),
  })
  .openapi('DeferralInput');

const Loose = z.record(z.string(), z.unknown());

export const DispenseAnswer = z
  .object({
    id: z.string(),
    prescriptionId: z.string(),
    pharmacy: z.string(),
    quantity: z.number().int(),
    lot: z.string(),
    expiry: Day,
    dispensedOn: Day,
    pharmacist: z.string(),
    at: z.string(),
    basis: Loose,
    remaining: z.number().int(),
    registryVersion: z.string(),
    policy: Loose.nullable(),
    servedDeferral: z.string().nullable(),
  })
  .openapi('Dispense');

export const DeferralAnswer = z
  .object({
    id: z.string(),
    prescriptionId: z.string(),
    pharmacy: z.string(),
    recordedOn: Day,
    urgent: z.boolean(),
    pharmacist: z.string(),
    dueOn: Day,
    status: z.enum(['open', 'served', 'cancelled']),
    dueRule: Loose,
    servedBy: z.string().nullable(),
  })
  .openapi('Deferral');

export const DispensableAnswer = z
  .object({
    prescriptions: z.array(
      z.object({
        prescription: PrescriptionAnswer,
        remaining: z.number().int(),
        openDeferral: DeferralAnswer.nullable(),
      }),
    ),
  })
  .openapi('DispensablePrescriptions');

export const LedgerAnswer = z
  .object({
    prescriptionId: z.string(),
    quantity: z.number().int(),
    dispensed: z.number().int(),
    dispenses: z.array(DispenseAnswer),
    deferrals: z.array(DeferralAnswer),
  })
  .openapi('Ledger');

export const TrustFileAnswer = z
  .object({
    keys: z.array(
      z.object({
        keyId: z.string().openapi({ description: '16 hex digits of SHA-256 of the raw key' }),
        publicKey: z.string().openapi({ description: 'base64 of the raw 32-byte Ed25519 key' }),
      }),
    ),
  })
  .openapi('RxTrustFile', {
    description:
      'The trust file `tegin rx verify --keys` reads: the keys prescriptions are signed with',
  });
