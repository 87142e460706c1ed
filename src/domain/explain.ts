/**
 * One-sentence explanations of entitlement decisions in kk/ru/en. Sentences
 * are assembled from parts fixed when the engine is compiled (basis, diagnosis,
 * products) and the few facts of the patient (age, date).
 */
import type { ActFile } from './act.ts';
import { legalDate } from './citation.ts';
import type { AgeGroup, CodeScope } from './list.ts';
import type { Region } from './region.ts';
import type { LocalizedText } from './text.ts';
import { placeOf, type CitationUnit } from './units.ts';

export const UNMET = [
  'commission_decision',
  'dispensary_registration',
  'verified_diagnosis',
  'indication_wording',
  'diagnosis_confirmation',
  'citizenship',
  'attachment',
] as const;
export type Unmet = (typeof UNMET)[number];

export const UNMET_LABELS: Record<Unmet, LocalizedText> = {
  commission_decision: {
    kk: 'ДКК шешімі',
    ru: 'решение ВКК',
    en: 'a decision of the medical consultative commission (ДКК/ВКК)',
  },
  dispensary_registration: {
    kk: 'диагноз бойынша диспансерлік есепте тұру',
    ru: 'диспансерный учёт по диагнозу',
    en: 'dispensary registration for the diagnosis',
  },
  verified_diagnosis: {
    kk: 'верификацияланған диагноз',
    ru: 'верифицированный диагноз',
    en: 'a verified diagnosis',
  },
  indication_wording: {
    kk: 'тізімдегі көрсетілім мәтініне сәйкестік',
    ru: 'соответствие формулировке показаний в перечне',
    en: 'meeting the indication as the list words it',
  },
  diagnosis_confirmation: {
    kk: 'диагноздың тізімде аталған ауру екенін дәрігердің растауы',
    ru: 'подтверждение врачом, что диагноз — именно названное в перечне заболевание',
    en: "a clinician's confirmation that the diagnosis is the disease the list names",
  },
  citizenship: {
    kk: 'тізім атаған азаматтыққа жату',
    ru: 'принадлежность к гражданам, которых называет перечень',
    en: 'being one of the citizens the list is for',
  },
  attachment: {
    kk: 'өңірдің медициналық ұйымына бекітілу',
    ru: 'прикрепление к медицинской организации региона',
    en: "attachment to a medical organisation of the list's region",
  },
};

const AGE_FOR: Record<Exclude<AgeGroup, 'all'>, LocalizedText> = {
  children: { kk: '18 жасқа дейінгі балаларға', ru: 'на детей до 18 лет', en: 'children under 18' },
  adults: {
    kk: '18 жастан асқан ересектерге',
    ru: 'на взрослых от 18 лет',
    en: 'adults 18 and over',
  },
};

/** "sub-point 14) of point 1 of annex 1 to the decision … No 34 of 25.02.2021" in three languages. */
export function basisPhrase(
  act: Pick<ActFile, 'adopted' | 'number'>,
  region: Region,
  annex: string,
  units: readonly CitationUnit[],
): LocalizedText {
  const date = legalDate(act.adopted);
  const where = placeOf(annex, units);
  return {
    kk: `${region.maslikhat.kk} ${date} № ${act.number} шешімінің ${where.kk}`,
    ru: `${where.ru} к решению ${region.maslikhat.ru} от ${date} № ${act.number}`,
    en: `${where.en} to the decision of the ${region.maslikhat.en} No ${act.number} of ${date}`,
  };
}

export interface ExplainParts {
  basis: LocalizedText;
  diagnosis: LocalizedText;
  products: LocalizedText;
  /** What a diagnosis confirmation must establish, for the code matched (see scopeClause). */
  confirmation?: LocalizedText;
}

/**
 * Why a code needs the clinician's confirmation, in the words of the list: the code is
 * broader than the named disease, only may correspond to it, or the list requires more
 * than any code says. Null where the code alone meets the words.
 */
export function scopeClause(
  diagnosis: LocalizedText,
  scope: Pick<CodeScope, 'code' | 'relation' | 'title'>,
  requires: LocalizedText | undefined,
): LocalizedText | null {
  const { code, relation, title } = scope;
  const parts: LocalizedText[] = [];
  if (relation === 'broader') {
    parts.push({
      kk: `тізімде «${diagnosis.kk}» аталған; ${code} коды басқа ауруларды да қамтиды`,
      ru: `в перечне названо «${diagnosis.ru}»; код ${code} охватывает и другие заболевания`,
      en: `the list names "${diagnosis.en}"; ${code} (${title}) also covers other conditions`,
    });
  } else if (relation === 'alternative') {
    parts.push({
      kk: `тізімде «${diagnosis.kk}» аталған; ${code} коды оған сәйкес келуі де, келмеуі де мүмкін`,
      ru: `в перечне названо «${diagnosis.ru}»; код ${code} может ему соответствовать, а может и нет`,
      en: `the list names "${diagnosis.en}"; ${code} (${title}) may or may not be it`,
    });
  }
  if (requires) {
    parts.push({
      kk: `тізім талап етеді: ${requires.kk}`,
      ru: `перечень требует: ${requires.ru}`,
      en: `the list requires ${requires.en}`,
    });
  }
  if (parts.length === 0) return null;
  const join = (lang: keyof LocalizedText) => parts.map((p) => p[lang]).join('; ');
  return { kk: join('kk'), ru: join('ru'), en: join('en') };
}

