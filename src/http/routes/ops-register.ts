/**
 * The dispensary register and commission decisions: register a patient for a disease, close a
 * registration, record a decision (a revocation is a new decision naming the one it revokes),
 * and read a patient's register by internal id. Each route is one use case (src/app/ops/register.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { OpsEdge } from '../context.ts';
import { contextOf } from '../ops/auth.ts';
import {
  DecisionAnswer,
  DecisionBody,
  DeregistrationBody,
  RecordIdParam,
  RegistrationAnswer,
  RegistrationBody,
} from '../ops/clinical-schemas.ts';
import { valueOf } from '../ops/outcome.ts';
import { opsRouter } from '../ops/router.ts';
import { body, json, opsProblems, PatientIdParam, SIGNED_IN } from '../ops/schemas.ts';

const PURPOSE = 'treatment';

export function opsRegisterRoutes(edge: OpsEdge) {
  const app = opsRouter(edge);
  const { register } = edge.service;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/registrations',
      operationId: 'registerPatient',
      summary:
        'Put a patient on the dispensary register for a disease (a specialist of the organisation)',
      security: SIGNED_IN,
      request: body(RegistrationBody),
      responses: { 201: json(RegistrationAnswer, 'Registered'), ...opsProblems },
    }),
    async (c) => {
      const created = await register.register(
        c.get('signed').actor,
        c.req.valid('json'),
        contextOf(c, PURPOSE),
      );
      return c.json(valueOf(created), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/registrations/{id}/close',
      operationId: 'closeRegistration',
      summary: 'Close a registration with its last day and a reason (the keeping organisation)',
      security: SIGNED_IN,
      request: { params: RecordIdParam, ...body(DeregistrationBody) },
      responses: { 200: json(RegistrationAnswer, 'The closed registration'), ...opsProblems },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const closed = await register.close(
        c.get('signed').actor,
        id,
        c.req.valid('json'),
        contextOf(c, PURPOSE),
      );
      return c.json(valueOf(closed, { id: 'path' }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/patients/{id}/registrations',
      operationId: 'listRegistrations',
      summary: "A patient's registrations, closed ones included; the reading is audited",
      security: SIGNED_IN,
      request: { params: PatientIdParam },
      responses: {
        200: json(z.object({ registrations: z.array(RegistrationAnswer) }), 'Registrations'),
        ...opsProblems,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const read = await register.registrations(c.get('signed').actor, id, contextOf(c, PURPOSE));
      return c.json({ registrations: valueOf(read, { patientId: ['path', 'id'] }) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/commission-decisions',
      operationId: 'recordCommissionDecision',
      summary:
        'Record a commission decision; with `revokes`, a revocation of an earlier one (a commission member)',
      security: SIGNED_IN,
      request: body(DecisionBody),
      responses: { 201: json(DecisionAnswer, 'Recorded'), ...opsProblems },
    }),
    async (c) => {
      const recorded = await register.decide(
        c.get('signed').actor,
        c.req.valid('json'),
        contextOf(c, PURPOSE),
      );
      return c.json(valueOf(recorded), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/patients/{id}/commission-decisions',
      operationId: 'listCommissionDecisions',
      summary: "A patient's commission decisions, revocations included, oldest first; audited",
      security: SIGNED_IN,
      request: { params: PatientIdParam },
      responses: {
        200: json(z.object({ decisions: z.array(DecisionAnswer) }), 'Decisions'),
        ...opsProblems,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const read = await register.decisions(c.get('signed').actor, id, contextOf(c, PURPOSE));
      return c.json({ decisions: valueOf(read, { patientId: ['path', 'id'] }) }, 200);
    },
  );
  return app;
}
