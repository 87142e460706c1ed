/** `tegin diff --region R --from D1 --to D2`: what changed in a region's list between two dates. */
import { parseArgs } from 'node:util';
import type { IsoDate } from '../../domain/date.ts';
import { dateFlag } from '../flags.ts';
import { diffFor } from '../../app/queries.ts';
import { legalDate } from '../../domain/citation.ts';
import { CHANGED_FIELD_LABELS, ITEM_CHANGE_LABELS } from '../../domain/labels.ts';
import { Lang } from '../../domain/text.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadRegistryOrFail } from '../registry.ts';

const WORDS = {
  kk: {
    between: (region: string, from: string, to: string) =>
      `${region}: ${from} және ${to} аралығындағы өзгерістер`,
    acts: 'Осы кезеңде күшіне енген актілер',
    maybe: 'мүмкін',
    none: 'өзгеріс жоқ',
    unknown: 'Белгісіз',
  },
  ru: {
    between: (region: string, from: string, to: string) =>
      `${region}: изменения с ${from} по ${to}`,
    acts: 'Акты, вступившие в силу в этот период',
    maybe: 'возможно',
    none: 'изменений нет',
    unknown: 'Неизвестно',
  },
  en: {
    between: (region: string, from: string, to: string) =>
      `${region}: changes from ${from} to ${to}`,
    acts: 'Acts that took effect in this period',
    maybe: 'may have',
    none: 'no changes',
    unknown: 'Unknown',
  },
} as const;

export async function diffCommand(args: string[], io: CliIo, dataDir?: string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      region: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const lang = Lang.safeParse(values.lang);
  if (!lang.success) throw new UsageError(`--lang: "${values.lang}" is not one of kk, ru, en`);
  if (!values.region) throw new UsageError('--region is required');
  const dates = (['from', 'to'] as const).map((flag) => {
    const value = values[flag];
    if (!value) throw new UsageError(`--${flag} is required (YYYY-MM-DD)`);
    return dateFlag(`--${flag}`, value);
  }) as [IsoDate, IsoDate];
  if (dates[0] > dates[1]) throw new UsageError(`--from (${dates[0]}) is after --to (${dates[1]})`);
  const registry = await loadRegistryOrFail(io, dataDir);
  if (!registry) return EXIT.dataProblems;
  const region = registry.region(values.region);
  if (!region)
    throw new UsageError(`--region: "${values.region}" is not a region; run "tegin regions"`);
  const diff = diffFor(registry, region, dates[0], dates[1]);
  if (values.json) {
    io.stdout(`${JSON.stringify(diff, null, 2)}\n`);
    return EXIT.ok;
  }
  const l = lang.data;
  const w = WORDS[l];
  const out = [
    w.between(`${region.name[l]} (${region.code})`, legalDate(dates[0]), legalDate(dates[1])),
  ];
  for (const u of diff.unknown) out.push(`! ${w.unknown}: ${u[l]}`);
  if (diff.changes) {
    if (diff.changes.length === 0) out.push(w.none);
    for (const c of diff.changes) {
      const d = (c.after?.diagnosis ?? c.before?.diagnosis)?.[l] ?? '—';
      out.push(
        `  ${ITEM_CHANGE_LABELS[c.kind][l].padEnd(16)} ${c.sectionNumber}.${c.number}  ${d}${c.fields.length ? ` (${c.fields.map((f) => CHANGED_FIELD_LABELS[f][l]).join(', ')})` : ''}`,
      );
    }
  }
  if (diff.acts.length > 0) {
    out.push('', `${w.acts}:`);
    for (const a of diff.acts) {
      const parts = a.changes.map((c) => c.text[l]).join('; ');
      out.push(
        `  ${a.between === 'unknown' ? `(${w.maybe}) ` : ''}${a.label[l]} — ${a.when[l]} — ${parts}`,
      );
    }
  }
  io.stdout(`${out.join('\n')}\n`);
  return EXIT.ok;
}
