/**
 * The operations API under /api/v1: sessions and /ops. Every answer is personal: `no-store`,
 * and the public cache never sees these paths (src/http/cache/routes.ts); so are the FHIR
 * operations types (src/http/routes/fhir-ops.ts), by the same list (./personal-paths.ts).
 */
import type { MiddlewareHandler } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env, OpsEdge } from '../context.ts';
import { opsAdminRoutes } from '../routes/ops-admin.ts';
import { opsPatientRoutes } from '../routes/ops-patients.ts';
import { sessionRoutes } from '../routes/session.ts';
import { isPersonalPath } from './personal-paths.ts';
import { cookieNameOf } from './session.ts';

/**
 * `no-store` on every answer of the personal paths, problems included (a refused body size
 * too): registered before every other middleware that may answer.
 */
export const noStoreOnPersonal: MiddlewareHandler = async (c, next) => {
  await next();
  if (isPersonalPath(c.req.path)) c.res.headers.set('Cache-Control', 'no-store');
};

export function mountOps(app: OpenAPIHono<Env>, edge: OpsEdge): void {
  app.route('/api/v1', sessionRoutes(edge));
  app.route('/api/v1', opsAdminRoutes(edge));
  app.route('/api/v1', opsPatientRoutes(edge));
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: cookieNameOf(edge.session),
    description: 'Set by POST /api/v1/session; changes also need X-CSRF-Token',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token from `tegin users token <username>` (system accounts)',
  });
}