export function entitledSentence(p: ExplainParts): LocalizedText {
  return {
    kk: `${p.basis.kk} бойынша «${p.diagnosis.kk}» диагнозы кезінде тегін беріледі: ${p.products.kk}.`,
    ru: `Положено бесплатно по диагнозу «${p.diagnosis.ru}»: ${p.products.ru} (${p.basis.ru}).`,
    en: `Entitled: ${p.products.en}, free of charge for "${p.diagnosis.en}" under ${p.basis.en}.`,
  };
}

export function conditionalSentence(p: ExplainParts, unmet: readonly Unmet[]): LocalizedText {
  const list = (lang: keyof LocalizedText) => unmet.map((u) => UNMET_LABELS[u][lang]).join(', ');
  const why = (lang: keyof LocalizedText) =>
    p.confirmation && unmet.includes('diagnosis_confirmation') ? ` (${p.confirmation[lang]})` : '';
  return {
    kk: `${p.basis.kk} бойынша «${p.diagnosis.kk}» диагнозы кезінде ${p.products.kk} беріледі, қажет: ${list('kk')}${why('kk')}.`,
    ru: `Положено по диагнозу «${p.diagnosis.ru}»: ${p.products.ru} (${p.basis.ru}) при условии: ${list('ru')}${why('ru')}.`,
    en: `Entitled to ${p.products.en} for "${p.diagnosis.en}" under ${p.basis.en} once there is ${list('en')}${why('en')}.`,
  };
}

/** The patient is outside whom the list's title names: not a citizen, or served elsewhere. */
export function beneficiarySentence(
  p: ExplainParts,
  beneficiaries: LocalizedText,
  fact: 'not_citizen' | 'not_served_in_region',
  region: Region,
  servedIn: Region | null,
): LocalizedText {
  const patient =
    fact === 'not_citizen'
      ? {
          kk: 'пациент Қазақстан Республикасының азаматы емес',
          ru: 'пациент не является гражданином Республики Казахстан',
          en: 'the patient is not a citizen of the Republic of Kazakhstan',
        }
      : {
          kk: `пациентке ${region.name.kk} емес, ${servedIn?.name.kk ?? ''} медициналық ұйымы қызмет көрсетеді`,
          ru: `пациента обслуживает медицинская организация не региона «${region.name.ru}», а региона «${servedIn?.name.ru ?? ''}»`,
          en: `the patient is served by a medical organisation of ${servedIn?.name.en ?? ''}, not of ${region.name.en}`,
        };
  return {
    kk: `Берілмейді: ${p.basis.kk} «${beneficiaries.kk}» арналған; ${patient.kk}.`,
    ru: `Не положено: ${p.basis.ru} предназначен «${beneficiaries.ru}»; ${patient.ru}.`,
    en: `Not entitled: ${p.basis.en} is for "${beneficiaries.en}"; ${patient.en}.`,
  };
}

export function ageSentence(
  p: ExplainParts,
  group: Exclude<AgeGroup, 'all'>,
  age: number,
  date: string,
): LocalizedText {
  const d = legalDate(date);
  return {
    kk: `Берілмейді: ${p.basis.kk} ${AGE_FOR[group].kk} арналған; ${d} күні пациенттің жасы — ${age}.`,
    ru: `Не положено: ${p.basis.ru} распространяется ${AGE_FOR[group].ru}; возраст пациента на ${d} — ${age}.`,
    en: `Not entitled: ${p.basis.en} covers ${AGE_FOR[group].en}, and the patient is ${age} on ${d}.`,
  };
}

export function unnamedSentence(p: ExplainParts): LocalizedText {
  return {
    kk: `Белгісіз: ${p.basis.kk} «${p.diagnosis.kk}» диагнозын қамтиды, бірақ дәрілік заттың атауын көрсетпейді.`,
    ru: `Неизвестно: ${p.basis.ru} охватывает диагноз «${p.diagnosis.ru}», но не называет лекарственное средство.`,
    en: `Unknown: ${p.basis.en} covers "${p.diagnosis.en}" but names no medicine.`,
  };
}

export function withPrefix(prefix: LocalizedText, reason: LocalizedText): LocalizedText {
  return {
    kk: `${prefix.kk} ${reason.kk}`,
    ru: `${prefix.ru} ${reason.ru}`,
    en: `${prefix.en} ${reason.en}`,
  };
}

export const UNKNOWN_PREFIX: LocalizedText = { kk: 'Белгісіз:', ru: 'Неизвестно:', en: 'Unknown:' };
export const NOT_ENTITLED_PREFIX: LocalizedText = {
  kk: 'Берілмейді:',
  ru: 'Не положено:',
  en: 'Not entitled:',
};
