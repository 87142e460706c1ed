/**
 * The HTTP API: /api/v1 (JSON), /api/openapi.json (OpenAPI 3.1), /api/docs
 * (browsable reference), /health and /ready (which asks the database). Request ids, structured logs,
 * body limits, and every error as problem+json.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import type { IssueCode } from '../domain/issues.ts';
import { operationOutcomeOf } from '../fhir/index.ts';
import { router, type HttpDeps } from './context.ts';
import { DRAFT_BODY_LIMIT, DRAFT_PATH_EXAMPLE, isDraftPath } from './ops/draft-paths.ts';
import { mountOps, noStoreOnPersonal } from './ops/routes.ts';
import { HttpProblem, problem } from './problem.ts';
import { API_VERSION } from './api-version.ts';
import { compressAnswers } from './cache/compress-answer.ts';
import { publicCache } from './cache/public-cache.ts';
import { requestLog } from './request-log.ts';
import { fhirRoutes } from './routes/fhir.ts';
import { fhirOpsRoutes } from './routes/fhir-ops.ts';
import { FHIR_BASE_PATH } from './ops/personal-paths.ts';
import { questionRoutes } from './routes/questions.ts';
import { matrixRoutes } from './routes/matrix.ts';
import { registryRoutes } from './routes/registry.ts';
import { versionRoutes } from './routes/versions.ts';
import { securityHeaders } from './security-headers.ts';
import { webRoutes } from '../web/routes.tsx';
import { staffWebRoutes } from '../web/staff/routes.tsx';
import { staffEdgeOf } from './ops/staff-edge.ts';
import { patientWebRoutes } from '../web/patient/routes.tsx';
import { patientEdgeOf } from './ops/patient-edge.ts';
import { withinDeadline } from '../storage/deadline.ts';
import { StorageError } from '../storage/errors.ts';

export interface AppOptions {
  logger: Logger;
  bodyLimit: number;
  /** Flipped to false when the server starts shutting down. */
  isReady?: () => boolean;
  /**
   * What /ready asks the database (default: its current registry version); the server also
   * picks up a newly loaded version here. A failure or no answer within `databaseDeadlineMs`
   * makes /ready (and every route that reads the database) 503 STORE_UNAVAILABLE.
   */
  checkDatabase?: () => Promise<unknown>;
  /** Latency budget of a database answer inside a request (default 1500 ms). */
  databaseDeadlineMs?: number;
  /** Byte budget of the public answers' cache (./cache/public-cache.ts); 64 MiB by default. */
  cacheBytes?: number;
  /**
   * The address clients reach the service at (PUBLIC_BASE_URL), for absolute links; a function
   * because the port is known once listening. Default `http://localhost`. Never the Host header.
   */
  publicBaseUrl?: () => string;
  /** Send Strict-Transport-Security (TEGIN_HSTS; only behind TLS). Default false. */
  hsts?: boolean;
}

