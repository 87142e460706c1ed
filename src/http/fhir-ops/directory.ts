/**
 * Organization, Practitioner, PractitionerRole and AuditEvent over the use cases.
 *
 * Organisations and the audit are read per region by their use cases (`listOrganisations`,
 * `readAudit`); a read or search that names no region asks in each region the signed-in
 * account holds a role in, and the use case decides (and audits a refusal) in each.
 *
 * Practitioner and PractitionerRole: no use case reads another staff account yet, so only the
 * signed-in account's own are served (`whoami`); another id is not found (docs/adr/0014).
 */
import type { AuditRecord } from '../../ops/audit.ts';
import type { OpsResult } from '../../ops/issues.ts';
import { organisationId, type Organisation } from '../../ops/model.ts';
import {
  AUDIT_EVENT_OUTCOME,
  auditEventOf,
  matchesDateBounds,
  organizationIdOf,
  organizationOf,
  practitionerOf,
  practitionerRoleOf,
  type SearchParams,
} from '../../fhir/ops/index.ts';
import type { Resource } from '../../fhir/ops/types.ts';
import type { IsoDate } from '../../domain/date.ts';
import { notFound, overRegions, type Answer, type Caller } from './caller.ts';

// ── Organization ───────────────────────────────────────────────────────────

async function organisationsIn(
  call: Caller,
  regions: readonly string[] | null,
): Promise<OpsResult<Organisation[]>> {
  const list = (region: string) => call.ops.listOrganisations(call.actor, region, call.ctx);
  if (regions === null) return overRegions(call.actor, list);
  const found: Organisation[] = [];
  for (const region of regions) {
    const listed = await list(region);
    if (!listed.ok) return listed;
    found.push(...listed.value);
  }
  return { ok: true, value: found };
}

export async function readOrganization(call: Caller, id: string): Promise<OpsResult<Resource>> {
  const listed = await organisationsIn(call, [id.slice(0, 5)]);
  if (!listed.ok) return listed;
  const org = listed.value.find((o) => organizationIdOf(organisationId(o)) === id);
  return org ? { ok: true, value: organizationOf(org, call.lang) } : notFound(`Organization/${id}`);
}

export async function searchOrganizations(
  call: Caller,
  params: SearchParams<'Organization'>,
): Promise<Answer<Resource[]>> {
  const { identifier, type } = params;
  const state = params['address-state'];
  const regions = state ? [state] : identifier ? [identifier.slice(0, 5)] : null;
  const listed = await organisationsIn(call, regions);
  if (!listed.ok) return listed;
  return {
    ok: true,
    value: listed.value
      .filter(
        (o) =>
          (identifier === undefined || organisationId(o) === identifier) &&
          (type === undefined || type.includes(o.kind)) &&
          (state === undefined || o.region === state),
      )
      .map((o) => organizationOf(o, call.lang)),
  };
}

// ── Practitioner and PractitionerRole: the signed-in account's own ─────────

async function self(call: Caller) {
  return call.ops.accounts.whoami(call.token);
}

export async function readPractitioner(call: Caller, id: string): Promise<OpsResult<Resource>> {
  const who = await self(call);
  if (!who.ok) return who;
  return who.value.account.id === id
    ? { ok: true, value: practitionerOf(who.value.account) }
    : notFound(`Practitioner/${id} (only the signed-in account's own is served)`);
}

export async function searchPractitioners(
  call: Caller,
  params: SearchParams<'Practitioner'>,
): Promise<Answer<Resource[]>> {
  const who = await self(call);
  if (!who.ok) return who;
  const { account } = who.value;
  const mine = params._id === undefined || params._id === account.id;
  return { ok: true, value: mine ? [practitionerOf(account)] : [] };
}

async function ownRoles(call: Caller): Promise<OpsResult<Resource[]>> {
  const who = await self(call);
  if (!who.ok) return who;
  const { account, grants } = who.value;
  return { ok: true, value: grants.map((g) => practitionerRoleOf(account.id, g)) };
}

export async function readPractitionerRole(call: Caller, id: string): Promise<OpsResult<Resource>> {
  const roles = await ownRoles(call);
  if (!roles.ok) return roles;
  const role = roles.value.find((r) => r.id === id);
  return role
    ? { ok: true, value: role }
    : notFound(`PractitionerRole/${id} (only the signed-in account's own are served)`);
}

export async function searchPractitionerRoles(
  call: Caller,
  params: SearchParams<'PractitionerRole'>,
): Promise<Answer<Resource[]>> {
  const who = await self(call);
  if (!who.ok) return who;
  const { account, grants } = who.value;
  const { practitioner, organization, role } = params;
  return {
    ok: true,
    value: grants
      .filter(
        (g) =>
          (practitioner === undefined || practitioner === account.id) &&
          (organization === undefined ||
            (g.organisation !== null && organizationIdOf(g.organisation) === organization)) &&
          (role === undefined || role.includes(g.role)),
      )
      .map((g) => practitionerRoleOf(account.id, g)),
  };
}

// ── AuditEvent ─────────────────────────────────────────────────────────────

/** A page of the audit as the use case reads it at most. */
const AUDIT_PAGE = 1000;

/** Every audit record of a region the use case lets the actor read, page by page (each read audited). */
async function auditOf(call: Caller, region: string): Promise<OpsResult<AuditRecord[]>> {
  const records: AuditRecord[] = [];
  let after = 0;
  for (;;) {
    const page = await call.ops.readAudit(
      call.actor,
      region,
      { after, limit: AUDIT_PAGE },
      call.ctx,
    );
    if (!page.ok) return page;
    records.push(...page.value);
    const last = page.value.at(-1);
    if (page.value.length < AUDIT_PAGE || last === undefined) return { ok: true, value: records };
    after = last.sequence;
  }
}

export async function readAuditEvent(call: Caller, id: string): Promise<OpsResult<Resource>> {
  const sequence = Number(id);
  const found = await overRegions(call.actor, async (region) =>
    call.ops.readAudit(call.actor, region, { after: sequence - 1, limit: 1 }, call.ctx),
  );
  if (!found.ok) return found;
  const record = found.value.find((r) => r.sequence === sequence);
  return record ? { ok: true, value: auditEventOf(record) } : notFound(`AuditEvent/${id}`);
}

export async function searchAuditEvents(
  call: Caller,
  params: SearchParams<'AuditEvent'>,
): Promise<Answer<Resource[]>> {
  const found = await overRegions(call.actor, (region) => auditOf(call, region));
  if (!found.ok) return found;
  const { patient, agent, date } = params;
  const outcomes: readonly string[] | undefined = params.outcome;
  return {
    ok: true,
    value: found.value
      .filter(
        (r) =>
          (patient === undefined || r.patientRef === patient) &&
          (agent === undefined || r.actorId === agent) &&
          matchesDateBounds(date, r.at.slice(0, 10) as IsoDate) &&
          (outcomes === undefined || outcomes.includes(AUDIT_EVENT_OUTCOME[r.outcome])),
      )
      .map(auditEventOf),
  };
}
