/**
 * Patients: registration, reading by internal id, attachment changes and search by IIN. The
 * IIN travels in request bodies only, never in a URL (URLs reach logs, histories, referrers).
 */
import { createRoute } from '@hono/zod-openapi';
import type { IsoDate } from '../../domain/date.ts';
import type { OpsEdge } from '../context.ts';
import { contextOf } from '../ops/auth.ts';
import { valueOf } from '../ops/outcome.ts';
import { opsRouter } from '../ops/router.ts';
import {
  AttachmentBody,
  body,
  IinSearch,
  json,
  opsProblems,
  PatientAnswer,
  PatientBody,
  PatientIdParam,
  SIGNED_IN,
} from '../ops/schemas.ts';

const PURPOSE = 'treatment';

export function opsPatientRoutes(edge: OpsEdge) {
  const app = opsRouter(edge);
  const { patients } = edge.service;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/patients',
      operationId: 'createPatient',
      summary: 'Register a patient attached to an organisation (a doctor of it)',
      security: SIGNED_IN,
      request: body(PatientBody),
      responses: { 201: json(PatientAnswer, 'Registered'), ...opsProblems },
    }),
    async (c) => {
      const { organisation, from, ...patient } = c.req.valid('json');
      const created = await patients.createPatient(
        c.get('signed').actor,
        patient,
        { organisation, from: from as IsoDate },
        contextOf(c, PURPOSE),
      );
      return c.json(valueOf(created), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/patients/search',
      operationId: 'findPatientByIin',
      summary: 'Find a patient by IIN, sent in the body (never in the URL); the reading is audited',
      security: SIGNED_IN,
      request: body(IinSearch),
      responses: { 200: json(PatientAnswer, 'The patient'), ...opsProblems },
    }),
    async (c) => {
      const found = await patients.findPatientByIin(
        c.get('signed').actor,
        c.req.valid('json'),
        contextOf(c, PURPOSE),
      );
      return c.json(valueOf(found), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/patients/{id}',
      operationId: 'readPatient',
      summary: 'A patient by internal id (a UUID); the reading is audited',
      security: SIGNED_IN,
      request: { params: PatientIdParam },
      responses: { 200: json(PatientAnswer, 'The patient'), ...opsProblems },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const read = await patients.readPatient(c.get('signed').actor, id, contextOf(c, PURPOSE));
      return c.json(valueOf(read, { id: 'path' }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/patients/{id}/attachments',
      operationId: 'attachPatient',
      summary: "Move a patient's attachment (a doctor of the receiving organisation)",
      security: SIGNED_IN,
      request: { params: PatientIdParam, ...body(AttachmentBody) },
      responses: { 200: json(PatientAnswer, 'The patient with the new period'), ...opsProblems },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { organisation, from } = c.req.valid('json');
      const moved = await patients.attachPatient(
        c.get('signed').actor,
        id,
        { organisation, from: from as IsoDate },
        contextOf(c, PURPOSE),
      );
      return c.json(valueOf(moved, { id: 'path' }), 200);
    },
  );
  return app;
}
