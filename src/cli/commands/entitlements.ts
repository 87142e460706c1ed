/**
 * `tegin entitlements`: what a patient is entitled to, on which legal basis,
 * and what is still unmet. By default the patient is on dispensary
 * registration for every diagnosis given, has no commission decision, is a
 * citizen of Kazakhstan served by an organisation of the region asked about
 * (each default is stated in the answer as an assumption), and no clinician
 * has confirmed that a diagnosis is the disease a list names; --not-registered,
 * --commission, --verified, --confirmed, --citizenship and --served-in say otherwise.
 */
import { parseArgs } from 'node:util';
import { describeEffective } from '../../domain/catalog.ts';
import { Engine, type EngineResult, type Entitlement } from '../../domain/engine.ts';
import { UNMET_LABELS } from '../../domain/explain.ts';
import type { InputIssue } from '../../domain/patient.ts';
import { evaluateFor } from '../../app/queries.ts';
import { Lang, type LocalizedText } from '../../domain/text.ts';
import type { Registry } from '../../registry/registry.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { ageFlag } from '../flags.ts';
import { loadRegistryOrFail } from '../registry.ts';

const FLAG_OF: Record<string, string> = {
  region: '--region',
  date: '--date',
  age: '--age',
  birthDate: '--birth-date',
  iin: '--iin',
  citizenship: '--citizenship',
  servedIn: '--served-in',
  diagnoses: '--icd10',
};

export async function entitlements(args: string[], io: CliIo, dataDir?: string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      region: { type: 'string' },
      date: { type: 'string' },
      age: { type: 'string' },
      'birth-date': { type: 'string' },
      iin: { type: 'string' },
      icd10: { type: 'string', multiple: true },
      'not-registered': { type: 'boolean', default: false },
      commission: { type: 'boolean', default: false },
      verified: { type: 'boolean', default: false },
      confirmed: { type: 'boolean', default: false },
      citizenship: { type: 'string' },
      'served-in': { type: 'string' },
      lang: { type: 'string', default: 'en' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const lang = Lang.safeParse(values.lang);
  if (!lang.success) throw new UsageError(`--lang: "${values.lang}" is not one of kk, ru, en`);
  if (!values.region)
    throw new UsageError('--region is required (an ISO code such as KZ-27 or a slug)');
  if (!values.date) throw new UsageError('--date is required (YYYY-MM-DD)');
  if (!values.icd10 || values.icd10.length === 0)
    throw new UsageError('--icd10 is required (one or more ICD-10 codes)');
  const age = values.age === undefined ? undefined : ageFlag(values.age);
  const registry = await loadRegistryOrFail(io, dataDir);
  if (!registry) return EXIT.dataProblems;
  const answered = evaluateFor(registry, new Engine(registry), {
    region: values.region,
    date: values.date,
    ...(age === undefined ? {} : { age }),
    ...(values['birth-date'] === undefined ? {} : { birthDate: values['birth-date'] }),
    ...(values.iin === undefined ? {} : { iin: values.iin }),
    ...(values.citizenship === undefined ? {} : { citizenship: values.citizenship }),
    ...(values['served-in'] === undefined ? {} : { servedIn: values['served-in'] }),
    diagnoses: values.icd10.map((code) => ({
      code,
      ...(values['not-registered'] ? { registered: false } : {}),
      commission: values.commission,
      verified: values.verified,
      confirmed: values.confirmed,
    })),
  });
  if (!answered.ok) throw new UsageError(answered.issues.map(describeIssue).join('\n'));
  const answer = answered.result;
  io.stdout(
    values.json ? `${JSON.stringify(answer, null, 2)}\n` : render(answer, registry, lang.data),
  );
  return EXIT.ok;
}

function describeIssue(issue: InputIssue): string {
  const flag = FLAG_OF[String(issue.path[0])] ?? String(issue.path[0]);
  return `${flag}: ${issue.message}`;
}

const WORDS = {
  kk: {
    aged: 'пациенттің жасы',
    on: 'күні',
    items: 'табылған позициялар',
    inForce: 'Қолданылуы',
    none: 'тізімде бұл кодты қамтитын позиция жоқ',
    basis: 'негіз',
    unmet: 'қажет',
    assumed: 'Болжам',
  },
  ru: {
    aged: 'возраст пациента',
    on: 'на',
    items: 'найдено позиций',
    inForce: 'Действует',
    none: 'в перечне нет позиций с этим кодом',
    basis: 'основание',
    unmet: 'нужно',
    assumed: 'Допущение',
  },
  en: {
    aged: 'patient aged',
    on: 'on',
    items: 'items',
    inForce: 'In force',
    none: 'no item of the list covers this code',
    basis: 'basis',
    unmet: 'unmet',
    assumed: 'Assumed',
  },
} as const;

const STATUS_WORD: Record<Entitlement['status'], LocalizedText> = {
  entitled: { kk: 'БЕРІЛЕДІ', ru: 'ПОЛОЖЕНО', en: 'ENTITLED' },
  conditional: { kk: 'ШАРТПЕН', ru: 'УСЛОВНО', en: 'CONDITIONAL' },
  not_entitled: { kk: 'БЕРІЛМЕЙДІ', ru: 'НЕ ПОЛОЖЕНО', en: 'NOT ENTITLED' },
  unknown: { kk: 'БЕЛГІСІЗ', ru: 'НЕИЗВЕСТНО', en: 'UNKNOWN' },
};

function render(result: EngineResult, registry: Registry, lang: Lang): string {
  const w = WORDS[lang];
  const region = registry.region(result.region);
  const [y, m, d] = result.date.split('-');
  const out = [
    `${region?.name[lang] ?? result.region} (${result.region}), ${d}.${m}.${y} — ${w.aged} ${result.age}`,
  ];
  if (result.coverage.status === 'covered')
    out.push(`${w.inForce}: ${describeEffective(result.coverage.inForceFrom)[lang]}`);
  else out.push(`! ${result.coverage.reason[lang]}`);
  for (const warning of result.warnings) out.push(`! ${warning[lang]}`);
  for (const assumption of result.assumptions) out.push(`${w.assumed}: ${assumption.text[lang]}`);
  for (const diagnosis of result.diagnoses) {
    out.push(
      '',
      `${diagnosis.code}${diagnosis.input !== diagnosis.code ? ` (${diagnosis.input})` : ''}  — ${diagnosis.items === 0 ? w.none : `${w.items} ${diagnosis.items}`}`,
    );
    for (const e of result.entitlements.filter((x) => x.diagnosis.code === diagnosis.code)) {
      out.push(
        `  ${STATUS_WORD[e.status][lang].padEnd(13)} ${e.basis.section}.${e.item}  ${e.diagnosis.listed[lang]} [${e.diagnosis.listed.icd10.join(', ')}]`,
      );
      out.push(`${' '.repeat(16)}${e.explanation[lang]}`);
      if (e.unmet.length > 0)
        out.push(
          `${' '.repeat(16)}${w.unmet}: ${e.unmet.map((u) => UNMET_LABELS[u][lang]).join('; ')}`,
        );
      out.push(`${' '.repeat(16)}${w.basis}: ${e.basis.text[lang]}`);
    }
  }
  return `${out.join('\n')}\n`;
}
