/**
 * One-sentence explanations of entitlement decisions in kk/ru/en. Sentences
 * are assembled from parts fixed when the engine is compiled (basis, diagnosis,
 * products) and the few facts of the patient (age, date).
 */
import type { ActFile } from './act.ts';
import { legalDate } from './citation.ts';
import type { AgeGroup } from './list.ts';
import type { Region } from './region.ts';
import type { LocalizedText } from './text.ts';
import { placeOf, type CitationUnit } from './units.ts';

export const UNMET = [
  'commission_decision',
  'dispensary_registration',
  'verified_diagnosis',
  'indication_wording',
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
  return {
    kk: `${p.basis.kk} бойынша «${p.diagnosis.kk}» диагнозы кезінде ${p.products.kk} беріледі, қажет: ${list('kk')}.`,
    ru: `Положено по диагнозу «${p.diagnosis.ru}»: ${p.products.ru} (${p.basis.ru}) при условии: ${list('ru')}.`,
    en: `Entitled to ${p.products.en} for "${p.diagnosis.en}" under ${p.basis.en} once there is ${list('en')}.`,
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

export function uncertainMappingSentence(p: ExplainParts, code: string): LocalizedText {
  return {
    kk: `Белгісіз: ${p.basis.kk} «${p.diagnosis.kk}» деп жазылған; оған ${code} коды кіретіні анық емес.`,
    ru: `Неизвестно: ${p.basis.ru} говорит «${p.diagnosis.ru}»; входит ли сюда код ${code}, неясно.`,
    en: `Unknown: ${p.basis.en} says "${p.diagnosis.en}", which may or may not include ${code}.`,
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
