/**
 * The authorization matrix, generated from the permission table (src/ops/permissions.ts): for
 * every operation, every role holding a grant in the target's own or another organisation, in
 * its own or another region, the local operator, and no session at all, a valid request goes
 * through the whole stack — HTTP where the OpenAPI document has a route for it (by
 * operationId, test/support/authz-cases.ts), the use case otherwise. An allowed cell succeeds;
 * a forbidden one is 403 AUTH_REFUSED with an audit record of the refusal carrying the request
 * id, and leaves every operations table as it was; no session is 401 AUTH_REQUIRED.
 *
 * Then what sits around the matrix: sign-in always issues a new token and never adopts one the
 * client brought (session fixation), and every unsafe signed-in route refuses a cookie request
 * without its CSRF token (derived from the OpenAPI document, FHIR `_search` included).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEARCH_TYPES } from '../src/fhir/ops/index.ts';
import { ORGANISATION_ROLES, ROLES, type Role } from '../src/ops/model.ts';
import {
  OPERATIONS,
  PERMISSIONS,
  type Actor,
  type Operation,
  type Target,
} from '../src/ops/permissions.ts';
import {
  grantFor,
  HOME_ORGANISATION,
  ROUTE_CASES,
  USE_CASE_CASES,
  type AuthzCase,
  type HttpCall,
  type Prepared,
} from './support/authz-cases.ts';
import { FAR, HOME, OPERATOR, OpsWorld, SIBLING, type Grant } from './support/ops-world.ts';

interface OpenApi {
  paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
}

type Who =
  | { kind: 'staff'; label: string; grant: Grant }
  | { kind: 'operator'; label: string }
  | { kind: 'none'; label: string };

/** Every cell of an operation's row: each role in own/other organisation × own/other region. */
function whoFor(target: Target): Who[] {
  const cells: Who[] = [];
  for (const role of ROLES) {
    for (const [regionSide, region] of [
      ['own', HOME],
      ['other', FAR],
    ] as const) {
      if (!ORGANISATION_ROLES.includes(role)) {
        const label = `${role} of the ${regionSide} region`;
        cells.push({ kind: 'staff', label, grant: { role, region, organisation: null } });
        continue;
      }
      const own = target.organisation?.split('/')[1] ?? HOME_ORGANISATION[role] ?? 'P1';
      for (const [orgSide, code] of [
        ['own', own],
        ['other', SIBLING[own] ?? 'P2'],
      ] as const) {
        // In the other region, "own" is the organisation with the same code there.
        const label = `${role} of the ${orgSide} organisation (${region}/${code})`;
        const grant = { role, region, organisation: `${region}/${code}` };
        cells.push({ kind: 'staff', label, grant });
      }
    }
  }
  cells.push(
    { kind: 'operator', label: 'the local operator' },
    { kind: 'none', label: 'no session' },
  );
  return cells;
}

/** What the permission table says, read independently of `authorize`. */
function isAllowed(operation: Operation, who: Who, target: Target): boolean {
  const permission = PERMISSIONS[operation];
  if (who.kind === 'operator') return permission.operator;
  if (who.kind === 'none') return false;
  const scope = permission.roles[who.grant.role];
  if (scope === undefined || who.grant.region !== target.region) return false;
  return scope === 'region' || who.grant.organisation === target.organisation;
}

let world: OpsWorld;
let doc: OpenApi;

before(async () => {
  world = await OpsWorld.open();
  doc = (await (await world.app.request('/api/openapi.json')).json()) as OpenApi;
});
after(() => world.close());

async function send(call: HttpCall, headers: Record<string, string>): Promise<Response> {
  const all: Record<string, string> = { ...headers, ...call.headers };
  if (call.body !== undefined) all['content-type'] = 'application/json';
  return world.app.request(call.path, {
    method: call.method,
    headers: all,
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
  });
}

/** The signed-in operations in the OpenAPI document: operationId → `METHOD path`. */
function signedInOperations(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/ops/')) continue;
    for (const [method, op] of Object.entries(methods)) {
      if ((op.security?.length ?? 0) === 0) continue;
      assert.ok(op.operationId, `${method} ${path}: an operationId`);
      found.set(op.operationId, `${method.toUpperCase()} ${path}`);
    }
  }
  return found;
}

