/**
 * `tegin orgs add|list`, `tegin users add`, `tegin audit verify`: thin over the
 * operations use cases, run as the local operator (whoever holds the database);
 * the permission table says what the operator may do (never patients' data).
 */
import { parseArgs } from 'node:util';
import { parseConfig } from '../../app/config.ts';
import { TOKEN_MAX_HOURS } from '../../app/ops/accounts.ts';
import { openOpsStorage, opsService } from '../../app/ops/open.ts';
import type { RequestContext } from '../../app/ops/service.ts';
import { recordsOf } from '../../ops/audit-check.ts';
import type { OpsIssueCode, OpsResult } from '../../ops/issues.ts';
import type { Actor } from '../../ops/permissions.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';

/** Exit code of each operations problem; the compiler demands one for every new code. */
const EXIT_OF: Record<OpsIssueCode, number> = {
  OPS_INPUT: EXIT.badInput,
  OPS_NOT_FOUND: EXIT.badInput,
  OPS_CONFLICT: EXIT.badInput,
  OPS_NOT_ENTITLED: EXIT.badInput,
  OPS_IDEMPOTENCY_MISMATCH: EXIT.badInput,
  AUTH_REFUSED: EXIT.badInput,
  AUTH_LOGIN_FAILED: EXIT.badInput,
  AUTH_LOCKED: EXIT.badInput,
  AUTH_SESSION_INVALID: EXIT.badInput,
  // Codes of the HTTP edge: the CLI never meets them.
  AUTH_REQUIRED: EXIT.badInput,
  AUTH_CSRF: EXIT.badInput,
};

export const OPERATOR: Actor = { kind: 'operator', name: 'cli' };
const CTX: RequestContext = { requestId: null, purpose: 'administration' };

export function report<T>(result: OpsResult<T>, io: CliIo): number {
  if (result.ok) return EXIT.ok;
  for (const issue of result.issues) io.stderr(`tegin: ${issue.code}: ${issue.message}\n`);
  return Math.max(...result.issues.map((i) => EXIT_OF[i.code]));
}

const options = {
  region: { type: 'string' },
  code: { type: 'string' },
  kind: { type: 'string' },
  'name-kk': { type: 'string' },
  'name-ru': { type: 'string' },
  'name-en': { type: 'string' },
  username: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string', multiple: true },
  org: { type: 'string' },
  hours: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export async function opsCommand(group: string, args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const expected: Record<string, string[]> = {
    orgs: ['add', 'list'],
    users: ['add', 'token'],
    audit: ['verify'],
  };
  if (!expected[group]?.includes(sub ?? '')) {
    throw new UsageError(
      `unknown ${group} command "${sub ?? ''}": expected ${expected[group]?.join(' or ') ?? ''}`,
    );
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options,
    strict: true,
    allowPositionals: group === 'users' && sub === 'token',
  });
  const need = (flag: keyof typeof values): string => {
    const value = values[flag];
    if (typeof value !== 'string' || value === '') throw new UsageError(`--${flag} is required`);
    return value;
  };
  const storage = await openOpsStorage(parseConfig(process.env));
  try {
    await storage.migrate();
    const ops = opsService(storage);
    const print = (value: unknown, text: string) =>
      io.stdout(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
    if (group === 'orgs' && sub === 'add') {
      const result = await ops.createOrganisation(
        OPERATOR,
        {
          region: need('region'),
          code: need('code'),
          kind: need('kind'),
          name: { kk: need('name-kk'), ru: need('name-ru'), en: need('name-en') },
        },
        CTX,
      );
      if (result.ok)
        print(result.value, `orgs add: ${result.value.region}/${result.value.code} created`);
      return report(result, io);
    }
    if (group === 'orgs') {
      const result = await ops.listOrganisations(OPERATOR, need('region'), CTX);
      if (result.ok) {
        print(
          result.value,
          result.value.map((o) => `${o.region}/${o.code}  ${o.kind}  ${o.name.en}`).join('\n') ||
            'no organisations in this region yet',
        );
      }
      return report(result, io);
    }
    if (group === 'users' && sub === 'token') {
      const [username, ...extra] = positionals;
      if (!username || extra.length > 0) {
        throw new UsageError('users token: give one user name, e.g. tegin users token lab.system');
      }
      const hours = values.hours ?? '720';
      if (!/^\d{1,6}$/.test(hours)) throw new UsageError('--hours: expected a whole number');
      const result = await ops.accounts.issueToken(
        OPERATOR,
        { username, hours: Number(hours) },
        CTX,
      );
      if (result.ok) {
        print(
          result.value,
          `users token: a bearer token for ${username} until ${result.value.expiresAt}\n` +
            `token (shown once, not stored): ${result.value.token}`,
        );
      } else if (result.issues.some((i) => i.path[0] === 'hours')) {
        throw new UsageError(`--hours: expected 1 to ${TOKEN_MAX_HOURS} (90 days)`);
      }
      return report(result, io);
    }
    if (group === 'users') {
      const roles = values.role ?? [];
      if (roles.length === 0) throw new UsageError('--role is required (one or more)');
      const region = need('region');
      const organisation = values.org ?? null;
      const result = await ops.accounts.createAccount(
        OPERATOR,
        {
          username: need('username'),
          displayName: need('name'),
          grants: roles.map((role) => ({ role, region, organisation })),
        },
        CTX,
      );
      if (result.ok) {
        print(
          result.value,
          `users add: ${result.value.username} created\npassword (shown once, not stored): ${result.value.password}`,
        );
      }
      return report(result, io);
    }
    const result = await ops.verifyAudit(OPERATOR, 'KZ', CTX);
    if (!result.ok) return report(result, io);
    const check = result.value;
    print(
      check,
      check.ok
        ? `audit verify: ok, ${recordsOf(check.head)} record(s) in ${check.head.shards.length} shard(s), ${check.head.anchor.number} anchor(s), anchor head ${check.head.anchor.hash.slice(0, 16)}`
        : `audit verify: BROKEN at ${check.shard === null ? 'anchor' : `shard ${check.shard} record`} ${check.position} (${check.problem}): ${check.message}`,
    );
    return check.ok ? EXIT.ok : EXIT.dataProblems;
  } finally {
    await storage.close();
  }
}
