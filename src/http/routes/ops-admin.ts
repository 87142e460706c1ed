/** Organisations, staff accounts and the audit trail: each route one use case, signed in. */
import { createRoute, z } from '@hono/zod-openapi';
import type { OpsEdge } from '../context.ts';
import { contextOf } from '../ops/auth.ts';
import { valueOf } from '../ops/outcome.ts';
import { opsRouter } from '../ops/router.ts';
import {
  AccountBody,
  AuditAnswer,
  body,
  ChainCheckAnswer,
  json,
  NewAccount,
  OrganisationAnswer,
  OrganisationBody,
  opsProblems,
  RegionQuery,
  SIGNED_IN,
} from '../ops/schemas.ts';

const Count = (example: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'expected a whole number')
    .openapi({ example });

export function opsAdminRoutes(edge: OpsEdge) {
  const app = opsRouter(edge);
  const ops = edge.service;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/organisations',
      operationId: 'listOrganisations',
      summary: "A region's organisations (polyclinics, hospitals with a commission, pharmacies)",
      security: SIGNED_IN,
      request: { query: z.object({ region: RegionQuery }) },
      responses: {
        200: json(z.object({ organisations: z.array(OrganisationAnswer) }), 'Organisations'),
        ...opsProblems,
      },
    }),
    async (c) => {
      const { region } = c.req.valid('query');
      const list = await ops.listOrganisations(
        c.get('signed').actor,
        region,
        contextOf(c, 'administration'),
      );
      return c.json({ organisations: valueOf(list, { region: 'query' }) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/organisations',
      operationId: 'createOrganisation',
      summary: 'Register an organisation in a region (a region administrator)',
      security: SIGNED_IN,
      request: body(OrganisationBody),
      responses: { 201: json(OrganisationAnswer, 'Registered'), ...opsProblems },
    }),
    async (c) => {
      const created = await ops.createOrganisation(
        c.get('signed').actor,
        c.req.valid('json'),
        contextOf(c, 'administration'),
      );
      return c.json(valueOf(created), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/accounts',
      operationId: 'createAccount',
      summary: 'Create a staff account with its roles; the generated password is answered once',
      security: SIGNED_IN,
      request: body(AccountBody),
      responses: { 201: json(NewAccount, 'Created'), ...opsProblems },
    }),
    async (c) => {
      const created = await ops.accounts.createAccount(
        c.get('signed').actor,
        c.req.valid('json'),
        contextOf(c, 'administration'),
      );
      return c.json(valueOf(created), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/audit',
      operationId: 'readAudit',
      summary: "A page of the audit records of a region's organisations (its auditor)",
      security: SIGNED_IN,
      request: {
        query: z.object({
          region: RegionQuery,
          after: Count('0').optional(),
          limit: Count('100').optional(),
        }),
      },
      responses: { 200: json(AuditAnswer, 'Records after `after`, in order'), ...opsProblems },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = { after: Number(q.after ?? 0), limit: Number(q.limit ?? 100) };
      const read = await ops.readAudit(
        c.get('signed').actor,
        q.region,
        page,
        contextOf(c, 'audit'),
      );
      return c.json({ records: valueOf(read, { after: 'query', limit: 'query' }) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/ops/audit/verify',
      operationId: 'verifyAudit',
      summary: 'Verify the hash chain of the whole audit trail (audited itself)',
      security: SIGNED_IN,
      request: body(z.object({ region: RegionQuery })),
      responses: { 200: json(ChainCheckAnswer, 'The check'), ...opsProblems },
    }),
    async (c) => {
      const { region } = c.req.valid('json');
      const check = await ops.verifyAudit(c.get('signed').actor, region, contextOf(c, 'audit'));
      return c.json(valueOf(check), 200);
    },
  );
  return app;
}
