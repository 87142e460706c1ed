/**
 * `$evaluate` end to end without HTTP: a CoverageEligibilityRequest in, the
 * engine's answer out as a CoverageEligibilityResponse — or an
 * OperationOutcome naming the element at fault. Every resource is validated
 * as FHIR R4.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFhir } from '../../test/support/fhir-validator.ts';
import { realData } from '../../test/support/fixture.ts';
import { coverageEligibilityResponseOf } from './coverage-eligibility.ts';
import { DAVINCI, EXT, IDENTIFIER_SYSTEM, SYSTEM } from './extensions.ts';
import { operationOutcomeOf } from './operation-outcome.ts';
import {
  patientInputFromCoverageEligibilityRequest,
  resolveCoverageEligibilityRequest,
} from './patient-input.ts';
import type {
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  CoverageEligibilityResponseInsuranceItem,
  Extension,
  OperationOutcome,
  Patient,
} from './types.ts';

const { registry, engine } = realData();
const CREATED = '2026-11-24T10:00:00Z';

interface Facts {
  region: string;
  date?: string;
  birthDate?: string;
  iin?: string;
  age?: number;
  citizenship?: string;
  servedIn?: string;
  diagnoses: {
    code: string;
    registered?: boolean;
    commission?: boolean | string[];
    verified?: boolean;
    confirmed?: boolean;
  }[];
}

/** A request as a client would send it: contained Patient, region as the insurer's ISO code. */
function request(facts: Facts): CoverageEligibilityRequest {
  const patient: Patient = {
    resourceType: 'Patient',
    id: 'p',
    ...(facts.birthDate ? { birthDate: facts.birthDate } : {}),
    ...(facts.iin ? { identifier: [{ system: IDENTIFIER_SYSTEM.iin, value: facts.iin }] } : {}),
    extension: [
      ...(facts.age === undefined ? [] : [{ url: EXT.age, valueInteger: facts.age }]),
      ...(facts.citizenship === undefined
        ? []
        : [{ url: EXT.citizenship, valueCode: facts.citizenship }]),
      ...(facts.servedIn === undefined ? [] : [{ url: EXT.servedIn, valueString: facts.servedIn }]),
    ],
  };
  return {
    resourceType: 'CoverageEligibilityRequest',
    contained: [patient],
    status: 'active',
    purpose: ['benefits'],
    patient: { reference: '#p' },
    ...(facts.date ? { servicedDate: facts.date } : {}),
    created: CREATED,
    insurer: { identifier: { system: IDENTIFIER_SYSTEM.iso3166part2, value: facts.region } },
    item: [
      {
        diagnosis: facts.diagnoses.map((d) => ({
          extension: [
            ...(d.registered === undefined
              ? []
              : [{ url: EXT.dispensaryRegistration, valueBoolean: d.registered }]),
            ...(d.commission === true ? [{ url: EXT.commissionDecision, valueBoolean: true }] : []),
            ...(Array.isArray(d.commission)
              ? d.commission.map((inn) => ({ url: EXT.commissionDecisionInn, valueString: inn }))
              : []),
            ...(d.verified === undefined
              ? []
              : [{ url: EXT.verifiedDiagnosis, valueBoolean: d.verified }]),
            ...(d.confirmed === undefined
              ? []
              : [{ url: EXT.confirmedDiagnosis, valueBoolean: d.confirmed }]),
          ],
          diagnosisCodeableConcept: { coding: [{ system: SYSTEM.icd10, code: d.code }] },
        })),
      },
    ],
  };
}

/** What the HTTP layer will do: resolve, evaluate, map; an OperationOutcome on bad input. */
function evaluate(
  body: unknown,
  lang?: 'kk' | 'ru' | 'en',
): CoverageEligibilityResponse | OperationOutcome {
  const resolved = resolveCoverageEligibilityRequest(body, (key) => registry.region(key));
  if (!resolved.ok) return operationOutcomeOf(resolved.issues);
  const result = engine.evaluate(resolved.patient);
  return coverageEligibilityResponseOf(body as CoverageEligibilityRequest, result, {
    baseUrl: 'https://tegin.example/fhir/R4',
    created: CREATED,
    region: resolved.patient.region,
    warnings: resolved.warnings,
    ...(lang ? { lang } : {}),
  });
}

