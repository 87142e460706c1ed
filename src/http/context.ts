/** What the HTTP routes need: the services and a clock. Hono variables typed once. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AnalyticsUseCases } from '../app/analytics/analytics.ts';
import type { TrustEntry } from '../app/ops/rx-keys.ts';
import type { MyRecordsUseCases } from '../app/ops/my-records.ts';
import type { PatientAccessUseCases } from '../app/ops/patient-access.ts';
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
  /**
   * The public keys prescriptions are signed with, served at GET /api/v1/ops/rx-keys as a trust
   * file; none: this instance signs no prescriptions.
   */
  trust?: readonly TrustEntry[];
  /**
   * A patient's sign-in and own records ("my medicines", docs/adr/0020-patient-access.md); none:
   * /{lang}/my is not served (no delivery channel for the codes is configured).
   */
  patients?: { access: PatientAccessUseCases; records: MyRecordsUseCases };
  /**
   * The analyses (docs/adr/0018-analytics.md): /api/v1/ops/analytics/* and the staff screens'
   * Analytics section; none: neither is served.
   */
  analytics?: AnalyticsUseCases;
}

export type Env = { Variables: { requestId: string } };

/** Where a validated value came from, as a field names it (`header.idempotency-key`). */
const LOCATION_OF: Partial<Record<string, 'body' | 'path' | 'query' | 'header'>> = {
  json: 'body',
  param: 'path',
  query: 'query',
  header: 'header',
};

/**
 * An OpenAPIHono whose validation failures are problem+json naming each field, with `code`
 * (HTTP_INVALID; OPS_INPUT for the operations routes).
 */
export function router<E extends Env = Env>(code: IssueCode = 'HTTP_INVALID'): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (result.success) return undefined;
      const location = LOCATION_OF[result.target] ?? 'query';
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
