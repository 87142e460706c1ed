/**
 * `tegin analytics whatif --region R --draft FILE --date D [--json|--csv]`: who would gain and who
 * would lose an entitlement on the register if the draft list (the format of
 * data/<KZ-NN>/lists/*.yaml) were in force on D — counts by item and by diagnosis, run as the
 * local operator through `analytics.aggregate` (audited). The draft is read and checked with the
 * registry's own schema and cross-checks (errors with file and line) and never enters the data.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseConfig } from '../../app/config.ts';
import { openDatabase } from '../../app/database.ts';
import { toCsv } from '../../app/exports/csv.ts';
import { lawOf } from '../../app/ops/law.ts';
import { argon2Hasher } from '../../app/ops/password.ts';
import { WhatIfUseCases, type WhatIfReport } from '../../app/ops/whatif.ts';
import { startServices } from '../../app/services.ts';
import { readDraft } from '../../app/whatif-draft.ts';
import { IsoDate } from '../../domain/date.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { OPERATOR, report } from './ops.ts';

export async function whatIfCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      region: { type: 'string' },
      draft: { type: 'string' },
      date: { type: 'string' },
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.region) throw new UsageError('--region is required');
  if (!values.draft) throw new UsageError('--draft FILE is required');
  const date = IsoDate.safeParse(values.date);
  if (!date.success) throw new UsageError('--date: expected YYYY-MM-DD');
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
    const useCases = new WhatIfUseCases({
      storage: db.ops,
      hasher: argon2Hasher,
      policy: DEFAULT_LOGIN_POLICY,
      law: () => law,
    });
    const result = await useCases.whatIf(
      OPERATOR,
      { region: region.code, date: date.data },
      draft.draft,
      { requestId: null, purpose: 'planning' },
    );
    if (result.ok) {
      if (values.json) io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
      else if (values.csv) io.stdout(toCsv(whatIfTable(result.value)));
      else io.stdout(textOf(result.value));
    }
    return report(result, io);
  } finally {
    await db.close();
  }
}

export function whatIfTable(r: WhatIfReport) {
  return {
    name: `whatif ${r.region} ${r.date}`,
    header: ['by', 'key', 'gained', 'lost', 'changed'],
    rows: [
      ...r.byItem.map((c) => ['item', c.key, c.gained, c.lost, c.changed]),
      ...r.byDiagnosis.map((c) => ['diagnosis', c.key, c.gained, c.lost, c.changed]),
    ],
  };
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
  ];
  return `${out.join('\n')}\n`;
}