function answer(facts: Facts, lang?: 'kk' | 'ru' | 'en'): CoverageEligibilityResponse {
  const resource = evaluate(request(facts), lang);
  assert.equal(resource.resourceType, 'CoverageEligibilityResponse', JSON.stringify(resource));
  assert.deepEqual(validateFhir(resource), []);
  return resource as CoverageEligibilityResponse;
}

function outcome(body: unknown): OperationOutcome {
  const resource = evaluate(body);
  assert.equal(resource.resourceType, 'OperationOutcome', JSON.stringify(resource));
  assert.deepEqual(validateFhir(resource), []);
  return resource as OperationOutcome;
}

function items(response: CoverageEligibilityResponse): CoverageEligibilityResponseInsuranceItem[] {
  return response.insurance?.flatMap((i) => i.item ?? []) ?? [];
}
function ext(element: { extension?: Extension[] } | undefined, url: string): Extension | undefined {
  return element?.extension?.find((e) => e.url === url);
}
function exts(element: { extension?: Extension[] } | undefined, url: string): Extension[] {
  return element?.extension?.filter((e) => e.url === url) ?? [];
}
function part(extension: Extension | undefined, url: string): Extension | undefined {
  return extension?.extension?.find((e) => e.url === url);
}
function statusOf(item: CoverageEligibilityResponseInsuranceItem): string | undefined {
  return ext(item, EXT.entitlementStatus)?.valueCode;
}
function itemNumber(item: CoverageEligibilityResponseInsuranceItem): string | undefined {
  return part(ext(item, EXT.citation), 'item')?.valueString;
}

const KZ27 = { region: 'KZ-27', date: '2026-11-24' };

describe('CoverageEligibilityRequest → patient facts', () => {
  it('reads region, date, birth date, IIN, age and per-diagnosis facts', () => {
    const mapped = patientInputFromCoverageEligibilityRequest(
      request({
        ...KZ27,
        birthDate: '2012-03-11',
        iin: '120311500018',
        age: 14,
        diagnoses: [
          { code: 'M08.2', registered: false, commission: ['Tocilizumab'], verified: true },
          { code: 'G80.1', commission: true },
        ],
      }),
    );
    assert.ok(mapped.ok);
    assert.deepEqual(mapped.input, {
      region: 'KZ-27',
      date: '2026-11-24',
      birthDate: '2012-03-11',
      iin: '120311500018',
      age: 14,
      diagnoses: [
        { code: 'M08.2', registered: false, commission: ['Tocilizumab'], verified: true },
        { code: 'G80.1', commission: true },
      ],
    });
    assert.equal(
      mapped.paths['diagnoses.1.code'],
      'CoverageEligibilityRequest.item[0].diagnosis[1].diagnosisCodeableConcept.coding[0].code',
    );
  });

  it('takes facts set on the item for all its diagnoses, and a Patient the caller resolves', () => {
    const body = request({ ...KZ27, diagnoses: [{ code: 'G80.1' }] });
    body.patient = { reference: 'Patient/42' };
    body.item = [
      { ...body.item?.[0], extension: [{ url: EXT.commissionDecision, valueBoolean: true }] },
    ];
    const patient: Patient = { resourceType: 'Patient', id: '42', birthDate: '2018-05-01' };
    const mapped = patientInputFromCoverageEligibilityRequest(body, {
      resolve: (ref) => (ref === 'Patient/42' ? patient : undefined),
    });
    assert.ok(mapped.ok);
    assert.equal(mapped.input.birthDate, '2018-05-01');
    assert.deepEqual(mapped.input.diagnoses, [{ code: 'G80.1', commission: true }]);
  });
});

