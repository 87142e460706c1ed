/** Plain-language labels for the fixed sets of the domain, in kk/ru/en. */
import type { AgeGroup, Indication, Population, SectionKind } from './list.ts';
import type { CatalogItemStatus } from './catalog.ts';
import type { LocalizedText } from './text.ts';

export const SECTION_LABELS: Record<SectionKind, LocalizedText> = {
  medicine: { kk: 'Дәрілік заттар', ru: 'Лекарственные средства', en: 'Medicines' },
  device: { kk: 'Медициналық бұйымдар', ru: 'Медицинские изделия', en: 'Medical devices' },
  food: {
    kk: 'Мамандандырылған емдік өнімдер',
    ru: 'Специализированные лечебные продукты',
    en: 'Specialised therapeutic foods',
  },
};

export const AGE_LABELS: Record<AgeGroup, LocalizedText> = {
  all: { kk: 'барлық жастағы', ru: 'все возрасты', en: 'all ages' },
  children: { kk: '18 жасқа дейінгі балалар', ru: 'дети до 18 лет', en: 'children under 18' },
  adults: { kk: '18 жастан асқан ересектер', ru: 'взрослые от 18 лет', en: 'adults 18 and over' },
};

export const REGISTRATION_LABELS: Record<Population['dispensaryRegistration'], LocalizedText> = {
  required: {
    kk: 'диспансерлік есепте тұрғандар',
    ru: 'состоящие на диспансерном учёте',
    en: 'on dispensary registration',
  },
  not_stated: {
    kk: 'диспансерлік есеп туралы айтылмаған',
    ru: 'о диспансерном учёте не сказано',
    en: 'dispensary registration not stated',
  },
};

export const CONDITION_LABELS: Record<Indication['conditions'][number], LocalizedText> = {
  any_severity: {
    kk: 'ауырлықтың барлық сатысы мен дәрежесі',
    ru: 'все стадии и степени тяжести',
    en: 'any stage and severity',
  },
  commission_decision: {
    kk: 'тек ДКК шешімі бойынша',
    ru: 'только по решению ВКК',
    en: 'only by decision of the medical consultative commission (ДКК/ВКК)',
  },
  verified_diagnosis: {
    kk: 'верификацияланған диагноз',
    ru: 'верифицированный диагноз',
    en: 'verified diagnosis',
  },
  other: {
    kk: 'басқа шарт (мәтінді қараңыз)',
    ru: 'иное условие (см. текст)',
    en: 'other wording (see text)',
  },
};

export const NOT_STATED: LocalizedText = {
  kk: 'дереккөзде айтылмаған',
  ru: 'в источнике не указано',
  en: 'not stated in the source',
};

export const STATUS_LABELS: Record<CatalogItemStatus, LocalizedText> = {
  in_force: { kk: 'күшінде', ru: 'действует', en: 'in force' },
  excluded: { kk: 'алынып тасталды', ru: 'исключено', en: 'excluded' },
  unknown: { kk: 'белгісіз', ru: 'неизвестно', en: 'unknown' },
};

export const MISSING_NAME: LocalizedText = {
  kk: 'атауы дереккөзде жоқ',
  ru: 'наименование в источнике отсутствует',
  en: 'name missing in the source',
};
