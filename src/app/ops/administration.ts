/**
 * The region administrator's screens (issue 12, item 5) beyond the API's use cases: the regions
 * an account administers, the accounts holding a role in a region (audited: who may act on
 * patients' data is itself worth a record), and the region's operational parameters as the
 * repository holds them (read-only: they are reviewed data, not settings).
 */
import { RegionCode } from '../../domain/region.ts';
import type { ProvisionFile } from '../../domain/provision.ts';
import { fail, type OpsResult } from '../../ops/issues.ts';
import type { Actor } from '../../ops/permissions.ts';
import type { AccountWithGrants } from '../../storage/ops/port.ts';
import type { RequestContext } from './gate.ts';
import { RegionDeskUseCases } from './region-desk.ts';

/** Accounts on one page of the list. */
export const ACCOUNTS_PAGE = 100;

export type { AccountWithGrants } from '../../storage/ops/port.ts';

export class AdministrationUseCases extends RegionDeskUseCases {
  /** The regions where the actor may list accounts (administer), or the refusal, audited. */
  regions(actor: Actor, ctx: RequestContext): Promise<OpsResult<string[]>> {
    return this.regionsFor(actor, 'account.list', ctx);
  }

  /** One page of the region's accounts by user name, after `after` (null: from the start). */
  async listAccounts(
    actor: Actor,
    region: string,
    after: string | null,
    ctx: RequestContext,
  ): Promise<OpsResult<{ accounts: AccountWithGrants[]; next: string | null }>> {
    if (!RegionCode.safeParse(region).success) {
      return fail('OPS_INPUT', 'region: expected a code such as KZ-27', ['region']);
    }
    const gate = await this.gate(actor, 'account.list', { region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    const found = await this.storage.accountsOfRegion(region, after, ACCOUNTS_PAGE + 1);
    const accounts = found.slice(0, ACCOUNTS_PAGE);
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'account.list', 'allowed', ctx, {
        detail: `${region} ${accounts.length} accounts`,
      }),
    );
    const next = found.length > ACCOUNTS_PAGE ? (accounts.at(-1)?.username ?? null) : null;
    return { ok: true, value: { accounts, next } };
  }

  /** The region's provision parameters as the loaded data has them (null: none for the region). */
  async provision(
    actor: Actor,
    region: string,
    ctx: RequestContext,
  ): Promise<OpsResult<ProvisionFile | null>> {
    const gate = await this.gate(actor, 'provision.read', { region, organisation: null }, ctx);
    if (!gate.ok) return gate;
    const law = this.deps.law?.();
    return { ok: true, value: law?.provision.get(region) ?? null };
  }
}
