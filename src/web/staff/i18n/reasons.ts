/**
 * The operations layer's issues in the page's language: a catalogued reason (src/ops/reasons.ts)
 * with its values, else a sentence for the issue's code. English is the catalogue's own sentence
 * (one home: the API says the same words); kk and ru are typed by the catalogue, so a new
 * reason does not compile until it is translated here.
 */
import type { EntitlementStatus } from '../../../domain/engine.ts';
import type { Lang } from '../../../domain/text.ts';
import {
  DEFERRAL_REFUSALS,
  DISPENSE_REFUSALS,
  type DeferralRefusalCode,
  type DispenseRefusalCode,
} from '../../../ops/dispensing.ts';
import type { OpsIssue, OpsIssueCode } from '../../../ops/issues.ts';
import { OPS_REASONS, type OpsReasonId, type ReasonParams } from '../../../ops/reasons.ts';
import { staffMessagesFor } from './messages.ts';

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
    `${day(v.on)} күні ${v.region} тізімінің бірде-бір тармағы ${v.icd10} кезінде ${v.product} бермейді`,
  already_registered: (v) => `пациент ${v.icd10} бойынша есепте тұр; алдымен сол есепті жабыңыз`,
  registration_closed: () => 'бұл есеп жабылып қойған',
  protocol_recorded: () => 'бұл хаттама пациент үшін тіркеліп қойған',
  decision_revoked: () => 'бұл шешім бұрын күшін жойған',
  patient_exists: () => 'осы ЖСН-мен пациент тіркеліп қойған',
  username_taken: (v) => `${v.username} пайдаланушы аты бос емес`,
  organisation_exists: (v) => `${v.id} ұйымы бар`,
  prescription_not_active: (v) => `${v.number} рецепті қазір жарамсыз: ${rxStatus('kk', v.status)}`,
  not_today: (v) => `бүгінгі күн күтілді, ${day(v.day)} емес`,
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
    `ни один пункт перечня ${v.region} на ${day(v.on)} не даёт ${v.product} при ${v.icd10}`,
  already_registered: (v) => `пациент уже на учёте по ${v.icd10}; сначала закройте этот учёт`,
  registration_closed: () => 'этот учёт уже закрыт',
  protocol_recorded: () => 'этот протокол уже внесён для пациента',
  decision_revoked: () => 'это решение уже отменено',
  patient_exists: () => 'пациент с этим ИИН уже зарегистрирован',
  username_taken: (v) => `имя пользователя ${v.username} занято`,
  organisation_exists: (v) => `организация ${v.id} уже есть`,
  prescription_not_active: (v) =>
    `рецепт ${v.number} уже не действует: ${rxStatus('ru', v.status)}`,
  not_today: (v) => `ожидалась сегодняшняя дата, а не ${day(v.day)}`,
  dispensing: () => 'отпустить по рецепту нельзя',
};

