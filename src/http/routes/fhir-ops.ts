/**
 * FHIR R4 for the operations resources under /fhir/R4 (docs/adr/0014): read
 * (`GET /{type}/{id}`) and search (`GET /{type}?…`, `POST /{type}/_search` with a form body)
 * of Patient, Organization, Practitioner, PractitionerRole, Condition, MedicationRequest,
 * MedicationDispense and AuditEvent.
 *
 * Signed in like /api/v1/ops (`requireSession`: the session cookie, with X-CSRF-Token on a
 * POST `_search`, or a bearer token). Every read goes through a use case, which authorises
 * and audits it; this file parses, calls, maps and answers. The IIN is searched only as
 * `identifier` in the body of POST Patient/_search: in a URL it is refused, unread.
 * Every answer is `no-store` (src/http/ops/personal-paths.ts). Errors are OperationOutcome.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { operationOutcomeOf, type OutcomeIssue } from '../../fhir/operation-outcome.ts';
import {
  parseSearch,
  searchOutcomeOf,
  searchsetOf,
  SEARCH_TYPES,
  type SearchType,
} from '../../fhir/ops/index.ts';
import type { OperationOutcome, Resource } from '../../fhir/ops/types.ts';
import type { OpsIssue } from '../../ops/issues.ts';
import { langOfAcceptLanguage } from '../accept-language.ts';
import type { OpsEdge } from '../context.ts';
import type { Caller } from '../fhir-ops/caller.ts';
import { SERVED } from '../fhir-ops/resources.ts';
import { contextOf, requireSession, type OpsEnv } from '../ops/auth.ts';
import { STATUS_OF } from '../ops/outcome.ts';
import { FHIR_BASE_PATH } from '../ops/personal-paths.ts';
import { HttpProblem } from '../problem.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const FORM = 'application/x-www-form-urlencoded';

function answer(
  c: Context,
  resource: Resource,
  status: ContentfulStatusCode = 200,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return c.body(JSON.stringify(resource), status, { ...headers, 'content-type': FHIR_JSON });
}

/** The use case's issues: the first one's status, each issue in the OperationOutcome. */
function refused(c: Context, issues: readonly OpsIssue[]): Response {
  const [first] = issues;
  if (!first) throw new Error('a failed result without issues');
  const outcome = operationOutcomeOf(
    issues.map((i) => ({ code: i.code, path: i.path.map(String).join('.'), message: i.message })),
  );
  return answer(c, outcome, STATUS_OF[first.code].status);
}

const invalid = (c: Context, issues: OutcomeIssue[] | OperationOutcome): Response =>
  answer(c, Array.isArray(issues) ? searchOutcomeOf(issues) : issues, 400);

/** A problem from signing in (401, 403 AUTH_CSRF, 400 purpose) as an OperationOutcome. */
function problemAsOutcome(c: Context, problem: HttpProblem): Response {
  const issues: OutcomeIssue[] = problem.errors?.map((e) => ({
    code: e.code,
    path: e.field,
    message: e.message,
  })) ?? [{ code: problem.code, path: '', message: problem.detail }];
  return answer(c, operationOutcomeOf(issues), problem.status, problem.headers);
}

/** The IIN's search parameter in a URL: refused without reading (or repeating) its value. */
function iinInUrl(type: SearchType, url: URL): OutcomeIssue | null {
  if (type !== 'Patient') return null;
  const name = [...url.searchParams.keys()].find((k) => k.split(':')[0] === 'identifier');
  if (name === undefined) return null;
  return {
    code: 'HTTP_INVALID',
    path: name,
    message:
      'identifier (the IIN) is never accepted in a URL, which reaches logs and histories: send it in the form body of POST Patient/_search',
  };
}

export function fhirOpsRoutes(edge: OpsEdge, options: { publicBaseUrl: () => string }) {
  const app = new Hono<OpsEnv>();
  const auth = requireSession(edge);
  const baseOf = () => `${options.publicBaseUrl()}${FHIR_BASE_PATH}`;

  app.onError((error, c) => {
    if (error instanceof HttpProblem) return problemAsOutcome(c, error);
    throw error;
  });

  const callerOf = (c: Context<OpsEnv>, type: SearchType): Caller => {
    const signed = c.get('signed');
    return {
      ops: edge.service,
      actor: signed.actor,
      ctx: contextOf(c, SERVED[type].purpose),
      token: signed.token,
      lang: langOfAcceptLanguage(c.req.header('accept-language')),
    };
  };

  const search = async (c: Context<OpsEnv>, type: SearchType, input: [string, string][]) => {
    const parsed = parseSearch(type, new URLSearchParams(input));
    if (!parsed.ok) return invalid(c, parsed.outcome);
    const query = parsed.value;
    const served = SERVED[type] as (typeof SERVED)[SearchType];
    const found = await served.search(callerOf(c, type), query.params as never);
    if (!found.ok) return 'invalid' in found ? invalid(c, found.invalid) : refused(c, found.issues);
    const page = found.value.slice(query.offset, query.offset + query.count);
    return answer(c, searchsetOf(query, page, found.value.length, baseOf()));
  };

  for (const type of SEARCH_TYPES) {
    app.use(`/${type}`, auth);
    app.use(`/${type}/*`, auth);

    app.get(`/${type}`, (c) => {
      const url = new URL(c.req.url);
      const iin = iinInUrl(type, url);
      return iin ? invalid(c, [iin]) : search(c, type, [...url.searchParams.entries()]);
    });

    app.post(`/${type}/_search`, async (c) => {
      const url = new URL(c.req.url);
      const iin = iinInUrl(type, url);
      if (iin) return invalid(c, [iin]);
      const contentType = (c.req.header('content-type') ?? '').split(';')[0]?.trim();
      if (contentType !== FORM) {
        return invalid(c, [
          {
            code: 'HTTP_INVALID',
            path: 'body',
            message: `send the search parameters as ${FORM}`,
          },
        ]);
      }
      const body = new URLSearchParams(await c.req.text());
      return search(c, type, [...url.searchParams.entries(), ...body.entries()]);
    });

    app.get(`/${type}/:id`, async (c) => {
      const id = c.req.param('id');
      const { pattern, what } = SERVED[type].id;
      if (!pattern.test(id)) {
        return answer(
          c,
          operationOutcomeOf([
            { code: 'HTTP_INVALID', path: 'id', message: `id: expected ${what}` },
          ]),
          400,
        );
      }
      const read = await SERVED[type].read(callerOf(c, type), id);
      return read.ok ? answer(c, read.value) : refused(c, read.issues);
    });
  }
  return app;
}
