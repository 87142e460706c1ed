/**
 * `tegin catalog --region R --date D`: a region's list as in force on a date,
 * as a readable table or, with --json, the documented JSON contract.
 * `tegin regions`: the 20 regions and whether tegin holds a list for each.
 */
import { parseArgs } from 'node:util';
import { describeEffective, type Catalog, type CatalogItem } from '../../domain/catalog.ts';
import { catalogFor } from '../../app/queries.ts';
import { dateFlag } from '../flags.ts';
import {
  AGE_LABELS,
  CONDITION_LABELS,
  MISSING_NAME,
  NOT_STATED,
  REGISTRATION_LABELS,
  SECTION_LABELS,
  STATUS_LABELS,
} from '../../domain/labels.ts';
import { Lang } from '../../domain/text.ts';
import type { Registry } from '../../registry/registry.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadRegistryOrFail } from '../registry.ts';

export async function catalog(args: string[], io: CliIo, dataDir?: string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      region: { type: 'string' },
      date: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      json: { type: 'boolean', default: false },
      'list-regions': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const lang = Lang.safeParse(values.lang);
  if (!lang.success) throw new UsageError(`--lang: "${values.lang}" is not one of kk, ru, en`);
  const registry = await loadRegistryOrFail(io, dataDir);
  if (!registry) return EXIT.dataProblems;
  if (values['list-regions']) return listRegions(registry, lang.data, values.json, io);

  if (!values.region)
    throw new UsageError(
      '--region is required (an ISO code such as KZ-27 or a slug such as west-kazakhstan)',
    );
  const region = registry.region(values.region);
  if (!region) {
    throw new UsageError(
      `--region: "${values.region}" is not a region; run "tegin regions" for the codes and slugs`,
    );
  }
  if (!values.date) throw new UsageError('--date is required (YYYY-MM-DD)');
  const date = dateFlag('--date', values.date);

  const answer = catalogFor(registry, region, date);
  io.stdout(
    values.json
      ? `${JSON.stringify(answer, null, 2)}\n`
      : renderCatalog(answer, registry, lang.data),
  );
  return EXIT.ok;
}

function listRegions(registry: Registry, lang: Lang, json: boolean, io: CliIo): number {
  const rows = registry.regions.map((r) => ({
    code: r.code,
    slug: r.slug,
    name: r.name,
    lists: registry.listVersions(r.code).length,
  }));
  if (json) io.stdout(`${JSON.stringify({ regions: rows }, null, 2)}\n`);
  else {
    for (const r of rows) {
      io.stdout(
        `${r.code}  ${r.slug.padEnd(18)} ${r.name[lang].padEnd(34)} ${r.lists > 0 ? HEAD[lang].hasList : '—'}\n`,
      );
    }
  }
  return EXIT.ok;
}

const HEAD = {
  kk: {
    listOn: 'қолданыстағы тізім',
    from: 'Қолданылуы',
    items: 'позиция',
    who: 'кімге',
    when: 'шарты',
    products: 'өнімдер',
    cite: 'негіз',
    why: 'себебі',
    note: 'ескерту',
    status: 'мәртебесі',
    diagnosis: 'диагноз',
    icd10: 'АХЖ-10',
    hasList: 'тізім бар',
  },
  ru: {
    listOn: 'перечень, действующий на',
    from: 'Действует',
    items: 'позиций',
    who: 'кому',
    when: 'условия',
    products: 'продукты',
    cite: 'основание',
    why: 'причина',
    note: 'примечание',
    status: 'статус',
    diagnosis: 'диагноз',
    icd10: 'МКБ-10',
    hasList: 'есть перечень',
  },
  en: {
    listOn: 'list as in force on',
    from: 'In force',
    items: 'items',
    who: 'who',
    when: 'when',
    products: 'products',
    cite: 'basis',
    why: 'why',
    note: 'note',
    status: 'status',
    diagnosis: 'diagnosis',
    icd10: 'ICD-10',
    hasList: 'list',
  },
} as const;

function renderCatalog(answer: Catalog, registry: Registry, lang: Lang): string {
  const region = registry.region(answer.region);
  const h = HEAD[lang];
  const out: string[] = [];
  const [y, m, d] = answer.date.split('-');
  out.push(
    `${region?.name[lang] ?? answer.region} (${answer.region}) — ${h.listOn} ${d}.${m}.${y}`,
  );
  const coverage = answer.coverage;
  switch (coverage.status) {
    case 'covered':
      out.push(`${h.from}: ${describeEffective(coverage.inForceFrom)[lang]}`);
      break;
    case 'uncertain':
    case 'not_covered':
    case 'no_list':
      out.push(`! ${coverage.reason[lang]}`);
      break;
  }
  for (const warning of answer.warnings) out.push(`! ${warning[lang]}`);
  let lastSection = '';
  for (const item of answer.items) {
    if (item.sectionNumber !== lastSection) {
      lastSection = item.sectionNumber;
      const inSection = answer.items.filter((i) => i.sectionNumber === item.sectionNumber);
      const counts = Object.entries(
        inSection.reduce<Record<string, number>>(
          (acc, i) => ({ ...acc, [i.status]: (acc[i.status] ?? 0) + 1 }),
          {},
        ),
      )
        .map(([status, n]) => `${n} ${STATUS_LABELS[status as CatalogItem['status']][lang]}`)
        .join(', ');
      out.push(
        '',
        `${item.sectionNumber}. ${SECTION_LABELS[item.section][lang]} — ${inSection.length} ${h.items} (${counts})`,
      );
      out.push(`${'№'.padEnd(4)} ${h.status.padEnd(16)} ${h.diagnosis} [${h.icd10}]`);
    }
    out.push(...renderItem(item, lang, coverage.status === 'uncertain'));
  }
  return `${out.join('\n')}\n`;
}

function renderItem(item: CatalogItem, lang: Lang, reasonShownAbove: boolean): string[] {
  const h = HEAD[lang];
  const pad = ' '.repeat(22);
  const status = STATUS_LABELS[item.status][lang].padEnd(16);
  const diagnosis = item.diagnosis
    ? `${item.diagnosis[lang]} [${item.diagnosis.icd10.join(', ')}]`
    : '—';
  const lines = [`${item.number.padEnd(4)} ${status} ${diagnosis}`];
  if (item.reason && !reasonShownAbove) lines.push(`${pad}${h.why}: ${item.reason[lang]}`);
  if (item.population) {
    const who = [AGE_LABELS[item.population.age][lang]];
    if (item.population.dispensaryRegistration === 'required')
      who.push(REGISTRATION_LABELS.required[lang]);
    if (item.population.text === null) who.push(NOT_STATED[lang]);
    lines.push(`${pad}${h.who}: ${who.join(', ')}`);
  }
  if (item.indication) {
    const when =
      item.indication.conditions.length > 0
        ? item.indication.conditions.map((c) => CONDITION_LABELS[c][lang]).join('; ')
        : NOT_STATED[lang];
    lines.push(`${pad}${h.when}: ${when}`);
  }
  if (item.products.length > 0) {
    const names = item.products.map((p) => {
      const name = p.name ? p.name[lang] : `(${MISSING_NAME[lang]})`;
      return p.atc ? `${name} (${p.atc})` : name;
    });
    lines.push(`${pad}${h.products}: ${names.join('; ')}`);
  }
  // What the source lacks, in the reader's language.
  for (const note of item.notes.filter((n) => n.kind === 'missing'))
    lines.push(`${pad}${h.note}: ${note.text[lang]}`);
  lines.push(`${pad}${h.cite}: ${item.citation.text[lang]}`);
  return lines;
}
