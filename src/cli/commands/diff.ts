/** `tegin diff --region R --from D1 --to D2`: what changed in a region's list between two dates. */
import { parseArgs } from 'node:util';
import { IsoDate } from '../../domain/date.ts';
import { diffFor } from '../../app/queries.ts';
import type { ItemChange } from '../../domain/diff.ts';
import { Lang } from '../../domain/text.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadRegistryOrFail } from '../registry.ts';

const KIND: Record<ItemChange['kind'], Record<Lang, string>> = {
  added: { kk: 'қосылды', ru: 'добавлено', en: 'added' },
  removed: { kk: 'жойылды', ru: 'удалено', en: 'removed' },
  excluded: { kk: 'алынып тасталды', ru: 'исключено', en: 'excluded' },
  changed: { kk: 'өзгерді', ru: 'изменено', en: 'changed' },
};
const WORDS = {
  kk: {
    between: 'аралығындағы өзгерістер',
    acts: 'Осы кезеңде күшіне енген актілер',
    maybe: 'мүмкін',
    none: 'өзгеріс жоқ',
    unknown: 'Белгісіз',
  },
  ru: {
    between: 'изменения между',
    acts: 'Акты, вступившие в силу в этот период',
    maybe: 'возможно',
    none: 'изменений нет',
    unknown: 'Неизвестно',
  },
  en: {
    between: 'changes between',
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
    const parsed = IsoDate.safeParse(value);
    if (!parsed.success)
      throw new UsageError(`--${flag}: "${value}" is not a calendar date as YYYY-MM-DD`);
    return parsed.data;
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
  const out = [`${region.name[l]} (${region.code}): ${w.between} ${dates[0]} — ${dates[1]}`];
  for (const u of diff.unknown) out.push(`! ${w.unknown}: ${u[l]}`);
  if (diff.changes) {
    if (diff.changes.length === 0) out.push(w.none);
    for (const c of diff.changes) {
      const d = (c.after?.diagnosis ?? c.before?.diagnosis)?.[l] ?? '—';
      out.push(
        `  ${KIND[c.kind][l].padEnd(16)} ${c.sectionNumber}.${c.number}  ${d}${c.fields.length ? ` (${c.fields.join(', ')})` : ''}`,
      );
    }
  }
  if (diff.acts.length > 0) {
    out.push('', `${w.acts}:`);
    for (const a of diff.acts) {
      const parts = a.changes.map((c) => `${c.part}: ${c.change}`).join('; ');
      out.push(
        `  ${a.between === 'unknown' ? `(${w.maybe}) ` : ''}${a.label[l]} — ${a.when[l]} — ${parts}`,
      );
    }
  }
  io.stdout(`${out.join('\n')}\n`);
  return EXIT.ok;
}
