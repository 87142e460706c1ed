/**
 * Patient facts: what the engine is asked about, validated and resolved.
 * Age comes from an explicit birth date, else an explicit age, else the IIN;
 * the IIN's decoded birth date is advisory and a disagreement is a warning.
 */
import { z } from 'zod';
import { normaliseIcd10, type Icd10Code } from './codes.ts';
import { ageOn, dateProblem, IsoDate } from './date.ts';
import { decodeIin } from './iin.ts';
import type { IssueCode, PathSegment } from './issues.ts';
import type { Region } from './region.ts';
import type { LocalizedText } from './text.ts';

/** The oldest age tegin takes, given or computed from a birth date or an IIN. */
export const MAX_AGE = 130;

/** Messages a person can act on, for every way patient facts can have the wrong shape. */
const said = (message: string) => ({ error: message });
/** An object's own problems: not an object at all, or fields it does not know. */
const objectErrors = (what: string) => ({
  error: (issue: { code: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys'
      ? `unknown field(s) ${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')}`
      : `expected ${what}`,
});
const AGE = `expected a whole number of years 0–${MAX_AGE}`;

export const DiagnosisInput = z.strictObject(
  {
    /** ICD-10 code as typed: case, spaces and a missing dot are forgiven. */
    code: z.string(said('expected an ICD-10 code as text, such as "M08.2"')),
    /** On dispensary registration for this diagnosis (default true, stated as an assumption). */
    registered: z.boolean(said('expected true or false')).optional(),
    /**
     * A decision of the medical consultative commission (ДКК/ВКК): `true` for
     * every product of the diagnosis, or the INNs it names (default none).
     */
    commission: z
      .union(
        [z.boolean(), z.array(z.string().min(1)).max(50, said('give at most 50 INNs'))],
        said('expected true, false or a list of INNs'),
      )
      .default(false),
    /** The diagnosis is verified (default false). */
    verified: z.boolean(said('expected true or false')).default(false),
    /**
     * A clinician confirms the diagnosis is the disease the list names, where the code is
     * broader than the words or the words require more (default false; docs/adr/0004).
     */
    confirmed: z.boolean(said('expected true or false')).default(false),
  },
  objectErrors('a diagnosis as an object such as {"code": "M08.2"}'),
);

/** Citizenship of the Republic of Kazakhstan: `KZ`, `other` or `unknown`. */
export const CITIZENSHIPS = ['KZ', 'other', 'unknown'] as const;
export type Citizenship = (typeof CITIZENSHIPS)[number];

export const PatientInput = z.strictObject(
  {
    region: z
      .string(said('expected a region code or slug'))
      .min(1, said('expected a region code or slug')),
    date: z.string(said('expected a date as "YYYY-MM-DD"')),
    age: z.number(said(AGE)).int(said(AGE)).min(0, said(AGE)).max(MAX_AGE, said(AGE)).optional(),
    birthDate: z.string(said('expected a date as "YYYY-MM-DD"')).optional(),
    iin: z.string(said('expected the 12 digits of an IIN as text')).optional(),
    /** Default `KZ`, stated as an assumption. */
    citizenship: z
      .enum(CITIZENSHIPS, said(`expected one of ${CITIZENSHIPS.join(', ')}`))
      .optional(),
    /**
     * The region whose medical organisation serves the patient (attachment): a code or
     * slug, or `unknown`. Default: the region asked about, stated as an assumption.
     */
    servedIn: z
      .string(said('expected a region code or slug, or "unknown"'))
      .min(1, said('expected a region code or slug, or "unknown"'))
      .optional(),
    diagnoses: z
      .array(DiagnosisInput, said('expected a list of diagnoses'))
      .min(1, said('give at least one diagnosis'))
      .max(50, said('give at most 50 diagnoses')),
  },
  objectErrors('patient facts as an object with region, date, an age and diagnoses'),
);
export type PatientInput = z.input<typeof PatientInput>;

export interface ResolvedDiagnosis {
  input: string;
  code: Icd10Code;
  registered: boolean;
  /** `all`, or the INNs the commission decision names. */
  commission: 'all' | ReadonlySet<string>;
  verified: boolean;
  confirmed: boolean;
}

/** A fact the answer assumed because it was not given. */
export interface Assumption {
  fact: 'citizenship' | 'served_in' | 'dispensary_registration';
  text: LocalizedText;
}

export interface ResolvedPatient {
  region: Region;
  date: IsoDate;
  age: number;
  ageSource: 'birth_date' | 'age' | 'iin';
  citizenship: Citizenship;
  /** The region whose organisation serves the patient; `unknown` where not known. */
  servedIn: Region | 'unknown';
  diagnoses: ResolvedDiagnosis[];
  assumptions: Assumption[];
}

export interface InputIssue {
  code: IssueCode;
  path: PathSegment[];
  message: string;
}

export type Resolved =
  | { ok: true; patient: ResolvedPatient; warnings: LocalizedText[] }
  | { ok: false; issues: InputIssue[] };

export function resolvePatient(
  raw: unknown,
  findRegion: (key: string) => Region | undefined,
): Resolved {
  const parsed = PatientInput.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        code: 'EVAL_INPUT',
        path: i.path.filter((s): s is PathSegment => typeof s !== 'symbol'),
        message: i.message,
      })),
    };
  }
  const input = parsed.data;
  const issues: InputIssue[] = [];
  const warnings: LocalizedText[] = [];
  const region = findRegion(input.region);
  if (!region) {
    issues.push({
      code: 'EVAL_REGION_UNKNOWN',
      path: ['region'],
      message: `"${input.region}" is not a region code or slug`,
    });
  }
  const date = IsoDate.safeParse(input.date);
  if (!date.success) {
    issues.push({
      code: 'EVAL_DATE_INVALID',
      path: ['date'],
      message: dateProblem(input.date) ?? 'not a date',
    });
  }
  let birthDate: IsoDate | undefined;
  if (input.birthDate !== undefined) {
    const parsedBirth = IsoDate.safeParse(input.birthDate);
    if (parsedBirth.success) birthDate = parsedBirth.data;
    else {
      issues.push({
        code: 'EVAL_DATE_INVALID',
        path: ['birthDate'],
        message: dateProblem(input.birthDate) ?? 'not a date',
      });
    }
  }
  let iinBirth: IsoDate | undefined;
  if (input.iin !== undefined) {
    const decoded = decodeIin(input.iin);
    if (decoded.ok) iinBirth = decoded.value.birthDate;
    else
      issues.push({
        code: 'EVAL_IIN_INVALID',
        path: ['iin'],
        message: `"${input.iin}" is not a valid IIN: ${decoded.reason}`,
      });
  }
  if (input.birthDate === undefined && input.age === undefined && input.iin === undefined) {
    issues.push({
      code: 'EVAL_AGE_MISSING',
      path: ['age'],
      message: 'give an age, a birth date or an IIN',
    });
  }
  let servedIn: Region | 'unknown' | undefined;
  if (input.servedIn === 'unknown') servedIn = 'unknown';
  else if (input.servedIn !== undefined) {
    servedIn = findRegion(input.servedIn);
    if (!servedIn) {
      issues.push({
        code: 'EVAL_REGION_UNKNOWN',
        path: ['servedIn'],
        message: `"${input.servedIn}" is not a region code or slug, nor "unknown"`,
      });
    }
  }
  const diagnoses: ResolvedDiagnosis[] = [];
  input.diagnoses.forEach((d, index) => {
    const normalised = normaliseIcd10(d.code);
    if (!normalised.ok) {
      issues.push({
        code: 'EVAL_ICD10_INVALID',
        path: ['diagnoses', index, 'code'],
        message: normalised.reason,
      });
      return;
    }
    diagnoses.push({
      input: d.code,
      code: normalised.code,
      registered: d.registered ?? true,
      commission:
        d.commission === true
          ? 'all'
          : new Set(d.commission === false ? [] : d.commission.map((i) => i.toLowerCase())),
      verified: d.verified,
      confirmed: d.confirmed,
    });
  });
  if (issues.length > 0 || !region || !date.success) return { ok: false, issues };

  const on = date.data;
  const birth = birthDate ?? iinBirth;
  if (birth !== undefined && birth > on) {
    const path = birthDate ? ['birthDate'] : ['iin'];
    return {
      ok: false,
      issues: [
        {
          code: 'EVAL_BIRTH_AFTER_DATE',
          path,
          message: `born ${birth}, after the query date ${on}`,
        },
      ],
    };
  }
  if (birth !== undefined && ageOn(birth, on) > MAX_AGE) {
    return {
      ok: false,
      issues: [
        {
          code: 'EVAL_AGE_IMPLAUSIBLE',
          path: birthDate ? ['birthDate'] : ['iin'],
          message: `born ${birth}, aged ${ageOn(birth, on)} on ${on}: more than ${MAX_AGE} years`,
        },
      ],
    };
  }
  let age: number;
  let ageSource: ResolvedPatient['ageSource'];
  if (birthDate !== undefined) {
    age = ageOn(birthDate, on);
    ageSource = 'birth_date';
  } else if (input.age !== undefined) {
    age = input.age;
    ageSource = 'age';
  } else {
    age = ageOn(iinBirth as IsoDate, on);
    ageSource = 'iin';
    warnings.push({
      kk: `Жас ЖСН-нан алынды (${iinBirth}); ЖСН цифрлары туған күнге сәйкес келмеуі мүмкін.`,
      ru: `Возраст определён по ИИН (${iinBirth}); цифры ИИН могут не совпадать с датой рождения.`,
      en: `Age taken from the IIN (${iinBirth}); an IIN's digits need not match the birth date.`,
    });
  }
  if (iinBirth !== undefined && ageSource !== 'iin') {
    const iinAge = ageOn(iinBirth, on);
    const disagrees = birthDate !== undefined ? iinBirth !== birthDate : iinAge !== age;
    if (disagrees) {
      warnings.push({
        kk: `ЖСН бойынша туған күн ${iinBirth}, берілген мәліметпен сәйкес емес; берілген мәлімет қолданылды.`,
        ru: `По ИИН дата рождения ${iinBirth}, что не совпадает с указанными данными; использованы указанные данные.`,
        en: `The IIN decodes to birth date ${iinBirth}, which disagrees with the ${birthDate !== undefined ? 'birth date' : 'age'} given; the one given is used.`,
      });
    }
  }
  const assumptions = assumptionsOf(input, region, diagnoses);
  const patient: ResolvedPatient = {
    region,
    date: on,
    age,
    ageSource,
    citizenship: input.citizenship ?? 'KZ',
    servedIn: servedIn ?? region,
    diagnoses,
    assumptions,
  };
  return { ok: true, patient, warnings };
}

