/**
 * The operations layer's issues in the page's language: a catalogued reason (src/ops/reasons.ts)
 * with its values, else a sentence for the issue's code. English is the catalogue's own sentence
 * (one home: the API says the same words); kk and ru are typed by the catalogue, so a new
 * reason does not compile until it is translated here.
 */
import type { Lang } from '../../../domain/text.ts';
import {
  DEFERRAL_REFUSALS,
  DISPENSE_REFUSALS,
  type DeferralRefusalCode,
  type DispenseRefusalCode,
} from '../../../ops/dispensing.ts';
import type { OpsIssue, OpsIssueCode } from '../../../ops/issues.ts';
import { OPS_REASONS, type OpsReasonId, type ReasonParams } from '../../../ops/reasons.ts';

type Sentences = Record<OpsReasonId, (v: ReasonParams) => string>;
type Rule = DispenseRefusalCode | DeferralRefusalCode;

const KK: Sentences = {
  commission_decision: (v) =>
    `алдымен ${v.icd10} бойынша ${v.product} атауы бар комиссия шешімін тіркеңіз`,
  dispensary_registration: (v) => `алдымен пациентті ${v.icd10} бойынша есепке алыңыз`,
  verified_diagnosis: (v) => `${v.icd10} бойынша есепте диагнозды растаңыз`,
  diagnosis_confirmation: (v) => `${v.icd10} бойынша есепте диагнозды растаңыз`,
  indication_wording: () =>
    'тізімдегі көрсетілім ешбір жазбада жоқ тұжырыммен берілген: тіркелімнен жазып беру мүмкін емес',
  citizenship: () => 'пациенттің азаматтығы тізім талабына сай емес',
  attachment: () => 'алдымен пациентті өңірдің ұйымына бекітіңіз',
  not_in_list: (v) =>
    `${v.on} күні ${v.region} тізімінің бірде-бір тармағы ${v.icd10} кезінде ${v.product} бермейді`,
  already_registered: (v) => `пациент ${v.icd10} бойынша есепте тұр; алдымен сол есепті жабыңыз`,
  registration_closed: () => 'бұл есеп жабылып қойған',
  protocol_recorded: () => 'бұл хаттама пациент үшін тіркеліп қойған',
  decision_revoked: () => 'бұл шешім бұрын күшін жойған',
  patient_exists: () => 'осы ЖСН-мен пациент тіркеліп қойған',
  username_taken: (v) => `${v.username} пайдаланушы аты бос емес`,
  organisation_exists: (v) => `${v.id} ұйымы бар`,
  prescription_not_active: (v) => `${v.number} рецептінің күйі: ${v.status}`,
  not_today: (v) => `бүгінгі күн күтілді, ${v.day} емес`,
  dispensing: () => 'рецепт бойынша босату мүмкін емес',
};

const RU: Sentences = {
  commission_decision: (v) => `сначала внесите решение комиссии с ${v.product} по ${v.icd10}`,
  dispensary_registration: (v) => `сначала поставьте пациента на учёт по ${v.icd10}`,
  verified_diagnosis: (v) => `подтвердите диагноз в учёте по ${v.icd10}`,
  diagnosis_confirmation: (v) => `подтвердите диагноз в учёте по ${v.icd10}`,
  indication_wording: () =>
    'показание в перечне сформулировано так, что ни одна запись его не содержит: выписать по регистру нельзя',
  citizenship: () => 'гражданство пациента не отвечает условиям перечня',
  attachment: () => 'сначала прикрепите пациента к организации региона',
  not_in_list: (v) =>
    `ни один пункт перечня ${v.region} на ${v.on} не даёт ${v.product} при ${v.icd10}`,
  already_registered: (v) => `пациент уже на учёте по ${v.icd10}; сначала закройте этот учёт`,
  registration_closed: () => 'этот учёт уже закрыт',
  protocol_recorded: () => 'этот протокол уже внесён для пациента',
  decision_revoked: () => 'это решение уже отменено',
  patient_exists: () => 'пациент с этим ИИН уже зарегистрирован',
  username_taken: (v) => `имя пользователя ${v.username} занято`,
  organisation_exists: (v) => `организация ${v.id} уже есть`,
  prescription_not_active: (v) => `рецепт ${v.number} в состоянии: ${v.status}`,
  not_today: (v) => `ожидалась сегодняшняя дата, а не ${v.day}`,
  dispensing: () => 'отпустить по рецепту нельзя',
};

