/**
 * The "Am I entitled?" form: read from a form post or a GET query, each
 * diagnosis read as a code or a name the lists use, validated with messages
 * in the page language naming the field, then handed to the engine through
 * the same use case as the API (`evaluateFor`).
 */
import { readDiagnosis, type Suggestion } from '../app/browse.ts';
import { evaluateFor, type EvaluateAnswer } from '../app/queries.ts';
import type { Icd10Code } from '../domain/codes.ts';
import { IsoDate } from '../domain/date.ts';
import type { Engine } from '../domain/engine.ts';
import { CITIZENSHIPS, MAX_AGE, type Citizenship, type PatientInput } from '../domain/patient.ts';
import type { Lang } from '../domain/text.ts';
import type { Registry } from '../registry/registry.ts';
import type { Messages } from './i18n/messages.ts';

/** How many diagnosis fields the form shows. */
export const DIAGNOSIS_FIELDS = 2;

export interface CheckForm {
  region: string;
  date: string;
  birthDate: string;
  age: string;
  dx: string[];
  registered: boolean;
  commission: boolean;
  verified: boolean;
  confirmed: boolean;
  citizenship: Citizenship;
  /** '' for the region asked about, `unknown`, or another region's code. */
  servedIn: string;
}

export type CheckField = 'region' | 'date' | 'birthDate' | 'age' | 'servedIn' | `dx-${number}`;

export interface FieldError {
  field: CheckField;
  message: string;
  options?: Suggestion[];
}

export interface Interpretation {
  input: string;
  codes: string[];
}

export type CheckOutcome =
  | { kind: 'form' }
  | { kind: 'errors'; errors: FieldError[] }
  | {
      kind: 'answer';
      result: Extract<EvaluateAnswer, { ok: true }>['result'];
      interpretations: Interpretation[];
    };

type Values = (name: string) => string[];

const first = (values: Values, name: string) => (values(name)[0] ?? '').trim().slice(0, 200);

/**
 * The form's values; `submitted` is false for a plain visit (possibly with a
 * region preselected).
 */
export function readCheckForm(
  values: Values,
  today: IsoDate,
): { form: CheckForm; submitted: boolean } {
  const dx = values('dx')
    .map((d) => d.trim().slice(0, 200))
    .slice(0, DIAGNOSIS_FIELDS);
  // The form itself sends `go`: there an unticked box is absent, so absent means no. A link
  // or a visit without it keeps the defaults (registered: yes) unless a value says `0`.
  const fromForm = values('go').length > 0;
  const submitted = fromForm || dx.some((d) => d !== '');
  const flag = (name: string, byDefault: boolean) => {
    const value = values(name)[0];
    if (value === undefined) return fromForm ? false : byDefault;
    return value !== '0' && value !== 'false';
  };
  return {
    submitted,
    form: {
      region: first(values, 'region'),
      date: first(values, 'date') || today,
      birthDate: first(values, 'birthDate'),
      age: first(values, 'age'),
      dx: Array.from({ length: DIAGNOSIS_FIELDS }, (_, i) => dx[i] ?? ''),
      registered: flag('registered', true),
      commission: flag('commission', false),
      verified: flag('verified', false),
      confirmed: flag('confirmed', false),
      citizenship: CITIZENSHIPS.find((c) => c === first(values, 'citizenship')) ?? 'KZ',
      servedIn: first(values, 'servedIn'),
    },
  };
}

export function runCheck(
  registry: Registry,
  engine: Engine,
  form: CheckForm,
  m: Messages,
  lang: Lang,
): CheckOutcome {
  const e = m.check.errors;
  const errors: FieldError[] = [];
  const region = registry.region(form.region);
  if (!region) errors.push({ field: 'region', message: e.region });
  if (!IsoDate.safeParse(form.date).success) errors.push({ field: 'date', message: e.date });
  if (form.birthDate && !IsoDate.safeParse(form.birthDate).success) {
    errors.push({ field: 'birthDate', message: e.birthDate });
  }
  const age = /^\d{1,3}$/.test(form.age) ? Number(form.age) : null;
  if (form.age && (age === null || age > MAX_AGE)) errors.push({ field: 'age', message: e.age });
  if (!form.birthDate && !form.age) errors.push({ field: 'birthDate', message: e.ageMissing });

  const codes: Icd10Code[] = [];
  const interpretations: Interpretation[] = [];
  form.dx.forEach((input, index) => {
    if (!input) return;
    const field: CheckField = `dx-${index + 1}`;
    const read = readDiagnosis(registry, input, lang, region);
    switch (read.kind) {
      case 'code':
        codes.push(read.code);
        break;
      case 'named':
        codes.push(...read.codes);
        interpretations.push({ input, codes: read.codes });
        break;
      case 'ambiguous':
        errors.push({ field, message: e.dxAmbiguous(input), options: read.options });
        break;
      case 'unknown':
        errors.push({ field, message: /\d/.test(input) ? e.dxInvalid(input) : e.dxUnknown(input) });
        break;
      default: {
        const never: never = read;
        return never;
      }
    }
  });
  if (form.dx.every((d) => !d)) errors.push({ field: 'dx-1', message: e.dxMissing });
  if (errors.length > 0 || !region) return { kind: 'errors', errors };

  const input: PatientInput = {
    region: region.code,
    date: form.date,
    ...(form.birthDate ? { birthDate: form.birthDate } : {}),
    ...(age !== null ? { age } : {}),
    // The form asks both questions with a visible default, so its answers are facts given.
    citizenship: form.citizenship,
    servedIn: form.servedIn || region.code,
    diagnoses: [...new Set(codes)].map((code) => ({
      code,
      registered: form.registered,
      commission: form.commission,
      verified: form.verified,
      confirmed: form.confirmed,
    })),
  };
  const answer = evaluateFor(registry, engine, input);
  if (answer.ok) return { kind: 'answer', result: answer.result, interpretations };
  return {
    kind: 'errors',
    errors: answer.issues.map((issue): FieldError => {
      switch (issue.code) {
        case 'EVAL_BIRTH_AFTER_DATE':
          return { field: 'birthDate', message: e.birthAfter };
        case 'EVAL_AGE_IMPLAUSIBLE':
          return { field: 'birthDate', message: e.birthTooOld };
        case 'EVAL_DATE_INVALID':
          return issue.path[0] === 'birthDate'
            ? { field: 'birthDate', message: e.birthDate }
            : { field: 'date', message: e.date };
        case 'EVAL_AGE_MISSING':
          return { field: 'birthDate', message: e.ageMissing };
        case 'EVAL_REGION_UNKNOWN':
          return issue.path[0] === 'servedIn'
            ? { field: 'servedIn', message: e.servedIn }
            : { field: 'region', message: e.region };
        default:
          return { field: 'dx-1', message: e.other };
      }
    }),
  };
}
