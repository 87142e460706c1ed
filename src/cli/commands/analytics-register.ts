/**
 * `tegin analytics impact --region R --date D [--threshold K] [--token T] [--format F] [--out FILE]`
 * `tegin analytics gaps --region R --on D [--months N] [--threshold K] [--token T] [--format F]
 *   [--table organisation|diagnosis|item] [--out FILE]` (formats: analytics-output.ts)
 *
 * Without a token the CLI runs as the local operator, whom the permission table allows the
 * counts only (`analytics.aggregate`: no patient, cells below K suppressed). With a staff
 * account's bearer token (`tegin users token`; `--token` or TEGIN_TOKEN, which keeps it out of
 * the process list) it runs as that account, and a region administrator's or auditor's run
 * lists patients by internal id (`analytics.patients`), each audited (docs/adr/0018-analytics.md).
 */
import { parseArgs } from 'node:util';
import {
  analyticsOver,
  type GapsAnswer,
  type ImpactAnswer,
} from '../../app/analytics/analytics.ts';
import { gapsTables, impactTables } from '../../app/analytics/tables.ts';
import { parseConfig } from '../../app/config.ts';
import { openDatabase } from '../../app/database.ts';
import { lawOf } from '../../app/ops/law.ts';
import { opsService } from '../../app/ops/open.ts';
import { argon2Hasher } from '../../app/ops/password.ts';
import type { RequestContext } from '../../app/ops/service.ts';
import { startServices } from '../../app/services.ts';
import type { OpsResult } from '../../ops/issues.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import type { Actor } from '../../ops/permissions.ts';
import { dateFlag } from '../flags.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { OUTPUT_OPTIONS, outputOf, writeAnswer } from './analytics-output.ts';

const OPERATOR: Actor = { kind: 'operator', name: 'cli' };
const CTX: RequestContext = { requestId: null, purpose: 'planning' };

const options = {
  region: { type: 'string' },
  date: { type: 'string' },
  on: { type: 'string' },
  months: { type: 'string' },
  threshold: { type: 'string' },
  token: { type: 'string' },
  ...OUTPUT_OPTIONS,
} as const;

function whole(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,3}$/.test(value)) throw new UsageError(`--${flag}: expected a whole number`);
  return Number(value);
}

export async function registerAnalyticsCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'impact' && sub !== 'gaps') {
    throw new UsageError(`unknown analytics command "${sub ?? ''}": expected impact or gaps`);
  }
  const { values } = parseArgs({ args: rest, options, strict: true });
  if (!values.region) throw new UsageError('--region is required (KZ-NN)');
  const dayFlag = sub === 'impact' ? 'date' : 'on';
  const day = values[dayFlag];
  if (!day) throw new UsageError(`--${dayFlag} is required (YYYY-MM-DD)`);
  const query = {
    region: values.region,
    ...(sub === 'impact' ? { date: dateFlag('--date', day) } : { on: dateFlag('--on', day) }),
    ...(sub === 'gaps' && values.months !== undefined
      ? { months: whole('months', values.months) }
      : {}),
    ...(values.threshold !== undefined ? { threshold: whole('threshold', values.threshold) } : {}),
  };
  const output = outputOf(values);
  const token = values.token ?? process.env.TEGIN_TOKEN;
  const config = parseConfig(process.env);
  const db = await openDatabase(config, 'tegin analytics');
  try {
    const services = await startServices(db.storage, { info: (m) => io.stderr(`${m}\n`) });
    await db.ops.migrate();
    let actor = OPERATOR;
    if (token) {
      const who = await opsService(db.ops).accounts.authenticate(token);
      if (!who.ok) return report(who, io);
      actor = who.value;
    }
    const law = lawOf(services);
    const analytics = analyticsOver(
      { storage: db.ops, hasher: argon2Hasher, policy: DEFAULT_LOGIN_POLICY, law: () => law },
      db.analytics,
      () => services.registry,
    );
    const view = token ? 'patients' : 'aggregate';
    const result =
      sub === 'impact'
        ? await analytics.impact(actor, { ...query, view }, CTX)
        : await analytics.gaps(actor, { ...query, view }, CTX);
    if (!result.ok) return report(result, io);
    const answer = result.value;
    writeAnswer(
      io,
      output,
      'impact' in answer
        ? { value: answer, tables: impactTables(answer), text: () => impactText(answer) }
        : { value: answer, tables: gapsTables(answer), text: () => gapsText(answer) },
    );
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

function report(result: OpsResult<unknown>, io: CliIo): number {
  if (result.ok) return EXIT.ok;
  for (const issue of result.issues) io.stderr(`tegin: ${issue.code}: ${issue.message}\n`);
  return EXIT.badInput;
}

const n = (v: number | null): string => (v === null ? '<k' : String(v));

function impactText({ view, impact }: ImpactAnswer): string {
  const out = [
    `${impact.region}: impact on the register of ${impact.before} → ${impact.date} (${view})`,
    `list known: ${impact.coverage.before} → ${impact.coverage.after}; patients evaluated: ${n(impact.patients)}`,
  ];
  for (const u of impact.unknown) out.push(`! ${u.en}`);
  for (const a of impact.acts)
    out.push(`act${a.between === 'unknown' ? ' (may have)' : ''}: ${a.label.en}`);
  for (const c of impact.listChanges ?? []) out.push(`list: item ${c.item} ${c.kind}`);
  const t = impact.totals;
  out.push(
    `gained ${n(t.gained)}, lost ${n(t.lost)}, other changes ${n(t.changed)}, prescriptions at risk ${n(t.prescriptions)}`,
  );
  if ('suppression' in impact) out.push(`(${impact.suppression.rule})`);
  for (const r of impact.byItem) {
    out.push(
      `  ${r.item} ${r.diagnosis}${r.listChange ? ` [${r.listChange}]` : ''}: +${n(r.gained)} −${n(r.lost)} ~${n(r.changed)} rx ${n(r.prescriptions)}`,
    );
  }
  return `${out.join('\n')}\n`;
}

function gapsText({ view, gaps }: GapsAnswer): string {
  const t = gaps.totals;
  const out = [
    `${gaps.region}: coverage gaps on ${gaps.on}, nothing dispensed after ${gaps.since} (${view})`,
    `patients ${n(gaps.patients)}; entitled items ${n(t.entitled)}, without a dispense ${n(t.gaps)}, deferrals overdue ${n(t.overdue)}`,
  ];
  if ('suppression' in gaps) out.push(`(${gaps.suppression.rule})`);
  for (const r of gaps.byOrganisation) {
    out.push(
      `  ${r.organisation ?? '(not attached)'}: entitled ${n(r.entitled)}, gaps ${n(r.gaps)}, overdue ${n(r.overdue)}`,
    );
  }
  return `${out.join('\n')}\n`;
}