describe('the authorization matrix (from the permission table)', () => {
  it('has a case for every signed-in route of the OpenAPI document and every operation of the table', () => {
    const routes = signedInOperations();
    const missing = [...routes.keys()].filter((id) => !(id in ROUTE_CASES));
    assert.deepEqual(missing, [], 'routes without a case in test/support/authz-cases.ts');
    const stale = Object.keys(ROUTE_CASES).filter((id) => !routes.has(id));
    assert.deepEqual(stale, [], 'cases naming no route of the document');
    const routed = new Set(Object.values(ROUTE_CASES).map((c) => c.operation));
    // A patient's own records are no staff role's (`patient: 'self'`, roles {}): their matrix is
    // src/ops/permissions-patient.test.ts and test/web-patient.test.ts.
    for (const operation of OPERATIONS.filter((op) => PERMISSIONS[op].patient !== 'self')) {
      const fallback = USE_CASE_CASES[operation];
      assert.ok(routed.has(operation) || fallback, `${operation}: no route and no use-case case`);
      assert.ok(
        !(routed.has(operation) && fallback),
        `${operation}: has a route; drop its use-case case`,
      );
    }
  });

  it('allows exactly what the table allows, refuses the rest with 403 AUTH_REFUSED, audited, nothing changed', async (t) => {
    const cases: [string, AuthzCase][] = [
      ...Object.entries(ROUTE_CASES),
      ...Object.entries(USE_CASE_CASES).map(
        ([op, c]) => [`(use case) ${op}`, c] as [string, AuthzCase],
      ),
    ];
    const failures: string[] = [];
    const counts = { cells: 0, allowed: 0, refused: 0, unauthenticated: 0, http: 0, direct: 0 };
    let serial = 0;
    for (const [name, authzCase] of cases) {
      const { operation, target } = authzCase;
      // Records are made afresh only after an allowed cell changed them: a refused request
      // must leave them as they were, which the fingerprint checks.
      let fresh: Prepared | null = null;
      for (const who of whoFor(target)) {
        const prepared = (fresh ??= await authzCase.prepare(world));
        const staff = who.kind === 'staff' ? await world.staffFor(who.grant) : null;
        // No session: a use case always has an actor; only a route can be asked without one.
        if (who.kind === 'none' && !prepared.http) continue;
        counts.cells += 1;
        const allowed = isAllowed(operation, who, target);
        const cell = `${name} [${operation}] by ${who.label}: expected ${allowed ? 'allowed' : 'refused'}`;
        const before = allowed ? '' : await world.fingerprint();
        let status: number;
        let code: string | null = null;
        let requestId: string;
        let detail: string;
        if (prepared.http && who.kind !== 'operator') {
          counts.http += 1;
          const headers = staff?.bearer ?? {};
          const res = await send(prepared.http, headers);
          status = res.status;
          requestId = res.headers.get('x-request-id') ?? '';
          detail = await res.text();
          if (status >= 400) code = (JSON.parse(detail) as { code?: string }).code ?? null;
        } else {
          counts.direct += 1;
          const actor: Actor = staff?.actor ?? OPERATOR;
          requestId = `matrix-${(serial += 1)}`;
          const result = await prepared.direct(actor, { requestId, purpose: 'treatment' });
          status = result.ok ? 200 : 0;
          code = result.ok ? null : (result.issues[0]?.code ?? null);
          detail = JSON.stringify(result).slice(0, 300);
        }
        if (who.kind === 'none') {
          counts.unauthenticated += 1;
          if (status !== 401 || code !== 'AUTH_REQUIRED')
            failures.push(`${cell}: ${status} ${detail}`);
        } else if (allowed) {
          counts.allowed += 1;
          fresh = null;
          if (status < 200 || status >= 300)
            failures.push(`${cell}: ${status} ${detail.slice(0, 300)}`);
          continue;
        } else {
          counts.refused += 1;
          if (
            code !== 'AUTH_REFUSED' ||
            (prepared.http && who.kind !== 'operator' && status !== 403)
          ) {
            failures.push(`${cell}: ${status} ${detail.slice(0, 300)}`);
          }
          const audit = await world.auditOf(requestId);
          if (!audit.some((r) => r.action === operation && r.outcome === 'refused')) {
            failures.push(
              `${cell}: no refusal audited under ${requestId}: ${JSON.stringify(audit)}`,
            );
          }
        }
        if ((await world.fingerprint()) !== before) failures.push(`${cell}: the data changed`);
      }
    }
    t.diagnostic(
      `${counts.cells} cells over ${cases.length} routes and use cases, ${OPERATIONS.length} operations: ` +
        `${counts.allowed} allowed, ${counts.refused} refused, ${counts.unauthenticated} without a session ` +
        `(${counts.http} over HTTP, ${counts.direct} through the use case)`,
    );
    assert.deepEqual(failures, []);
    assert.ok(counts.allowed > 0 && counts.refused > counts.allowed, JSON.stringify(counts));
  });
});

