/**
 * The registry versions held in the database, and which one this server answers from. The one
 * API route that reads the database on each request (everything else is served from the
 * registry in memory), so it answers 503 STORE_UNAVAILABLE while the database is away.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { withinDeadline } from '../../storage/deadline.ts';
import { router, type HttpDeps } from '../context.ts';
import { ProblemSchema, problemResponses } from '../schemas.ts';

const Version = z
  .object({
    id: z.number().int(),
    contentHash: z.string(),
    loadedAt: z.string(),
    fileCount: z.number().int(),
    note: z.string().nullable(),
  })
  .openapi('RegistryVersion');

export const unavailableResponse = {
  503: {
    description: 'The database does not answer; retry after the seconds in Retry-After',
    headers: z.object({ 'Retry-After': z.string().openapi({ example: '5' }) }),
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const;

export function versionRoutes(deps: HttpDeps, deadlineMs: number) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/registry/versions',
      operationId: 'listRegistryVersions',
      summary: 'Every registry version loaded into the database, oldest first',
      description:
        'Read from the database on each request. `served` is the version this server answers from; a version loaded by another process is picked up within the poll interval.',
      responses: {
        200: {
          description: 'Registry versions',
          content: {
            'application/json': {
              schema: z.object({ served: z.number().int(), versions: z.array(Version) }),
            },
          },
        },
        400: problemResponses[400],
        ...unavailableResponse,
      },
    }),
    async (c) => {
      const versions = await withinDeadline(deps.services.storage.versions(), deadlineMs);
      return c.json({ served: deps.services.version.id, versions }, 200);
    },
  );
  return app;
}
