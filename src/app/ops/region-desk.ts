/**
 * What the region administrator's and the auditor's screens share: the regions where an account
 * may do the operation that opens the screen (a grant the permission table lets do it), or the
 * table's refusal, audited, when there is none — as a desk opens for a doctor (desks.ts).
 */
import type { OpsResult } from '../../ops/issues.ts';
import { authorize, type Actor, type Operation } from '../../ops/permissions.ts';
import { AuditedUseCases, type RequestContext } from './gate.ts';

export abstract class RegionDeskUseCases extends AuditedUseCases {
  protected async regionsFor(
    actor: Actor,
    operation: Operation,
    ctx: RequestContext,
  ): Promise<OpsResult<string[]>> {
    const grants = actor.kind === 'staff' ? actor.grants : [];
    const regions = [...new Set(grants.map((g) => g.region))].filter(
      (region) => authorize(actor, operation, { region, organisation: null }).allowed,
    );
    if (regions.length > 0) return { ok: true, value: regions.sort() };
    return this.refuseEverywhere(actor, operation, ctx);
  }
}
