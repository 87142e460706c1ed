/**
 * `tegin demo [--seed N] [--until YYYY-MM-DD] [--json]`: fills the configured database with
 * demonstration organisations, staff accounts (their passwords printed once) and a synthetic
 * population with a year of registrations, decisions, prescriptions and dispenses, written
 * through the same use cases as every client. Refuses a database that already has demo data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { todayInKazakhstan } from '../../app/clock.ts';
import { parseConfig } from '../../app/config.ts';
import { openDatabase } from '../../app/database.ts';
import { runDemo, type DemoSummary } from '../../app/ops/demo.ts';
import { lawOf } from '../../app/ops/law.ts';
import { argon2Hasher } from '../../app/ops/password.ts';
import { OpsService } from '../../app/ops/service.ts';
import { startServices } from '../../app/services.ts';
import { catalogFor } from '../../app/queries.ts';
import { dateProblem, isoDate, type IsoDate } from '../../domain/date.ts';
import { DemoPopulationFile } from '../../ops/demo/plan.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import { ROOT } from '../../paths.ts';
import { rxSigningFor } from '../../app/ops/rx-signing.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';

export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      seed: { type: 'string', default: '1' },
      until: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!/^\d{1,9}$/.test(values.seed)) throw new UsageError('--seed: expected a whole number');
  const until = values.until ?? todayInKazakhstan();
  const problem = dateProblem(until);
  if (problem) throw new UsageError(`--until: ${problem}`);
  const file = DemoPopulationFile.parse(
    parse(readFileSync(join(ROOT, 'demo', 'population.yaml'), 'utf8')),
  );

  const config = parseConfig(process.env);
  const db = await openDatabase(config, 'tegin demo');
  try {
    const services = await startServices(db.storage, { info: (m) => io.stderr(`${m}\n`) });
    await db.ops.migrate();
    const existing = (
      await Promise.all(Object.keys(file.regions).map((region) => db.ops.listOrganisations(region)))
    ).flat();
    if (existing.length > 0) {
      io.stderr(
        'tegin demo: this database already has organisations; the demo fills an empty one (remove the database directory, or use another DATABASE_URL)\n',
      );
      return EXIT.badInput;
    }
    const law = lawOf(services);
    let clock = new Date();
    const ops = new OpsService({
      storage: db.ops,
      hasher: argon2Hasher,
      policy: DEFAULT_LOGIN_POLICY,
      now: () => clock,
      law: () => law,
      // The server's own signer: what the demo signs verifies there.
      signer: rxSigningFor(config, { warn: (m) => io.stderr(`${m}\n`) }).signer,
    });
    const summary = await runDemo({
      ops,
      // 10:00 in Kazakhstan on the simulated day.
      setClock: (day: IsoDate) => (clock = new Date(`${day}T05:00:00.000Z`)),
      law,
      regions: services.registry.regions,
      catalog: (region, date) => catalogFor(services.registry, region, date),
      file,
      seed: Number(values.seed),
      until: isoDate(until),
      progress: (m) => io.stderr(`${m}\n`),
    });
    io.stdout(values.json ? `${JSON.stringify(summary, null, 2)}\n` : text(summary));
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

function text(summary: DemoSummary): string {
  const lines = ['Demo data created. Nobody in it is real.', '', 'Regions:'];
  for (const r of summary.regions) {
    lines.push(
      `  ${r.region}: ${r.patients} patients, ${r.registrations} registrations, ${r.decisions} commission decisions,`,
      `    ${r.prescriptions} prescriptions (${r.refused} refused by the engine, ${r.cancelled} cancelled), ${r.dispenses} dispenses, ${r.deferrals} deferrals`,
      `    prescribing ${r.period ? `${r.period.from} to ${r.period.until}` : 'none'}${r.note ? ` — ${r.note}` : ''}`,
    );
  }
  lines.push('', 'Staff accounts (demo passwords, shown once — keep them to sign in):');
  for (const a of summary.accounts) {
    lines.push(
      `  ${a.username.padEnd(22)} ${a.password}  ${a.role}${a.organisation ? ` at ${a.organisation}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
