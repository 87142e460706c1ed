/**
 * Checks shared by the hostile-request and fuzz tests: an answer is never a
 * 5xx, and every refusal says what was wrong in the format of its surface
 * (problem+json naming a field under /api, OperationOutcome under /fhir, a
 * page under /{lang}/).
 */
import assert from 'node:assert/strict';

interface ProblemBody {
  status?: number;
  code?: string;
  detail?: string;
  errors?: { field?: string; message?: string }[];
}

interface OutcomeBody {
  resourceType?: string;
  issue?: { expression?: string[]; details?: { text?: string } }[];
}

/** Reads the answer to a request for `path` and asserts it is sane; returns the body text. */
export async function assertSane(res: Response, path: string, what = path): Promise<string> {
  const text = await res.text();
  assert.ok(res.status < 500, `${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
  if (res.status < 400) return text;
  const type = res.headers.get('content-type') ?? '';
  // Not `new URL(path, base)`: a path such as `//x` would read as a host.
  const pathname = /^https?:\/\//.test(path) ? new URL(path).pathname : (path.split('?')[0] ?? '');
  if (/^\/(kk|ru|en)\//.test(pathname) && type.startsWith('text/html')) return text;
  if (type.startsWith('application/fhir+json')) {
    const outcome = JSON.parse(text) as OutcomeBody;
    assert.equal(outcome.resourceType, 'OperationOutcome', what);
    assert.ok(
      outcome.issue?.every((i) => (i.expression?.length ?? 0) > 0 && i.details?.text),
      `${what}: every issue says where and why: ${text.slice(0, 300)}`,
    );
    return text;
  }
  assert.match(type, /^application\/problem\+json/, `${what}: ${type} ${text.slice(0, 200)}`);
  const problem = JSON.parse(text) as ProblemBody;
  assert.equal(problem.status, res.status, what);
  assert.ok(problem.code && problem.detail, `${what}: code and detail`);
  if (res.status === 400) {
    assert.ok(
      (problem.errors?.length ?? 0) > 0 &&
        problem.errors?.every((e) => /^(path|query|body)(\.|$)/.test(e.field ?? '') && e.message),
      `${what}: a 400 names each field: ${text.slice(0, 300)}`,
    );
  }
  return text;
}
