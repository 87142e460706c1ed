/**
 * What a FHIR operations route hands to the per-type read and search: the use cases, who asks
 * and why, and what an answer is — a value, the use case's issues (mapped to a status at the
 * edge), or problems with the search parameters (400, each located at `http.<name>`).
 */
import type { OpsService, RequestContext } from '../../app/ops/service.ts';
import type { Lang } from '../../domain/text.ts';
import type { OutcomeIssue } from '../../fhir/operation-outcome.ts';
import { fail, type OpsResult } from '../../ops/issues.ts';
import type { Actor } from '../../ops/permissions.ts';

export interface Caller {
  ops: OpsService;
  actor: Actor;
  /** The request context with the purpose sent, or the route's default for the type. */
  ctx: RequestContext;
  /** The session token, for `whoami` (the signed-in account's own Practitioner). */
  token: string;
  lang: Lang;
}

/** A search parameter at fault: located at `http.<name>` by `searchOutcomeOf`. */
export interface Invalid {
  ok: false;
  invalid: OutcomeIssue[];
}

export type Answer<T> = OpsResult<T> | Invalid;

export const invalid = (name: string, message: string): Invalid => ({
  ok: false,
  invalid: [{ code: 'HTTP_INVALID', path: name, message }],
});

/** The regions an actor holds a role in ('' for none, which every use case refuses and audits). */
export function regionsOf(actor: Actor): string[] {
  const regions = actor.kind === 'staff' ? [...new Set(actor.grants.map((g) => g.region))] : [];
  return regions.length > 0 ? regions : [''];
}

/**
 * A search over a use case that finds one record: not found is no match (the use case has
 * audited it, and tells it only to whom it may); a refusal stays a refusal.
 */
export function noneIfNotFound<T>(result: OpsResult<T>): OpsResult<T[]> {
  if (result.ok) return { ok: true, value: [result.value] };
  if (result.issues[0]?.code === 'OPS_NOT_FOUND') return { ok: true, value: [] };
  return result;
}

/**
 * The same use case over each region of the actor: what the allowed ones give, or the first
 * refusal when none allowed (each refusal audited by the use case).
 */
export async function overRegions<T>(
  actor: Actor,
  read: (region: string) => Promise<OpsResult<T[]>>,
): Promise<OpsResult<T[]>> {
  const found: T[] = [];
  let refused: OpsResult<T[]> | null = null;
  let allowed = false;
  for (const region of regionsOf(actor)) {
    const result = await read(region);
    if (result.ok) {
      allowed = true;
      found.push(...result.value);
    } else refused ??= result;
  }
  return allowed || refused === null ? { ok: true, value: found } : refused;
}

export const notFound = (what: string): OpsResult<never> =>
  fail('OPS_NOT_FOUND', `no ${what}`, ['id']);