describe('$evaluate answers as CoverageEligibilityResponse', () => {
  it('entitled: a child with juvenile arthritis in West Kazakhstan (item 2)', () => {
    const response = answer({ ...KZ27, age: 10, diagnoses: [{ code: 'M08.2' }] });
    assert.equal(response.outcome, 'complete');
    assert.equal(response.servicedDate, '2026-11-24');
    assert.equal(response.insurance?.[0]?.inforce, true);
    assert.deepEqual(response.insurance?.[0]?.benefitPeriod, { start: '2026-01-01' });
    assert.equal(
      ext(response.insurance?.[0], DAVINCI.formularyReference)?.valueReference?.reference,
      'InsurancePlan/KZ-27-20200930-38-3-a1-20251215-22-5',
    );
    const [item] = items(response);
    assert.ok(item);
    assert.equal(statusOf(item), 'entitled');
    assert.equal(itemNumber(item), '2');
    assert.equal(item.excluded, false);
    assert.equal(item.authorizationRequired, false);
    assert.deepEqual(item.benefit?.[0]?.allowedMoney, { value: 0, currency: 'KZT' });
    const atc = item.productOrService?.coding?.map((c) => c.code);
    assert.ok(atc?.includes('L04AC07'));
    for (const c of item.productOrService?.coding ?? []) assert.equal(c.system, SYSTEM.atc);
    const matched = ext(item, EXT.matchedDiagnosis);
    assert.deepEqual(part(matched, 'patient')?.valueCoding, {
      system: SYSTEM.icd10,
      code: 'M08.2',
    });
    assert.deepEqual(part(matched, 'listed')?.valueCodeableConcept?.coding, [
      { system: SYSTEM.icd10, code: 'M08' },
      { system: SYSTEM.icd10, code: 'M09' },
    ]);
    assert.equal(
      part(ext(item, EXT.citation), 'act')?.valueIdentifier?.value,
      'KZ-27.maslikhat.2020-09-30.38-3',
    );
    // The explanation in kk, with ru and en as translations.
    const explanation = ext(item, EXT.explanation);
    assert.match(explanation?.valueString ?? '', /тегін беріледі/);
    const record = explanation as unknown as { _valueString?: { extension?: Extension[] } };
    assert.deepEqual(
      record._valueString?.extension?.map((t) => part(t, 'lang')?.valueCode),
      ['ru', 'en'],
    );
  });

  it('answers in the language asked for', () => {
    const response = answer({ ...KZ27, age: 10, diagnoses: [{ code: 'M08.2' }] }, 'en');
    assert.equal(response.language, 'en');
    assert.match(ext(items(response)[0], EXT.explanation)?.valueString ?? '', /^Entitled: /);
  });

  it('conditional: a commission decision required and not given (item 7), then given', () => {
    const before = answer({ ...KZ27, age: 8, diagnoses: [{ code: 'G80.1' }] });
    const item7 = items(before).find((i) => itemNumber(i) === '7');
    assert.ok(item7);
    assert.equal(statusOf(item7), 'conditional');
    assert.deepEqual(
      exts(item7, EXT.unmetCondition).map((e) => e.valueCode),
      ['commission_decision'],
    );
    assert.equal(item7.authorizationRequired, true);
    assert.ok(item7.authorizationSupporting?.[0]?.text);
    const after = answer({ ...KZ27, age: 8, diagnoses: [{ code: 'G80.1', commission: true }] });
    const given = items(after).find((i) => itemNumber(i) === '7');
    assert.equal(given && statusOf(given), 'entitled');
  });

  it('not entitled: an adult under a children-only item, by birth date', () => {
    const response = answer({ ...KZ27, birthDate: '1975-03-02', diagnoses: [{ code: 'M08.2' }] });
    const [item] = items(response);
    assert.ok(item);
    assert.equal(statusOf(item), 'not_entitled');
    assert.equal(item.excluded, true);
    assert.equal(item.benefit, undefined);
    assert.equal(part(ext(item, EXT.reason), 'code')?.valueCode, 'age_group');
    assert.equal(part(ext(response, EXT.patientAge), 'source')?.valueCode, 'birth_date');
  });

  it('unknown: inside the window where Karaganda’s text may or may not be in force', () => {
    const response = answer({
      region: 'karaganda',
      date: '2026-01-10',
      age: 30,
      diagnoses: [{ code: 'M08' }],
    });
    assert.equal(part(ext(response, EXT.coverageStatus), 'status')?.valueCode, 'uncertain');
    assert.equal(response.insurance?.[0]?.inforce, undefined);
    for (const item of items(response)) {
      assert.equal(statusOf(item), 'unknown');
      assert.equal(item.excluded, undefined);
      assert.equal(part(ext(item, EXT.reason), 'code')?.valueCode, 'date_uncertain');
    }
  });

  it('unknown: an item whose medicine the source does not name', () => {
    const response = answer({
      region: 'KZ-35',
      date: '2026-11-24',
      age: 30,
      diagnoses: [{ code: 'D61.0' }],
    });
    const [item] = items(response);
    assert.ok(item);
    assert.equal(statusOf(item), 'unknown');
    assert.equal(part(ext(item, EXT.reason), 'code')?.valueCode, 'product_unnamed');
    assert.equal(item.productOrService?.coding, undefined);
    assert.equal(part(ext(item, EXT.product), 'innAbsent')?.valueCode, 'name_missing');
  });

  it('conditional: a code the list’s wording may or may not include needs the clinician’s confirmation', () => {
    const response = answer({ ...KZ27, age: 30, diagnoses: [{ code: 'E84.0' }] });
    const uncertain = items(response).filter(
      (i) => part(ext(i, EXT.matchedDiagnosis), 'scope')?.valueCode === 'alternative',
    );
    assert.ok(uncertain.length >= 1);
    for (const item of uncertain) {
      assert.equal(statusOf(item), 'conditional');
      assert.ok(
        exts(item, EXT.unmetCondition).some((e) => e.valueCode === 'diagnosis_confirmation'),
      );
      assert.ok(part(ext(item, EXT.matchedDiagnosis), 'requires'));
    }
  });

  it('citizenship, attachment and a confirmed diagnosis from the request; assumptions in the answer', () => {
    const base = { region: 'KZ-35', date: '2026-11-24', age: 34 };
    const plain = answer({ ...base, diagnoses: [{ code: 'E75.2' }] });
    assert.deepEqual(
      exts(plain, EXT.assumption).map((a) => part(a, 'fact')?.valueCode),
      ['citizenship', 'served_in', 'dispensary_registration'],
    );
    const confirmed = answer({
      ...base,
      citizenship: 'KZ',
      servedIn: 'KZ-35',
      diagnoses: [{ code: 'E75.2', confirmed: true, registered: true }],
    });
    assert.equal(
      statusOf(items(confirmed)[0] as CoverageEligibilityResponseInsuranceItem),
      'entitled',
    );
    assert.deepEqual(exts(confirmed, EXT.assumption), []);
    const foreign = answer({ ...base, citizenship: 'other', diagnoses: [{ code: 'M05.9' }] });
    assert.equal(part(ext(items(foreign)[0], EXT.reason), 'code')?.valueCode, 'not_citizen');
    const bad = outcome(request({ ...base, servedIn: 'atlantis', diagnoses: [{ code: 'M05.9' }] }));
    assert.match(JSON.stringify(bad), /EVAL_REGION_UNKNOWN.*contained\[0\]\.extension\[1\]/);
  });

  it('unknown: a date before the text tegin holds, and a region with no list', () => {
    const early = answer({
      region: 'KZ-27',
      date: '2025-12-31',
      age: 10,
      diagnoses: [{ code: 'M08.2' }],
    });
    assert.equal(part(ext(early, EXT.coverageStatus), 'status')?.valueCode, 'not_covered');
    assert.equal(early.insurance?.[0]?.inforce, false);
    assert.equal(part(ext(items(early)[0], EXT.reason), 'code')?.valueCode, 'not_covered');
    const none = answer({
      region: 'KZ-10',
      date: '2026-11-24',
      age: 10,
      diagnoses: [{ code: 'M08.2' }],
    });
    assert.equal(part(ext(none, EXT.coverageStatus), 'status')?.valueCode, 'no_list');
    assert.deepEqual(items(none), []);
    assert.match(none.disposition ?? '', /тізім жоқ/);
  });

  it('carries the IIN warning and the age taken from the IIN', () => {
    const response = answer({ ...KZ27, iin: '120311500018', diagnoses: [{ code: 'M08.2' }] });
    assert.equal(part(ext(response, EXT.patientAge), 'source')?.valueCode, 'iin');
    assert.equal(part(ext(response, EXT.patientAge), 'age')?.valueInteger, 14);
    assert.ok(exts(response, EXT.warning).length >= 1);
    assert.equal(response.contained?.[0]?.resourceType, 'Patient');
    assert.equal(response.patient.reference, '#p');
  });
});

