/** What the HTTP routes need: the services and a clock. Hono variables typed once. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../app/services.ts';
import type { IsoDate } from '../domain/date.ts';
import type { Region } from '../domain/region.ts';
import { field, invalid, notFound } from './problem.ts';

export interface HttpDeps {
  services: Services;
  /** Today in Kazakhstan, for requests that give no date. */
  today: () => IsoDate;
}

export type Env = { Variables: { requestId: string } };

/** An OpenAPIHono whose validation failures are problem+json naming each field. */
export function router(): OpenAPIHono<Env> {
  return new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (result.success) return undefined;
      const location =
        result.target === 'json' ? 'body' : result.target === 'param' ? 'path' : 'query';
      const errors = result.error.issues.map((i) => ({
        code: 'HTTP_INVALID' as const,
        field: field(location, i.path),
        message: i.message,
      }));
      return invalid(errors).toResponse(c);
    },
  });
}

/** The region named by a path or query value, or a 404 problem. */
export function findRegion(deps: HttpDeps, key: string, where = 'path.region'): Region {
  const region = deps.services.registry.region(key);
  if (!region) throw notFound(`${where}: "${key}" is not a region code or slug`);
  return region;
}