/** Every default the answer relies on, said in words (the CLI's convenience, not a secret). */
function assumptionsOf(
  input: z.output<typeof PatientInput>,
  region: Region,
  diagnoses: readonly ResolvedDiagnosis[],
): Assumption[] {
  const assumptions: Assumption[] = [];
  if (input.citizenship === undefined) {
    assumptions.push({
      fact: 'citizenship',
      text: {
        kk: 'Пациент Қазақстан Республикасының азаматы деп есептелді (азаматтығы көрсетілмеген).',
        ru: 'Пациент считается гражданином Республики Казахстан (гражданство не указано).',
        en: 'The patient is taken to be a citizen of the Republic of Kazakhstan (citizenship not given).',
      },
    });
  }
  if (input.servedIn === undefined) {
    assumptions.push({
      fact: 'served_in',
      text: {
        kk: `Пациент ${region.name.kk} медициналық ұйымына бекітілген деп есептелді (бекітілуі көрсетілмеген).`,
        ru: `Пациент считается прикреплённым к медицинской организации региона «${region.name.ru}» (прикрепление не указано).`,
        en: `The patient is taken to be served by a medical organisation of ${region.name.en} (attachment not given).`,
      },
    });
  }
  const unregistered = input.diagnoses
    .map((d, i) => (d.registered === undefined ? diagnoses[i]?.code : undefined))
    .filter((c): c is Icd10Code => c !== undefined);
  if (unregistered.length > 0) {
    const codes = unregistered.join(', ');
    assumptions.push({
      fact: 'dispensary_registration',
      text: {
        kk: `Пациент ${codes} диагнозы бойынша диспансерлік есепте тұр деп есептелді.`,
        ru: `Пациент считается состоящим на диспансерном учёте по диагнозу ${codes}.`,
        en: `The patient is taken to be on dispensary registration for ${codes}.`,
      },
    });
  }
  return assumptions;
}
