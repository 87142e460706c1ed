/**
 * `tegin analytics need --region R --year YYYY [--census YYYY-MM-DD] [--format F] [--table
 * morbidity|consumption] [--out FILE]` (formats: analytics-output.ts): the need and
 * budget estimate (docs/adr/0019-need-and-budget.md), run as the local operator through the
 * `analytics.aggregate` use case (counts and money only; audited).
 */
import { parseArgs } from 'node:util';
import { parseConfig } from '../../app/config.ts';
import { openDatabase } from '../../app/database.ts';
import { analyticsOver, type NeedReport } from '../../app/analytics/analytics.ts';
import { MISSING, needTables } from '../../app/analytics/tables.ts';
import { lawOf } from '../../app/ops/law.ts';
import { argon2Hasher } from '../../app/ops/password.ts';
import { startServices } from '../../app/services.ts';
import { todayInKazakhstan } from '../../app/clock.ts';
import type { Figure, MorbidityLine } from '../../analytics/need.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import { readReferenceDir } from '../../registry/load-files.ts';
import { buildReference } from '../../registry/reference.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { OPERATOR, report } from './ops.ts';
import { OUTPUT_OPTIONS, outputOf, writeAnswer } from './analytics-output.ts';

export async function needCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'need')
    throw new UsageError(`unknown analytics command "${sub ?? ''}": expected "analytics need"`);
  const { values } = parseArgs({
    args: rest,
    options: {
      region: { type: 'string' },
      year: { type: 'string' },
      census: { type: 'string' },
      ...OUTPUT_OPTIONS,
    },
    strict: true,
  });
  if (!values.region) throw new UsageError('--region is required');
  if (!values.year || !/^\d{4}$/.test(values.year)) throw new UsageError('--year: expected YYYY');
  const output = outputOf(values);
  const config = parseConfig(process.env);
  const db = await openDatabase(config, 'tegin analytics');
  try {
    await db.ops.migrate();
    const services = await startServices(db.storage, { info: (m) => io.stderr(`${m}\n`) });
    const built = buildReference(readReferenceDir(), services.registry.medicines);
    if (built.issues.length > 0) {
      io.stderr('tegin: the reference data has problems; run "tegin data check" for the list\n');
      return EXIT.dataProblems;
    }
    const law = lawOf(services);
    const analytics = analyticsOver(
      {
        storage: db.ops,
        hasher: argon2Hasher,
        policy: DEFAULT_LOGIN_POLICY,
        law: () => law,
        reference: built.reference,
        today: () => todayInKazakhstan(),
      },
      db.analytics,
      () => services.registry,
    );
    const result = await analytics.need(
      OPERATOR,
      {
        region: values.region.toUpperCase(),
        year: Number(values.year),
        ...(values.census ? { census: values.census } : {}),
      },
      { requestId: null, purpose: 'planning' },
    );
    if (result.ok) {
      const value = result.value;
      writeAnswer(io, output, { value, tables: needTables(value), text: () => textOf(value) });
    }
    return report(result, io);
  } finally {
    await db.close();
  }
}

const money = (n: number) => Math.round(n).toLocaleString('en-US');

function cost(f: Figure): string {
  if (!f.cost.ok) return `${MISSING} (${f.cost.reason})`;
  return f.cost.low === f.cost.high
    ? `${money(f.cost.low)} KZT`
    : `${money(f.cost.low)}–${money(f.cost.high)} KZT`;
}

function doseText(l: MorbidityLine): string {
  if (!l.dose.ok) return `${MISSING} (${l.dose.reason})`;
  const d = l.dose;
  const label = d.basis === 'who_ddd' ? 'WHO DDD' : 'prescribed';
  return `${d.dose.amount} ${d.dose.unit}/day ${d.route} (${label}, ${d.confidence}${d.routeFrom === 'only_route' ? ', route not stated by the list' : ''})`;
}

function textOf(r: NeedReport): string {
  const out: string[] = [
    `need and budget: ${r.region} ${r.year} (engine asked on ${r.census})`,
    `registrations counted: ${r.register.registrations} (no item: ${r.register.withoutItem}, not evaluated: ${r.register.unevaluated})`,
    '',
    'morbidity method (patient-days on the register × daily dose; packs unknown where no pack size):',
  ];
  for (const l of r.morbidity) {
    const name = l.product.inn ?? '(no INN)';
    out.push(
      `  ${l.item} ${name}${l.choice ? ' [one of several products: not summed]' : ''}`,
      `    dose: ${doseText(l)}`,
      `    entitled: ${l.entitled.patients} patients, ${l.entitled.patientDays} days, ${l.entitled.units ? `${Math.round(l.entitled.units.amount)} ${l.entitled.units.unit}` : MISSING}, packs ${l.entitled.packs ?? 'unknown'}, cost ${cost(l.entitled)}`,
    );
    if (l.conditional.patients > 0) {
      out.push(
        `    conditional: ${l.conditional.patients} patients, ${l.conditional.patientDays} days, cost ${cost(l.conditional)}`,
      );
    }
  }
  for (const status of ['entitled', 'conditional'] as const) {
    const t = r.totals[status];
    out.push(
      '',
      `total ${status}: known ${money(t.known.low)}–${money(t.known.high)} KZT over ${t.summed} line(s); ` +
        `left out (never counted as zero): ${t.leftOut.noDose} without a dose, ${t.leftOut.noPrice} without a usable price, ${t.leftOut.choice} a choice among products (${t.patientsLeftOut} patient-lines)`,
    );
  }
  out.push(
    '',
    r.observed
      ? `consumption method (ledger ${r.observed.from}–${r.observed.to}, ${r.observed.months.toFixed(2)} months):`
      : 'consumption method: the year has not begun',
  );
  for (const c of r.consumption) {
    out.push(
      `  ${c.item} ${c.productKey}: ${c.consumed} ${c.unit}, ${c.daysOutOfStock} days out of stock, adjusted ${c.adjustedMonthly === null ? MISSING : c.adjustedMonthly.toFixed(2)} ${c.unit}/month, ${c.annual === null ? MISSING : c.annual.toFixed(1)} a year`,
    );
  }
  out.push('', 'sources (not law):');
  for (const s of r.sources) {
    out.push(
      `  ${s.path}: ${s.source.title}; ${s.source.publisher}; ${s.source.edition}; ${s.source.verified ? 'verified' : 'NOT verified against the official text'}`,
    );
  }
  return `${out.join('\n')}\n`;
}
