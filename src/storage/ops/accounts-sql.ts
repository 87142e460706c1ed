/**
 * The accounts holding a role in a region, for its administrator: one page by user name
 * (keyset), each with its grants in that region, in one statement. Never a password hash or
 * the login state.
 */
import type { RegionCode } from '../../domain/region.ts';
import type { RoleGrant } from '../../ops/model.ts';
import type { SqlClient } from '../sql-client.ts';
import type { AccountWithGrants } from './port.ts';

interface Row extends Record<string, unknown> {
  id: string;
  username: string;
  display_name: string;
  role: RoleGrant['role'];
  region: string;
  organisation: string | null;
}

export async function accountsOfRegion(
  db: SqlClient,
  region: string,
  afterUsername: string | null,
  limit: number,
): Promise<AccountWithGrants[]> {
  const rows = await db.query<Row>(
    `WITH page AS (
       SELECT a.id, a.username, a.display_name FROM ops_accounts a
       WHERE EXISTS (SELECT 1 FROM ops_role_grants g WHERE g.account_id = a.id AND g.region = $1)
         AND ($2::text IS NULL OR a.username > $2)
       ORDER BY a.username LIMIT $3
     )
     SELECT p.id, p.username, p.display_name, g.role, g.region, g.organisation
     FROM page p JOIN ops_role_grants g ON g.account_id = p.id AND g.region = $1
     ORDER BY p.username, g.role, g.organisation`,
    [region, afterUsername, limit],
  );
  const accounts = new Map<string, AccountWithGrants>();
  for (const r of rows) {
    const account = accounts.get(r.id) ?? {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      grants: [],
    };
    account.grants.push({
      role: r.role,
      region: r.region as RegionCode,
      organisation: r.organisation,
    });
    accounts.set(r.id, account);
  }
  return [...accounts.values()];
}
