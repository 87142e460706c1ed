/**
 * The public keys prescriptions are signed with, as the trust file `tegin rx verify --keys`
 * reads (src/app/ops/rx-keys.ts): a pharmacy fetches it once and verifies QR texts offline.
 * Public keys are public: no session. Mounted before the signed-in routers, whose middleware
 * covers every other path under /ops (src/http/ops/routes.ts).
 */
import { createRoute } from '@hono/zod-openapi';
import type { Env, OpsEdge } from '../context.ts';
import { router } from '../context.ts';
import { TrustFileAnswer } from '../ops/clinical-schemas.ts';
import { json, opsProblems } from '../ops/schemas.ts';
import { notFound } from '../problem.ts';

export function opsRxKeyRoutes(edge: OpsEdge) {
  const app = router<Env>('OPS_INPUT');
  app.openapi(
    createRoute({
      method: 'get',
      path: '/ops/rx-keys',
      operationId: 'prescriptionKeys',
      summary: 'The public keys prescriptions are signed with, as a trust file (no session needed)',
      security: [],
      responses: {
        200: json(TrustFileAnswer, 'The trust file'),
        404: opsProblems[404],
      },
    }),
    (c) => {
      const keys = edge.trust ?? [];
      if (keys.length === 0) throw notFound('this instance signs no prescriptions');
      return c.json({ keys: keys.map(({ keyId, publicKey }) => ({ keyId, publicKey })) }, 200);
    },
  );
  return app;
}
