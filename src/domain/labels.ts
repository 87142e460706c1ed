/** Plain-language labels for the fixed sets of the domain, in kk/ru/en. */
import type { AmendedPart, CHANGE_KINDS } from './act.ts';
import type { ChangedField, ChangeKind } from './diff.ts';
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

/** How an amending act changed a part of the act, as its note records it. */
export const AMENDMENT_LABELS: Record<(typeof CHANGE_KINDS)[number], LocalizedText> = {
  new_edition: {
    kk: 'жаңа редакцияда жазылды',
    ru: 'изложено в новой редакции',
    en: 'new edition',
  },
  amended: { kk: 'өзгертілді', ru: 'изменено', en: 'amended' },
  excluded: { kk: 'алынып тасталды', ru: 'исключено', en: 'excluded' },
  added: { kk: 'толықтырылды', ru: 'дополнено', en: 'added' },
};

/** A part of an act as the law names it: title, point 4, annex 1, annex 1 section 1 item 26. */
export function partLabel(part: AmendedPart): LocalizedText {
  switch (part.kind) {
    case 'title':
      return { kk: 'атауы', ru: 'заголовок', en: 'title' };
    case 'point':
      return {
        kk: `${part.number}-тармақ`,
        ru: `пункт ${part.number}`,
        en: `point ${part.number}`,
      };
    case 'annex':
      return annexLabel(part.number);
    case 'item':
      return {
        kk: `${part.annex}-қосымша, ${part.section}-бөлім, ${part.item}-тармақ`,
        ru: `приложение ${part.annex}, раздел ${part.section}, пункт ${part.item}`,
        en: `annex ${part.annex}, section ${part.section}, item ${part.item}`,
      };
    default: {
      const never: never = part;
      return never;
    }
  }
}

export function annexLabel(number: string): LocalizedText {
  return { kk: `${number}-қосымша`, ru: `приложение ${number}`, en: `annex ${number}` };
}

/** A section of a list by its number, for lines that cite "1.38" would not explain. */
export function sectionItemLabel(section: string, item: string): LocalizedText {
  return {
    kk: `${section}.${item}-тармақ`,
    ru: `пункт ${section}.${item}`,
    en: `item ${section}.${item}`,
  };
}

/** How an item differs between two dates (`tegin diff`, the changes page). */
export const ITEM_CHANGE_LABELS: Record<ChangeKind, LocalizedText> = {
  added: { kk: 'қосылды', ru: 'добавлено', en: 'added' },
  removed: { kk: 'жойылды', ru: 'удалено', en: 'removed' },
  excluded: { kk: 'алынып тасталды', ru: 'исключено', en: 'excluded' },
  changed: { kk: 'өзгертілді', ru: 'изменено', en: 'changed' },
};

/** Which part of a changed item differs. */
export const CHANGED_FIELD_LABELS: Record<ChangedField, LocalizedText> = {
  diagnosis: { kk: 'диагноз', ru: 'диагноз', en: 'diagnosis' },
  population: { kk: 'кімге', ru: 'кому', en: 'for whom' },
  indication: { kk: 'шарттары', ru: 'условия', en: 'conditions' },
  products: { kk: 'не беріледі', ru: 'что выдаётся', en: 'what is given' },
};

/** A product's name in each language, or "(name missing in the source)". */
export function productName(product: { name: LocalizedText | null }): LocalizedText {
  if (product.name) return product.name;
  return { kk: `(${MISSING_NAME.kk})`, ru: `(${MISSING_NAME.ru})`, en: `(${MISSING_NAME.en})` };
}
