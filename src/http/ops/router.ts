/**
 * The router of the operations API. Every route added to one is signed in (the middleware runs
 * before validation, so a request without a session is 401, whatever it sends) and validation
 * failures are OPS_INPUT naming the field. Adding a route for a use case:
 *
 *   app.openapi(createRoute({ method, path: '/ops/…', operationId, summary,
 *     security: SIGNED_IN, request: body(Schema), responses: { 201: json(Answer, '…'), ...opsProblems } }),
 *     async (c) => c.json(valueOf(await useCase(c.get('signed').actor, c.req.valid('json'),
 *       contextOf(c, 'purpose'))), 201));
 *
 * and mounting its router in src/http/ops/routes.ts. Access is the use case's to decide.
 */
import type { OpsEdge } from '../context.ts';
import { router } from '../context.ts';
import { requireSession, type OpsEnv } from './auth.ts';

export function opsRouter(edge: OpsEdge) {
  const app = router<OpsEnv>('OPS_INPUT');
  app.use('/ops/*', requireSession(edge));
  return app;
}
