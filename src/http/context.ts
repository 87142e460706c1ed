/** What the HTTP routes need: the services and a clock. Hono variables typed once. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { OpsService } from '../app/ops/service.ts';
import type { Services } from '../app/services.ts';
import type { IsoDate } from '../domain/date.ts';
import type { IssueCode } from '../domain/issues.ts';
import type { Region } from '../domain/region.ts';
import type { SessionSettings } from './ops/session.ts';
import { field, invalid, notFound } from './problem.ts';

export interface HttpDeps {
  services: Services;
  /** Today in Kazakhstan, for requests that give no date. */
  today: () => IsoDate;
  /**
   * The operations use cases and how sessions travel; without them the routes of sessions
   * and /api/v1/ops are not served (src/http/ops/routes.ts).
   */
  ops?: OpsEdge;
}

export interface OpsEdge {
  service: OpsService;
  session: SessionSettings;
}

export type Env = { Variables: { requestId: string } };

/**
 * An OpenAPIHono whose validation failures are problem+json naming each field, with `code`
 * (HTTP_INVALID; OPS_INPUT for the operations routes).
 */
export function router<E extends Env = Env>(code: IssueCode = 'HTTP_INVALID'): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (result.success) return undefined;
      const location =
        result.target === 'json' ? 'body' : result.target === 'param' ? 'path' : 'query';
      const errors = result.error.issues.map((i) => ({
        code,
        field: field(location, i.path),
        message: i.message,
      }));
      return invalid(errors, code).toResponse(c);
    },
  });
}

/** The region named by a path or query value, or a 404 problem. */
export function findRegion(deps: HttpDeps, key: string, where = 'path.region'): Region {
  const region = deps.services.registry.region(key);
  if (!region) throw notFound(`${where}: "${key}" is not a region code or slug`);
  return region;
}