/** `dd.mm.yyyy`, as the pages show a day (anything else as it is). */
const day = (iso: string | undefined): string =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)
    ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`
    : (iso ?? '');

/** The engine's answer for an item on a day, in a word (a refusal says why it is not free). */
const ITEM_STATUS: Record<'kk' | 'ru', Record<EntitlementStatus, string>> = {
  kk: {
    entitled: 'тегін',
    conditional: 'тек шарттар орындалса',
    not_entitled: 'тегін емес',
    unknown: 'деректер жауап бермейді',
  },
  ru: {
    entitled: 'бесплатно',
    conditional: 'только при условиях',
    not_entitled: 'не положено',
    unknown: 'данные не дают ответа',
  },
};

const itemStatus = (lang: 'kk' | 'ru', status: string | undefined): string =>
  Object.hasOwn(ITEM_STATUS[lang], status ?? '')
    ? ITEM_STATUS[lang][status as EntitlementStatus]
    : (status ?? '');

const rxStatus = (lang: 'kk' | 'ru', status: string | undefined): string => {
  const words = staffMessagesFor(lang).rx.status;
  return Object.hasOwn(words, status ?? '') ? words[status as keyof typeof words] : (status ?? '');
};

/**
 * A dispensing rule's refusal with the values of its English sentence (src/ops/dispensing.ts):
 * dates, quantities and the item's status, so kk and ru say all that en says.
 */
const RULES: Record<'kk' | 'ru', Record<Rule, (v: ReasonParams) => string>> = {
  kk: {
    signature_invalid: () =>
      'рецепттің қолтаңбасы осы пациент үшін расталмайды: дәріні босатпаңыз, бұл туралы хабарлаңыз',
    cancelled: () => 'рецепттің күші жойылған',
    completed: (v) =>
      v.quantity
        ? `ештеңе қалмады: рецепт орындалған (${v.quantity} ішінен ${v.dispensed} босатылған)`
        : 'кейінге қалдыратын ештеңе қалмады',
    not_yet_valid: (v) => `рецепт ${day(v.from)} бастап жарамды`,
    expired: (v) => `рецепттің мерзімі өтті: ол ${day(v.to)} дейін жарамды болған`,
    exceeds_remaining: (v) => `рецепт бойынша ${v.quantity} ішінен тек ${v.left} босатуға қалды`,
    lot_expired: (v) => `серияның жарамдылық мерзімі ${day(v.expiry)} өткен`,
    lot_expires_during_supply: (v) =>
      `серияның жарамдылық мерзімі ${day(v.expiry)} бітеді, ал бұл мөлшер ${day(v.until)} дейін жетуі тиіс`,
    no_longer_free: (v) =>
      `${day(v.day)} күні тармақ енді тегін берілмейді (құқық механизмінің жауабы: ${itemStatus('kk', v.status)}), ал ${
        v.policy === 'refuse'
          ? 'өңір тәртібі бойынша мұндайда босатылмайды'
          : 'өңір бұл жағдайға тәртіп белгілемеген'
      }`,
    deferral_open: (v) => `кейінге қалдыру бұрыннан ашық: мерзімі ${day(v.due)} дейін`,
  },
  ru: {
    signature_invalid: () =>
      'подпись рецепта не подтверждается для этого пациента: не отпускайте, сообщите об этом',
    cancelled: () => 'рецепт отменён',
    completed: (v) =>
      v.quantity
        ? `ничего не осталось: рецепт исполнен (отпущено ${v.dispensed} из ${v.quantity})`
        : 'откладывать нечего: всё уже отпущено',
    not_yet_valid: (v) => `рецепт действует с ${day(v.from)}`,
    expired: (v) => `срок рецепта истёк: он действовал по ${day(v.to)}`,
    exceeds_remaining: (v) => `к отпуску осталось только ${v.left} из ${v.quantity}`,
    lot_expired: (v) => `срок годности серии истёк ${day(v.expiry)}`,
    lot_expires_during_supply: (v) =>
      `срок годности серии истекает ${day(v.expiry)} — раньше, чем кончается обеспечение этим отпуском (${day(v.until)})`,
    no_longer_free: (v) =>
      `на ${day(v.day)} пункт больше не бесплатен (ответ механизма права: ${itemStatus('ru', v.status)}), а ${
        v.policy === 'refuse'
          ? 'порядок региона в таком случае — отказ в отпуске'
          : 'регион не установил порядок для такого случая'
      }`,
    deferral_open: (v) => `отсрочка уже открыта: срок до ${day(v.due)}`,
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
      return { text: RULES[lang][reason.rule](reason.params), general: false };
    }
    const sentences = lang === 'kk' ? KK : RU;
    return { text: sentences[reason.id](reason.params), general: false };
  }
  return { text: CODES[lang][issue.code], general: true };
}

/** The English sentences, for a test that every reason renders (one home: the catalogue). */
export const REASON_IDS = Object.keys(OPS_REASONS) as OpsReasonId[];
