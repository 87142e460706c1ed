/**
 * `tegin analytics whatif --region R --draft FILE --date D [--format F] [--table
 * item|diagnosis|budget] [--out FILE]` (formats: analytics-output.ts): who would gain and who
 * would lose an entitlement on the register if the draft list (the format of
 * data/<KZ-NN>/lists/*.yaml) were in force on D — counts by item and by diagnosis, run as the
 * local operator through `analytics.aggregate` (audited). The draft is read and checked with the
 * registry's own schema and cross-checks (errors with file and line) and never enters the data.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseConfig } from '../../app/config.ts';
import { openDatabase } from '../../app/database.ts';
import { lawOf } from '../../app/ops/law.ts';
import { argon2Hasher } from '../../app/ops/password.ts';
import { analyticsOver, type WhatIfReport } from '../../app/analytics/analytics.ts';
import { whatIfTables } from '../../app/analytics/tables.ts';
import { readReferenceDir } from '../../registry/load-files.ts';
import { buildReference } from '../../registry/reference.ts';
import { startServices } from '../../app/services.ts';
import { readDraft } from '../../app/whatif-draft.ts';
import { IsoDate } from '../../domain/date.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { OPERATOR, report } from './ops.ts';
import { OUTPUT_OPTIONS, outputOf, writeAnswer } from './analytics-output.ts';

export async function whatIfCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      region: { type: 'string' },
      draft: { type: 'string' },
      date: { type: 'string' },
      ...OUTPUT_OPTIONS,
    },
    strict: true,
  });
  if (!values.region) throw new UsageError('--region is required');
  if (!values.draft) throw new UsageError('--draft FILE is required');
  const date = IsoDate.safeParse(values.date);
  if (!date.success) throw new UsageError('--date: expected YYYY-MM-DD');
  const output = outputOf(values);
  const text = readFileSync(values.draft, 'utf8');
  const config = parseConfig(process.env);
  const db = await openDatabase(config, 'tegin analytics');
  try {
    await db.ops.migrate();
    const services = await startServices(db.storage, { info: (m) => io.stderr(`${m}\n`) });
    const region = services.registry.region(values.region);
    if (!region) throw new UsageError(`--region: "${values.region}" is not a region code or slug`);
    const draft = readDraft({
      registry: services.registry,
      region,
      date: date.data,
      path: values.draft,
      text,
    });
    if (!draft.ok) {
      for (const i of draft.issues) {
        io.stderr(`${i.file}:${i.line ?? 1}: ${i.code}: ${i.path.join('.')}: ${i.message}\n`);
      }
      return EXIT.dataProblems;
    }
    const law = lawOf(services);
    const built = buildReference(readReferenceDir(), services.registry.medicines);
    const useCases = analyticsOver(
      {
        storage: db.ops,
        hasher: argon2Hasher,
        policy: DEFAULT_LOGIN_POLICY,
        law: () => law,
        reference: built.reference,
      },
      db.analytics,
      () => services.registry,
    );
    const result = await useCases.whatIfOf(
      OPERATOR,
      { region: region.code, date: date.data },
      draft.draft,
      { requestId: null, purpose: 'planning' },
    );
    if (result.ok) {
      const value = result.value;
      writeAnswer(io, output, { value, tables: whatIfTables(value), text: () => textOf(value) });
    }
    return report(result, io);
  } finally {
    await db.close();
  }
}

function textOf(r: WhatIfReport): string {
  const out = [
    `what-if: ${r.draft.path} as ${r.region}'s list on ${r.date} (a draft: not law, not in the data)`,
    `registrations on the register: ${r.registrations}; gaining an item: ${r.gainedAny}; losing every entitlement: ${r.lostAll}; not evaluated: ${r.unevaluated}`,
    '',
    'by item (registrations gained / lost / changed terms):',
    ...r.byItem.map((c) => `  ${c.key}: +${c.gained} −${c.lost} ~${c.changed}`),
    '',
    'by diagnosis:',
    ...r.byDiagnosis.map((c) => `  ${c.key}: +${c.gained} −${c.lost} ~${c.changed}`),
    '',
    `packs and cost in ${r.budget.year} (entitled, morbidity method; in force → draft):`,
    `  packs ${r.budget.law.packs} → ${r.budget.draft.packs} (lines without a pack size: ${r.budget.law.packsUnknown} → ${r.budget.draft.packsUnknown})`,
    `  known cost ${money(r.budget.law.cost.known.low)}–${money(r.budget.law.cost.known.high)} → ${money(r.budget.draft.cost.known.low)}–${money(r.budget.draft.cost.known.high)} KZT`,
  ];
  return `${out.join('\n')}\n`;
}

const money = (n: number) => Math.round(n).toLocaleString('en-US');