/** Signs in with the cookie: the session cookie (name=value) and the answer. */
async function signIn(username: string, password: string, cookie?: string) {
  const res = await world.app.request('/api/v1/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as { csrfToken: string; account: { username: string } };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', ...body };
}

const whoIs = async (headers: Record<string, string>) => {
  const res = await world.app.request('/api/v1/session', { headers });
  return res.status === 200
    ? ((await res.json()) as { account: { username: string } }).account.username
    : res.status;
};

describe('sessions around the matrix', () => {
  it('sign-in always issues a new token and never adopts one the client brought (session fixation)', async () => {
    const a = await world.staffFor({ role: 'auditor', region: HOME, organisation: null });
    const b = await world.staffFor({ role: 'region_admin', region: HOME, organisation: null });
    const name = (await signIn(a.username, a.password)).cookie.split('=')[0] ?? '';
    // A token the attacker chose, planted in the victim's browser before sign-in.
    const planted = `${name}=${'A'.repeat(43)}`;
    const first = await signIn(a.username, a.password, planted);
    assert.notEqual(first.cookie, planted, 'the planted token is replaced');
    assert.equal(await whoIs({ cookie: planted }), 401, 'the planted token signs no one in');
    assert.equal(await whoIs({ cookie: first.cookie }), a.username);
    // A live session of A sent along with B's sign-in: B gets a new token; A's stays A's.
    const second = await signIn(b.username, b.password, first.cookie);
    assert.notEqual(second.cookie, first.cookie);
    assert.equal(await whoIs({ cookie: first.cookie }), a.username, 'not promoted to B');
    assert.equal(await whoIs({ cookie: second.cookie }), b.username);
    // A bearer token sent along with a sign-in is not turned into the cookie either.
    const third = await signIn(a.username, a.password, `${name}=${a.token}`);
    assert.notEqual(third.cookie.split('=')[1], a.token);
    const again = await signIn(a.username, a.password);
    assert.notEqual(again.cookie, first.cookie, 'each sign-in, a new token');
  });

  it('every unsafe signed-in route refuses a cookie request without its CSRF token: 403 AUTH_CSRF, nothing changed', async (t) => {
    let checked = 0;
    const routes = signedInOperations();
    const unsafe: [string, HttpCall | null, AuthzCase | null][] = [];
    for (const [id, route] of routes) {
      if (route.startsWith('GET ')) continue;
      const authzCase = ROUTE_CASES[id] ?? null;
      const call = authzCase ? (await authzCase.prepare(world)).http : null;
      unsafe.push([
        id,
        call ?? { method: 'POST', path: route.split(' ')[1] ?? '', body: {} },
        authzCase,
      ]);
    }
    unsafe.push(['signOut', { method: 'DELETE' as 'POST', path: '/api/v1/session' }, null]);
    for (const type of SEARCH_TYPES) {
      unsafe.push([
        `FHIR ${type}/_search`,
        {
          method: 'POST',
          path: `/fhir/R4/${type}/_search`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
        null,
      ]);
    }
    for (const [id, call, authzCase] of unsafe) {
      assert.ok(call);
      // Someone who may do it, so that only the missing token stands in the way.
      const grant = authzCase
        ? grantFor(authzCase)
        : { role: 'auditor' as Role, region: HOME, organisation: null };
      const staff = await world.staffFor(grant);
      const session = await signIn(staff.username, staff.password);
      for (const csrf of [null, 'x'.repeat(43), 'forged']) {
        const before = await world.fingerprint();
        const headers: Record<string, string> = { cookie: session.cookie };
        if (csrf !== null) headers['x-csrf-token'] = csrf;
        const res = await send(call, headers);
        const text = await res.text();
        assert.equal(res.status, 403, `${id} with CSRF ${csrf}: ${text.slice(0, 200)}`);
        assert.match(text, /AUTH_CSRF/, id);
        assert.equal(await world.fingerprint(), before, `${id}: the data changed`);
        checked += 1;
      }
      // With its token the same request goes through: the refusal was the CSRF check's.
      if (authzCase) {
        const res = await send(call, { cookie: session.cookie, 'x-csrf-token': session.csrfToken });
        assert.ok(res.status < 300, `${id} with its token: ${res.status} ${await res.text()}`);
      }
    }
    t.diagnostic(`${unsafe.length} unsafe routes, ${checked} refused requests`);
  });
});