const RULES: Record<'kk' | 'ru', Record<Rule, string>> = {
  kk: {
    signature_invalid: 'рецепттің қолтаңбасы жарамсыз',
    cancelled: 'рецепттің күші жойылған',
    completed: 'рецепт бойынша бәрі босатылған',
    not_yet_valid: 'рецепт әлі күшіне енбеген',
    expired: 'рецепттің мерзімі өткен',
    exceeds_remaining: 'саны рецептте қалғаннан көп',
    lot_expired: 'серияның жарамдылық мерзімі өткен',
    lot_expires_during_supply: 'серияның мерзімі қамту кезеңінде бітеді',
    no_longer_free: 'бүгін бұл дәрі тегін берілмейді',
    deferral_open: 'кейінге қалдыру бұрыннан ашық',
  },
  ru: {
    signature_invalid: 'подпись рецепта недействительна',
    cancelled: 'рецепт отменён',
    completed: 'по рецепту уже всё отпущено',
    not_yet_valid: 'рецепт ещё не действует',
    expired: 'срок рецепта истёк',
    exceeds_remaining: 'количество больше, чем осталось по рецепту',
    lot_expired: 'срок годности серии истёк',
    lot_expires_during_supply: 'срок годности серии кончается в период обеспечения',
    no_longer_free: 'сегодня это лекарство бесплатно не отпускается',
    deferral_open: 'отсрочка уже открыта',
  },
};

const CODES: Record<'kk' | 'ru', Record<OpsIssueCode, string>> = {
  kk: {
    OPS_INPUT: 'толтырылмаған немесе пішімі дұрыс емес',
    OPS_NOT_FOUND: 'мұндай жазба жоқ',
    OPS_CONFLICT: 'қазіргі жазбаларға қайшы келеді',
    OPS_NOT_ENTITLED: 'тіркелім деректері бойынша тегін берілмейді',
    OPS_IDEMPOTENCY_MISMATCH: 'нысан басқа мәндермен қайта жіберілді: жаңадан толтырыңыз',
    AUTH_REFUSED: 'бұл әрекетке рұқсат жоқ',
    AUTH_LOGIN_FAILED: 'пайдаланушы аты немесе құпиясөз қате',
    AUTH_LOCKED: 'тым көп сәтсіз әрекет: кейінірек көріңіз',
    AUTH_SESSION_INVALID: 'сеанс аяқталды: қайта кіріңіз',
    AUTH_REQUIRED: 'кіру қажет',
    AUTH_CSRF: 'нысан ескірді: бетті жаңартыңыз',
  },
  ru: {
    OPS_INPUT: 'не заполнено или в неверном виде',
    OPS_NOT_FOUND: 'такой записи нет',
    OPS_CONFLICT: 'противоречит текущим записям',
    OPS_NOT_ENTITLED: 'по данным регистра бесплатно не положено',
    OPS_IDEMPOTENCY_MISMATCH: 'форма отправлена повторно с другими значениями: заполните заново',
    AUTH_REFUSED: 'это действие не разрешено',
    AUTH_LOGIN_FAILED: 'неверное имя пользователя или пароль',
    AUTH_LOCKED: 'слишком много неудачных попыток: попробуйте позже',
    AUTH_SESSION_INVALID: 'сеанс завершён: войдите снова',
    AUTH_REQUIRED: 'нужно войти',
    AUTH_CSRF: 'форма устарела: обновите страницу',
  },
};

const isRule = (x: string | undefined): x is Rule =>
  (DISPENSE_REFUSALS as readonly string[]).includes(x ?? '') ||
  (DEFERRAL_REFUSALS as readonly string[]).includes(x ?? '');

/**
 * An issue's sentence in `lang`, and whether it is only the code's general sentence (the page
 * may add the English detail beside it, marked as English).
 */
export function issueSentence(lang: Lang, issue: OpsIssue): { text: string; general: boolean } {
  if (lang === 'en') return { text: issue.message, general: false };
  const reason = issue.reason;
  if (reason) {
    if (reason.id === 'dispensing' && isRule(reason.rule)) {
      return { text: RULES[lang][reason.rule], general: false };
    }
    const sentences = lang === 'kk' ? KK : RU;
    return { text: sentences[reason.id](reason.params), general: false };
  }
  return { text: CODES[lang][issue.code], general: true };
}

/** The English sentences, for a test that every reason renders (one home: the catalogue). */
export const REASON_IDS = Object.keys(OPS_REASONS) as OpsReasonId[];
