/**
 * Prescriptions: issue (the engine decides from the register: a refusal is 422 OPS_NOT_ENTITLED
 * naming what to record first), read by id or by number (in the body), cancel, list a patient's,
 * and the QR text the patient carries. Each route is one use case (src/app/ops/prescriptions.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { OpsEdge } from '../context.ts';
import { contextOf } from '../ops/auth.ts';
import {
  CancellationBody,
  PrescriptionAnswer,
  PrescriptionBody,
  PrescriptionListQuery,
  PrescriptionNumberBody,
  QrAnswer,
  RecordIdParam,
  unprocessable,
} from '../ops/clinical-schemas.ts';
import { valueOf } from '../ops/outcome.ts';
import { opsRouter } from '../ops/router.ts';
import { body, json, opsProblems, PatientIdParam, SIGNED_IN } from '../ops/schemas.ts';

const PURPOSE = 'treatment';

export function opsPrescriptionRoutes(edge: OpsEdge) {
  const app = opsRouter(edge);
  const { prescriptions } = edge.service;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/prescriptions',
      operationId: 'issuePrescription',
      summary:
        "Issue a signed prescription, if the law on the register's facts entitles it (a doctor of the organisation)",
      security: SIGNED_IN,
      request: body(PrescriptionBody),
      responses: {
        201: json(PrescriptionAnswer, 'Issued, numbered and signed'),
        ...opsProblems,
        ...unprocessable(
          'Not entitled (OPS_NOT_ENTITLED): the detail names what to record first (a registration, a commission decision)',
        ),
      },
    }),
    async (c) => {
      const issued = await prescriptions.issue(
        c.get('signed').actor,
        c.req.valid('json'),
        contextOf(c, PURPOSE),
      );
      return c.json(valueOf(issued), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/prescriptions/lookup',
      operationId: 'findPrescriptionByNumber',
      summary: 'A prescription by its number, sent in the body; the reading is audited',
      security: SIGNED_IN,
      request: body(PrescriptionNumberBody),
      responses: { 200: json(PrescriptionAnswer, 'The prescription'), ...opsProblems },
    }),
    async (c) => {
      const { number } = c.req.valid('json');
      const read = await prescriptions.read(
        c.get('signed').actor,
        { number },
        contextOf(c, PURPOSE),
      );
      return c.json(valueOf(read), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/prescriptions/{id}',
      operationId: 'readPrescription',
      summary: 'A prescription by internal id; the reading is audited',
      security: SIGNED_IN,
      request: { params: RecordIdParam },
      responses: { 200: json(PrescriptionAnswer, 'The prescription'), ...opsProblems },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const read = await prescriptions.read(c.get('signed').actor, { id }, contextOf(c, PURPOSE));
      return c.json(valueOf(read, { id: 'path' }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/prescriptions/{id}/qr',
      operationId: 'prescriptionQr',
      summary:
        "The QR text of a prescription, verifiable offline; its signed payload holds the patient's IIN, so it is read (and audited) like the prescription",
      security: SIGNED_IN,
      request: { params: RecordIdParam },
      responses: { 200: json(QrAnswer, 'The QR text'), ...opsProblems },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const qr = await prescriptions.qr(c.get('signed').actor, id, contextOf(c, PURPOSE));
      return c.json(valueOf(qr, { id: 'path' }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/prescriptions/{id}/cancel',
      operationId: 'cancelPrescription',
      summary:
        'Cancel an active prescription with a reason code (a doctor of the prescribing organisation)',
      security: SIGNED_IN,
      request: { params: RecordIdParam, ...body(CancellationBody) },
      responses: { 200: json(PrescriptionAnswer, 'The cancelled prescription'), ...opsProblems },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const cancelled = await prescriptions.cancel(
        c.get('signed').actor,
        id,
        c.req.valid('json'),
        contextOf(c, PURPOSE),
      );
      return c.json(valueOf(cancelled, { id: 'path' }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/patients/{id}/prescriptions',
      operationId: 'listPrescriptions',
      summary: "A patient's prescriptions by status and issue date (both days included); audited",
      security: SIGNED_IN,
      request: { params: PatientIdParam, query: PrescriptionListQuery },
      responses: {
        200: json(z.object({ prescriptions: z.array(PrescriptionAnswer) }), 'Prescriptions'),
        ...opsProblems,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const listed = await prescriptions.list(
        c.get('signed').actor,
        id,
        c.req.valid('query'),
        contextOf(c, PURPOSE),
      );
      const locate = {
        patientId: ['path', 'id'],
        status: 'query',
        issuedFrom: 'query',
        issuedTo: 'query',
      } as const;
      return c.json({ prescriptions: valueOf(listed, locate) }, 200);
    },
  );
  return app;
}
