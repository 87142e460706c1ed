/** `tegin search <text>`: every region and item covering a diagnosis, code, INN, ATC or product name. */
import { parseArgs } from 'node:util';
import { searchFor } from '../../app/queries.ts';
import { Lang } from '../../domain/text.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadRegistryOrFail } from '../registry.ts';

const MATCHED: Record<string, Record<Lang, string>> = {
  icd10: { kk: 'АХЖ-10 коды', ru: 'код МКБ-10', en: 'ICD-10 code' },
  icd10_possible: {
    kk: 'АХЖ-10 коды (күмәнді)',
    ru: 'код МКБ-10 (под вопросом)',
    en: 'ICD-10 code (uncertain mapping)',
  },
  atc: { kk: 'АТХ коды', ru: 'код АТХ', en: 'ATC code' },
  text: { kk: 'мәтін', ru: 'текст', en: 'text' },
};

export async function searchCommand(args: string[], io: CliIo, dataDir?: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { lang: { type: 'string', default: 'en' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const lang = Lang.safeParse(values.lang);
  if (!lang.success) throw new UsageError(`--lang: "${values.lang}" is not one of kk, ru, en`);
  const query = positionals.join(' ').trim();
  if (query.length < 2) throw new UsageError('search: give at least two characters to search for');
  const registry = await loadRegistryOrFail(io, dataDir);
  if (!registry) return EXIT.dataProblems;
  const rows = searchFor(registry, query);
  if (values.json) {
    io.stdout(`${JSON.stringify({ query, results: rows }, null, 2)}\n`);
    return EXIT.ok;
  }
  const l = lang.data;
  const regions = new Set(rows.map((r) => r.region)).size;
  io.stdout(
    `"${query}": ${rows.length} ${l === 'en' ? `item(s) in ${regions} region(s)` : l === 'ru' ? `позиций в регионах: ${regions}` : `позиция, өңірлер: ${regions}`}\n`,
  );
  for (const r of rows) {
    const region = registry.region(r.region);
    const products = r.products.map((p) => (p.name ? p.name[l] : '—')).join('; ');
    io.stdout(
      `\n${region?.name[l] ?? r.region} (${r.region}) ${r.sectionNumber}.${r.item}  ${r.diagnosis[l]} [${r.diagnosis.icd10.join(', ')}]\n` +
        `    ${products}\n` +
        `    ${r.matchedBy.map((m) => MATCHED[m]?.[l] ?? m).join(', ')}; ${r.inForce?.[l] ?? ''}\n`,
    );
  }
  return EXIT.ok;
}