describe('$evaluate problems as OperationOutcome', () => {
  function issues(o: OperationOutcome): [string | undefined, string | undefined][] {
    return o.issue.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]]);
  }

  it('names the missing region, date, patient and diagnosis by FHIR path', () => {
    const o = outcome({
      resourceType: 'CoverageEligibilityRequest',
      status: 'active',
      purpose: ['benefits'],
      patient: { reference: '#nobody' },
      created: CREATED,
      insurer: { display: 'somebody' },
      item: [{ diagnosis: [{ diagnosisCodeableConcept: { text: 'arthritis' } }] }],
    });
    assert.deepEqual(issues(o), [
      ['FHIR_REGION_MISSING', 'CoverageEligibilityRequest.insurer'],
      ['FHIR_DATE_MISSING', 'CoverageEligibilityRequest.servicedDate'],
      ['FHIR_PATIENT_UNRESOLVED', 'CoverageEligibilityRequest.patient'],
      [
        'FHIR_DIAGNOSIS_MISSING',
        'CoverageEligibilityRequest.item[0].diagnosis[0].diagnosisCodeableConcept',
      ],
    ]);
    for (const issue of o.issue) {
      assert.equal(issue.severity, 'error');
      assert.equal(issue.details?.coding?.[0]?.system, 'https://tegin.kz/fhir/CodeSystem/issue');
    }
    assert.equal(o.issue[0]?.code, 'required');
  });

  it('rejects a body that is not a CoverageEligibilityRequest', () => {
    const o = outcome({ resourceType: 'Patient' });
    assert.deepEqual(issues(o), [['FHIR_RESOURCE_INVALID', 'Patient.resourceType']]);
  });

  it('rejects a tegin extension with a value of the wrong type', () => {
    const body = request({ ...KZ27, age: 8, diagnoses: [{ code: 'G80.1' }] });
    const diagnosis = body.item?.[0]?.diagnosis?.[0];
    assert.ok(diagnosis);
    diagnosis.extension = [{ url: EXT.commissionDecision, valueString: 'yes' }];
    assert.deepEqual(issues(outcome(body)), [
      ['FHIR_EXTENSION_INVALID', 'CoverageEligibilityRequest.item[0].diagnosis[0].extension[0]'],
    ]);
  });

  it('locates the engine’s fact errors at the FHIR elements they came from', () => {
    const o = outcome(
      request({
        region: 'KZ-99',
        date: '2026-11-24',
        iin: '120311500019',
        diagnoses: [{ code: 'M08.2' }, { code: 'arthritis' }],
      }),
    );
    assert.deepEqual(issues(o), [
      ['EVAL_REGION_UNKNOWN', 'CoverageEligibilityRequest.insurer.identifier.value'],
      ['EVAL_IIN_INVALID', 'CoverageEligibilityRequest.contained[0].identifier[0]'],
      [
        'EVAL_ICD10_INVALID',
        'CoverageEligibilityRequest.item[0].diagnosis[1].diagnosisCodeableConcept.coding[0].code',
      ],
    ]);
    assert.equal(o.issue[2]?.code, 'code-invalid');
  });

  it('asks for an age, birth date or IIN on the patient, and a birth date before the date', () => {
    const missing = outcome(request({ ...KZ27, diagnoses: [{ code: 'M08.2' }] }));
    assert.deepEqual(issues(missing), [
      ['EVAL_AGE_MISSING', 'CoverageEligibilityRequest.contained[0]'],
    ]);
    const unborn = outcome(
      request({ ...KZ27, birthDate: '2027-01-01', diagnoses: [{ code: 'M08.2' }] }),
    );
    assert.deepEqual(issues(unborn), [
      ['EVAL_BIRTH_AFTER_DATE', 'CoverageEligibilityRequest.contained[0].birthDate'],
    ]);
  });

  it('maps domain issues with path segments too', () => {
    const o = operationOutcomeOf([
      { code: 'EVAL_DATE_INVALID', path: ['diagnoses', 0, 'code'], message: 'bad' },
    ]);
    assert.deepEqual(validateFhir(o), []);
    assert.deepEqual(o.issue[0]?.expression, ['diagnoses[0].code']);
  });
});