/** Seconds a client is asked to wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

export function createApp(deps: HttpDeps, options: AppOptions) {
  const app = router();
  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(requestLog(options.logger));
  app.use(securityHeaders({ hsts: options.hsts ?? false }));
  app.use(noStoreOnPersonal);
  // Body limit: from Content-Length when the client sends one, without touching the
  // request stream (so the node adapter's fast body path stays in use); otherwise
  // (chunked bodies) by counting the bytes as they are read.
  const tooLarge = (c: Context) => {
    const detail = `the limit is ${options.bodyLimit} bytes`;
    return isFhir(c)
      ? fhirOutcome(c, 413, 'HTTP_BODY_TOO_LARGE', detail)
      : problem(c, 413, 'HTTP_BODY_TOO_LARGE', 'Request body too large', detail);
  };
  // A draft list for the what-if is a whole list file (a region's runs to ~250 KB): its two
  // paths take up to DRAFT_BODY_LIMIT; the use case bounds the draft itself (MAX_DRAFT_BYTES).
  const limitOf = (path: string) =>
    isDraftPath(path) ? Math.max(options.bodyLimit, DRAFT_BODY_LIMIT) : options.bodyLimit;
  const streamingLimit = bodyLimit({ maxSize: options.bodyLimit, onError: tooLarge });
  const draftStreamingLimit = bodyLimit({
    maxSize: limitOf(DRAFT_PATH_EXAMPLE),
    onError: tooLarge,
  });
  app.use('*', async (c, next) => {
    const method = c.req.method;
    if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return next();
    const length = c.req.header('content-length');
    if (length === undefined) {
      return (isDraftPath(c.req.path) ? draftStreamingLimit : streamingLimit)(c, next);
    }
    if (!/^\d+$/.test(length) || Number(length) > limitOf(c.req.path)) return tooLarge(c);
    return next();
  });

  app.use(compressAnswers());
  app.use(
    publicCache({
      budget: options.cacheBytes ?? 64 * 1024 * 1024,
      version: () => deps.services.version,
      today: deps.today,
    }),
  );

  app.get('/health', (c) => c.json({ status: 'ok' }));
  const deadlineMs = options.databaseDeadlineMs ?? 1500;
  const checkDatabase = options.checkDatabase ?? (() => deps.services.storage.currentVersion());
  app.get('/ready', async (c) => {
    const ready = options.isReady?.() ?? true;
    // Throws StorageUnavailableError (→ 503 problem+json) while the database is away.
    if (ready) await withinDeadline(checkDatabase(), deadlineMs);
    const { version, storage } = deps.services;
    return c.json(
      {
        status: ready ? 'ready' : 'shutting_down',
        storage: storage.kind,
        registryVersion: version.id,
      },
      ready ? 200 : 503,
    );
  });

  app.route('/api/v1', registryRoutes(deps));
  app.route('/api/v1', questionRoutes(deps));
  app.route('/api/v1', matrixRoutes(deps));
  app.route('/api/v1', versionRoutes(deps, deadlineMs));
  if (deps.ops) mountOps(app, deps.ops);
  const publicBaseUrl = options.publicBaseUrl ?? (() => 'http://localhost');
  if (deps.ops) app.route(FHIR_BASE_PATH, fhirOpsRoutes(deps.ops, { publicBaseUrl }));
  app.route(FHIR_BASE_PATH, fhirRoutes(deps, { publicBaseUrl }));
  if (deps.ops) app.route('/', staffWebRoutes(deps, staffEdgeOf(deps.ops)));
  const patients = deps.ops?.patients;
  if (deps.ops && patients)
    app.route('/', patientWebRoutes(deps, patientEdgeOf({ ...deps.ops, patients })));
  app.route('/', webRoutes(deps, { publicBaseUrl }));

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'tegin API',
      version: API_VERSION,
      description:
        "Kazakhstan's regional free outpatient medicines lists as cited, point-in-time data, and an entitlement engine.",
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    servers: [{ url: '/', description: 'This server' }],
    // The law is public (no authentication); sessions and /api/v1/ops say their own.
    security: [],
    tags: [],
  });
  app.get('/api/docs', (c) => c.html(DOCS_PAGE));
  app.get('/api/docs/assets/:file', (c) => {
    const asset = SWAGGER_ASSETS.get(c.req.param('file'));
    if (!asset) return problem(c, 404, 'HTTP_NOT_FOUND', 'Not found', c.req.path);
    return c.body(asset.body, 200, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=86400',
    });
  });

  app.notFound((c) =>
    isFhir(c)
      ? fhirOutcome(c, 404, 'HTTP_NOT_FOUND', `no FHIR route ${c.req.method} ${c.req.path}`)
      : problem(c, 404, 'HTTP_NOT_FOUND', 'Not found', `no route ${c.req.method} ${c.req.path}`),
  );
  app.onError((error, c) => {
    if (error instanceof StorageError) {
      options.logger.warn({ requestId: c.get('requestId'), code: error.code }, error.message);
      const response = isFhir(c)
        ? fhirOutcome(c, 503, error.code, error.message)
        : problem(c, 503, error.code, 'Database unavailable', error.message);
      response.headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
      return response;
    }
    if (isFhir(c)) {
      options.logger.error({ requestId: c.get('requestId'), err: error }, 'unhandled error');
      return fhirOutcome(
        c,
        500,
        'HTTP_INTERNAL',
        'an unexpected error; the request id identifies it in the logs',
      );
    }
    if (error instanceof HttpProblem) return error.toResponse(c);
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own request errors, e.g. "Malformed JSON in request body".
      return problem(c, 400, 'HTTP_INVALID', 'Invalid request', `body: ${error.message}`, [
        { code: 'HTTP_INVALID', field: 'body', message: error.message },
      ]);
    }
    options.logger.error({ requestId: c.get('requestId'), err: error }, 'unhandled error');
    return problem(
      c,
      500,
      'HTTP_INTERNAL',
      'Internal error',
      'an unexpected error; the request id identifies it in the logs',
    );
  });
  return app;
}

function isFhir(c: Context): boolean {
  return c.req.path.startsWith('/fhir/');
}

function fhirOutcome(
  c: Context,
  status: 404 | 413 | 500 | 503,
  code: IssueCode,
  message: string,
): Response {
  const body = operationOutcomeOf([{ code, path: c.req.path, message }]);
  return c.body(JSON.stringify(body), status, {
    'content-type': 'application/fhir+json; charset=utf-8',
  });
}

// The reference page is served from swagger-ui-dist in node_modules: no CDN, works offline.
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
// A Map, not an object: a path segment such as `__proto__` or `toString` must find nothing.
const SWAGGER_ASSETS = new Map<string, { body: string; type: string }>([
  [
    'swagger-ui.css',
    {
      body: readFileSync(join(swaggerDir, 'swagger-ui.css'), 'utf8'),
      type: 'text/css; charset=utf-8',
    },
  ],
  [
    'swagger-ui-bundle.js',
    {
      body: readFileSync(join(swaggerDir, 'swagger-ui-bundle.js'), 'utf8'),
      type: 'text/javascript; charset=utf-8',
    },
  ],
  [
    'init.js',
    {
      body: "window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#api' });",
      type: 'text/javascript; charset=utf-8',
    },
  ],
]);
const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>tegin API reference</title><link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><main><h1 class="title">tegin API reference</h1><div id="api"></div></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/assets/init.js"></script></body></html>`;
