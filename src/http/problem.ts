/**
 * Errors as RFC 9457 problem details (`application/problem+json`), mapped
 * once, here. Each carries the tegin issue code, the request id, and for
 * validation failures the list of fields with their reasons.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { IssueCode, PathSegment } from '../domain/issues.ts';

export interface FieldError {
  code: IssueCode;
  /** Where: `query.date`, `path.region`, `body.diagnoses.0.code`, `header.x-purpose-of-use`. */
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: IssueCode;
  requestId: string;
  errors?: FieldError[];
}

const TYPE_BASE = 'https://tegin.kz/problems/';

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: IssueCode,
  title: string,
  detail: string,
  errors?: FieldError[],
): Response {
  const body: Problem = {
    type: `${TYPE_BASE}${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail,
    instance: c.req.path,
    code,
    requestId: String(c.get('requestId') ?? ''),
    ...(errors ? { errors } : {}),
  };
  return c.body(JSON.stringify(body), status, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

export function field(
  location: 'path' | 'query' | 'body' | 'header',
  path: readonly PathSegment[] | readonly PropertyKey[],
): string {
  return [location, ...path.map(String)].join('.');
}

/** An expected failure inside a route: thrown, and mapped to problem+json by the app's error handler. */
export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: IssueCode,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    /** Sent with the problem: `Retry-After`, `WWW-Authenticate`. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(detail);
  }

  toResponse(c: Context): Response {
    const response = problem(c, this.status, this.code, this.title, this.detail, this.errors);
    for (const [name, value] of Object.entries(this.headers ?? {})) {
      response.headers.set(name, value);
    }
    return response;
  }
}

/** A 400 listing each field and its reason; `code` is HTTP_INVALID, or OPS_INPUT under /ops. */
export function invalid(errors: FieldError[], code: IssueCode = 'HTTP_INVALID'): HttpProblem {
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new HttpProblem(400, code, 'Invalid request', detail, errors);
}

export function notFound(what: string): HttpProblem {
  return new HttpProblem(404, 'HTTP_NOT_FOUND', 'Not found', what);
}
