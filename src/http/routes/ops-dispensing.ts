/**
 * The dispensing ledger: a pharmacist finds a patient's dispensable prescriptions (by number or
 * IIN, in the body), hands over all or part of one, or defers it; the ledger of a prescription.
 * Writes take the standard `Idempotency-Key` header (required), which becomes the use case's
 * `idempotencyKey`: a retry with the same key and body answers the first result, same status,
 * with `Idempotent-Replayed: true`; the same key with another body is 422
 * OPS_IDEMPOTENCY_MISMATCH. Exactly once is the storage's (src/storage/ops/dispensing-sql.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { OpsEdge } from '../context.ts';
import { contextOf } from '../ops/auth.ts';
import {
  DeferralAnswer,
  DeferralBody,
  DispensableAnswer,
  DispenseAnswer,
  DispenseBody,
  FindBody,
  IdempotencyHeaders,
  LedgerAnswer,
  RecordIdParam,
  unprocessable,
} from '../ops/clinical-schemas.ts';
import { valueOf, type Locate } from '../ops/outcome.ts';
import { opsRouter } from '../ops/router.ts';
import { body, json, opsProblems, SIGNED_IN } from '../ops/schemas.ts';

const PURPOSE = 'dispensing';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** The use case's `idempotencyKey` came from the header. */
const FROM_HEADER: Locate = { idempotencyKey: ['header', 'idempotency-key'] };

const written = (description: string) => ({
  description: `${description}; a replay answers the same with Idempotent-Replayed: true`,
  headers: z.object({
    [REPLAYED_HEADER]: z
      .enum(['true'])
      .optional()
      .openapi({ description: 'Present on a replay of an earlier request with the same key' }),
  }),
});

/** The write's request as the use case reads it: the body with the header's key. */
const withKey = <B extends object>(parsed: B, key: string) => ({ ...parsed, idempotencyKey: key });

export function opsDispensingRoutes(edge: OpsEdge) {
  const app = opsRouter(edge);
  const { dispensing } = edge.service;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/dispensing/find',
      operationId: 'findDispensable',
      summary:
        "A patient's prescriptions the pharmacy can serve on a day, by number or by IIN (in the body); audited",
      security: SIGNED_IN,
      request: body(FindBody),
      responses: { 200: json(DispensableAnswer, 'What the pharmacy can serve'), ...opsProblems },
    }),
    async (c) => {
      const found = await dispensing.findPrescriptions(
        c.get('signed').actor,
        c.req.valid('json'),
        contextOf(c, PURPOSE),
      );
      return c.json({ prescriptions: valueOf(found) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/dispenses',
      operationId: 'dispense',
      summary: 'Hand over all or part of a prescription, exactly once per Idempotency-Key',
      security: SIGNED_IN,
      request: { headers: IdempotencyHeaders, ...body(DispenseBody) },
      responses: {
        201: { ...written('Dispensed'), ...json(DispenseAnswer, 'Dispensed') },
        ...opsProblems,
        ...unprocessable(
          'The Idempotency-Key was used for another request (OPS_IDEMPOTENCY_MISMATCH)',
        ),
      },
    }),
    async (c) => {
      const key = c.req.valid('header')['idempotency-key'];
      const result = await dispensing.dispense(
        c.get('signed').actor,
        withKey(c.req.valid('json'), key),
        contextOf(c, PURPOSE),
      );
      if (result.ok && result.replayed) c.header(REPLAYED_HEADER, 'true');
      return c.json(valueOf(result, FROM_HEADER), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/deferrals',
      operationId: 'defer',
      summary:
        'Record that the pharmacy cannot serve a prescription now (out of stock): due in working days',
      security: SIGNED_IN,
      request: { headers: IdempotencyHeaders, ...body(DeferralBody) },
      responses: {
        201: { ...written('Deferred'), ...json(DeferralAnswer, 'Deferred') },
        ...opsProblems,
        ...unprocessable(
          'The Idempotency-Key was used for another request (OPS_IDEMPOTENCY_MISMATCH)',
        ),
      },
    }),
    async (c) => {
      const key = c.req.valid('header')['idempotency-key'];
      const result = await dispensing.defer(
        c.get('signed').actor,
        withKey(c.req.valid('json'), key),
        contextOf(c, PURPOSE),
      );
      if (result.ok && result.replayed) c.header(REPLAYED_HEADER, 'true');
      return c.json(valueOf(result, FROM_HEADER), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/prescriptions/{id}/ledger',
      operationId: 'readLedger',
      summary: 'What was dispensed and deferred against a prescription, in order; audited',
      security: SIGNED_IN,
      request: { params: RecordIdParam },
      responses: { 200: json(LedgerAnswer, 'The ledger'), ...opsProblems },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const ledger = await dispensing.ledger(c.get('signed').actor, id, contextOf(c, PURPOSE));
      return c.json(valueOf(ledger, { prescriptionId: ['path', 'id'] }), 200);
    },
  );
  return app;
}
