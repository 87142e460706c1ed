/**
 * The standard wordings of the population and indication columns, with their
 * Russian and English renderings, and how each reads as data. A wording not
 * here is kept verbatim and marked for translation; its conditions are read
 * from keywords (`readPopulation`, `readIndication`).
 */
import type { AgeGroup, Population, Indication } from '../domain/list.ts';
import type { LocalizedText } from '../domain/text.ts';
import { fold } from '../domain/search.ts';

const PHRASES: readonly LocalizedText[] = [
  {
    kk: 'Диспансерлік есепте тұрған барлық санаттар',
    ru: 'Все категории, состоящие на диспансерном учёте',
    en: 'All categories on dispensary registration',
  },
  {
    kk: 'Диспансерлік есепте тұрған балалар',
    ru: 'Дети, состоящие на диспансерном учёте',
    en: 'Children on dispensary registration',
  },
  {
    kk: 'Диспансерлік есепте тұрған ересектер',
    ru: 'Взрослые, состоящие на диспансерном учёте',
    en: 'Adults on dispensary registration',
  },
  {
    kk: 'Диспансерлік есепте тұрған 18 жасқа дейінгі балалар',
    ru: 'Дети до 18 лет, состоящие на диспансерном учёте',
    en: 'Children under 18 on dispensary registration',
  },
  {
    kk: 'Ауырлықтың барлық сатысы мен дәрежесі',
    ru: 'Все стадии и степени тяжести',
    en: 'All stages and degrees of severity',
  },
  {
    kk: 'Ауырлық дәрежесіне қарамастан барлық түрі',
    ru: 'Все формы независимо от степени тяжести',
    en: 'All forms regardless of severity',
  },
  {
    kk: 'Верификацияланған диагнозда ауыртпалықтың барлық сатылары мен дәрежелері',
    ru: 'Все стадии и степени тяжести при верифицированном диагнозе',
    en: 'All stages and degrees of severity with a verified diagnosis',
  },
  {
    kk: 'Бейінді мамандардың қатысуымен медициналық ұйымдардың дәрігерлік-консультациялық комиссиясының шешімі бойынша',
    ru: 'По решению врачебно-консультативной комиссии медицинских организаций с участием профильных специалистов',
    en: 'By decision of the medical consultative commission of medical organisations with the participation of profile specialists',
  },
  {
    kk: 'Бейінді мамандардың қатысуымен медициналық ұйымның дәрігергік – консультативтік комиссиясының шешімі бойынша',
    ru: 'По решению врачебно-консультативной комиссии медицинской организации с участием профильных специалистов',
    en: 'By decision of the medical consultative commission of the medical organisation with the participation of profile specialists',
  },
  {
    kk: 'диагнозы бар азаматтарға',
    ru: 'гражданам с диагнозом',
    en: 'to citizens with the diagnosis',
  },
];

const BY_FOLDED = new Map<string, LocalizedText>();
for (const phrase of PHRASES) {
  BY_FOLDED.set(fold(phrase.kk), phrase);
  BY_FOLDED.set(fold(phrase.ru), phrase);
}

/** Every word of the standard wordings, for telling a broken word from two words. */
export const PHRASE_WORDS: readonly string[] = PHRASES.flatMap((p) =>
  `${p.kk} ${p.ru}`.toLowerCase().split(/[\s,]+/),
);

/** The marker a draft carries where a translation is needed; `data check` readers grep for it. */
export const TRANSLATE = 'TRANSLATE:';

/** The wording in three languages: from the phrasebook, else verbatim with a translation marker. */
/**
 * An editor's note the importer writes in English: the kk and ru texts are
 * marked for the reviewer to translate, like every other draft text.
 */
export function untranslated(en: string): LocalizedText {
  return { kk: `${TRANSLATE} ${en}`, ru: `${TRANSLATE} ${en}`, en };
}

export function localize(text: string, lang: 'kk' | 'ru'): LocalizedText {
  const known = BY_FOLDED.get(fold(text));
  if (known) return lang === 'kk' ? { ...known, kk: text } : { ...known, ru: text };
  const marked = `${TRANSLATE} ${text}`;
  return lang === 'kk'
    ? { kk: text, ru: marked, en: marked }
    : { kk: marked, ru: text, en: marked };
}

export function readPopulation(text: string | null, lang: 'kk' | 'ru'): Population {
  if (text === null) return { age: 'all', dispensaryRegistration: 'not_stated', text: null };
  const t = text.toLowerCase();
  let age: AgeGroup = 'all';
  if (/балалар|балаларға|дет[иея]/u.test(t)) age = 'children';
  else if (/ересектер|взросл/u.test(t)) age = 'adults';
  return {
    age,
    dispensaryRegistration: /диспансерлік есеп|диспансерн\p{L}* уч/u.test(t)
      ? 'required'
      : 'not_stated',
    text: localize(text, lang),
  };
}

export function readIndication(text: string | null, lang: 'kk' | 'ru'): Indication {
  if (text === null) return { conditions: [], text: null };
  const t = text.toLowerCase();
  const conditions: Indication['conditions'] = [];
  if (/верификацияланған|верифицированн/u.test(t)) conditions.push('verified_diagnosis');
  if (/комисси/u.test(t)) conditions.push('commission_decision');
  if (
    /барлық сатысы|барлық сатылары|дәрежесіне қарамастан|все стадии|независимо от степени/u.test(t)
  )
    conditions.push('any_severity');
  if (conditions.length === 0) conditions.push('other');
  return { conditions, text: localize(text, lang) };
}
