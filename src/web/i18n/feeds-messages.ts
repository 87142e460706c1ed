/**
 * Interface strings of the change feeds, the coverage matrix and the exports (kept apart from
 * the shared dictionaries). English defines the shape: a key missing in kk or ru is a type error.
 */
import type { Lang } from '../../domain/text.ts';

const en = {
  feed: {
    title: (region: string) => `Changes to the free medicines list — ${region}`,
    subtitle: 'Each entry is a decision that amended the list, with what it changed and when.',
    entryTitle: (act: string) => `Amended by ${act}`,
    parts: 'What the decision changed',
    items: 'Items it names',
    diff: 'Item by item across its entry into force',
    diffNone: 'No item differs between the day before and the day it took effect.',
    cannotDiff: 'The list cannot be compared item by item here:',
    inForce: 'Entry into force',
    uncertain: 'The exact date is not known (see the window above).',
    citation: 'Legal basis',
    registered: (number: string, date: string) => `state registration No ${number} of ${date}`,
    adopted: (date: string) => `adopted ${date}`,
    subscribe: 'Follow the changes',
  },
  matrix: {
    title: 'All regions side by side',
    intro:
      'Which region gives what, by diagnosis (ICD-10 category) and by medicine (INN), on one date, with the terms: age group, dispensary registration, commission decision.',
    byDiagnosis: 'By diagnosis',
    byInn: 'By medicine (INN)',
    caption: (date: string) => `Coverage on ${date}`,
    row: 'Row',
    notCovered: 'not in the list',
    chartTitle: 'Rows each region covers',
    chartDesc:
      'Bar length: how many rows of the table the region covers; the numbers are in the table.',
    rows: (n: number) => `${n} rows`,
    download: 'Download',
    item: 'item',
    none: 'No region holds a list on this date.',
  },
  terms: {
    age: 'age',
    registration: 'registration',
    commission: 'commission',
  },
};

export type FeedMessages = typeof en;

const kk: FeedMessages = {
  feed: {
    title: (region) => `Тегін дәрілер тізіміндегі өзгерістер — ${region}`,
    subtitle: 'Әр жазба — тізімге өзгеріс енгізген шешім: нені өзгерткені және қашан.',
    entryTitle: (act) => `${act} өзгертті`,
    parts: 'Шешім нені өзгертті',
    items: 'Аталған тармақтар',
    diff: 'Қолданысқа енгізілген күн бойынша тармақтар',
    diffNone: 'Қолданысқа енгізілген күн мен оның алдындағы күн арасында тармақ өзгерген жоқ.',
    cannotDiff: 'Тізімді мұнда тармақ бойынша салыстыру мүмкін емес:',
    inForce: 'Қолданысқа енгізілуі',
    uncertain: 'Нақты күні белгісіз (жоғарыдағы аралықты қараңыз).',
    citation: 'Құқықтық негіз',
    registered: (number, date) => `мемлекеттік тіркеу № ${number}, ${date}`,
    adopted: (date) => `қабылданған күні ${date}`,
    subscribe: 'Өзгерістерді бақылау',
  },
  matrix: {
    title: 'Барлық өңірлер қатар',
    intro:
      'Бір күнгі жағдай бойынша қай өңір не береді: диагноз (АХЖ-10 рубрикасы) және дәрі (ХПА) бойынша, шарттарымен: жас тобы, диспансерлік есеп, комиссия шешімі.',
    byDiagnosis: 'Диагноз бойынша',
    byInn: 'Дәрі бойынша (ХПА)',
    caption: (date) => `${date} күнгі қамту`,
    row: 'Жол',
    notCovered: 'тізімде жоқ',
    chartTitle: 'Әр өңір қамтитын жолдар',
    chartDesc: 'Жолақтың ұзындығы — өңір қамтитын кесте жолдарының саны; сандар кестеде.',
    rows: (n) => `${n} жол`,
    download: 'Жүктеп алу',
    item: 'тармақ',
    none: 'Бұл күні бірде-бір өңірдің тізімі жоқ.',
  },
  terms: {
    age: 'жасы',
    registration: 'есеп',
    commission: 'комиссия',
  },
};

const ru: FeedMessages = {
  feed: {
    title: (region) => `Изменения перечня бесплатных лекарств — ${region}`,
    subtitle: 'Каждая запись — решение, изменившее перечень: что изменено и когда.',
    entryTitle: (act) => `Изменено: ${act}`,
    parts: 'Что изменило решение',
    items: 'Названные пункты',
    diff: 'Пункты до и после вступления в силу',
    diffNone: 'Ни один пункт не отличается накануне и в день вступления в силу.',
    cannotDiff: 'Сравнить перечень по пунктам здесь нельзя:',
    inForce: 'Вступление в силу',
    uncertain: 'Точная дата неизвестна (см. интервал выше).',
    citation: 'Правовое основание',
    registered: (number, date) => `государственная регистрация № ${number} от ${date}`,
    adopted: (date) => `принято ${date}`,
    subscribe: 'Следить за изменениями',
  },
  matrix: {
    title: 'Все регионы рядом',
    intro:
      'Какой регион что даёт — по диагнозу (рубрика МКБ-10) и по лекарству (МНН), на одну дату, с условиями: возрастная группа, диспансерный учёт, решение комиссии.',
    byDiagnosis: 'По диагнозу',
    byInn: 'По лекарству (МНН)',
    caption: (date) => `Охват на ${date}`,
    row: 'Строка',
    notCovered: 'нет в перечне',
    chartTitle: 'Строки, которые покрывает каждый регион',
    chartDesc: 'Длина полосы — число строк таблицы, которые покрывает регион; числа — в таблице.',
    rows: (n) => `${n} строк`,
    download: 'Скачать',
    item: 'пункт',
    none: 'На эту дату ни у одного региона нет перечня.',
  },
  terms: {
    age: 'возраст',
    registration: 'учёт',
    commission: 'комиссия',
  },
};

const DICTIONARIES: Record<Lang, FeedMessages> = { kk, ru, en };

export function feedMessagesFor(lang: Lang): FeedMessages {
  return DICTIONARIES[lang];
}
