/** FHIR R4 over HTTP: every resource the server emits validates with @medplum/core's R4 validator. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Services } from '../src/app/services.ts';
import { EXT, IDENTIFIER_SYSTEM, SYSTEM } from '../src/fhir/index.ts';
import type {
  Bundle,
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  OperationOutcome,
  Resource,
} from '../src/fhir/types.ts';
import { validateFhir } from './support/fhir-validator.ts';
import { testApp, testServices, type TestApp } from './support/app.ts';

let services: Services;
let app: TestApp;
before(async () => {
  services = await testServices();
  app = testApp(services);
});
after(() => services.storage.close());

async function fhirGet<T extends Resource>(path: string, status = 200, lang?: string): Promise<T> {
  const res = await app.request(
    `http://tegin.test/fhir/R4${path}`,
    lang ? { headers: { 'accept-language': lang } } : {},
  );
  assert.equal(res.status, status, path);
  assert.match(res.headers.get('content-type') ?? '', /^application\/fhir\+json/);
  const resource = (await res.json()) as T;
  assert.deepEqual(validateFhir(resource), [], `${path} validates`);
  return resource;
}

function request(facts: {
  region: string;
  date: string;
  birthDate: string;
  codes: string[];
  commission?: boolean;
}): CoverageEligibilityRequest {
  return {
    resourceType: 'CoverageEligibilityRequest',
    contained: [{ resourceType: 'Patient', id: 'p', birthDate: facts.birthDate }],
    status: 'active',
    purpose: ['benefits'],
    patient: { reference: '#p' },
    servicedDate: facts.date,
    created: '2026-11-24T09:00:00Z',
    insurer: { identifier: { system: IDENTIFIER_SYSTEM.iso3166part2, value: facts.region } },
    item: [
      {
        diagnosis: facts.codes.map((code) => ({
          ...(facts.commission
            ? { extension: [{ url: EXT.commissionDecision, valueBoolean: true }] }
            : {}),
          diagnosisCodeableConcept: { coding: [{ system: SYSTEM.icd10, code }] },
        })),
      },
    ],
  };
}

const evaluate = (body: unknown) =>
  app.request('http://tegin.test/fhir/R4/CoverageEligibilityRequest/$evaluate', {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(body),
  });

describe('FHIR R4 endpoints', () => {
  it('serves a CapabilityStatement', async () => {
    const cs = await fhirGet<Resource & { fhirVersion?: string }>('/metadata');
    assert.equal(cs.resourceType, 'CapabilityStatement');
    assert.equal(cs.fhirVersion, '4.0.1');
  });

  it('finds each regional list by region and by date, honest about dates the data does not cover', async () => {
    const byRegion = await fhirGet<Bundle>('/InsurancePlan?coverage-area=KZ-27');
    assert.equal(byRegion.entry?.length, 1);
    const onDate = await fhirGet<Bundle>('/InsurancePlan?date=2026-11-24');
    assert.equal(onDate.entry?.length, 2);
    const before = await fhirGet<Bundle>(
      '/InsurancePlan?coverage-area=urn:iso:std:iso:3166:-2|KZ-27&date=2025-12-31',
    );
    assert.equal(before.entry?.length ?? 0, 0);
    const id = byRegion.entry?.[0]?.resource?.id;
    assert.ok(id);
    await fhirGet(`/InsurancePlan/${id}`);
  });

  it('serves every FormularyItem and MedicationKnowledge, each valid, in each language', async () => {
    for (const lang of ['kk', 'ru', 'en']) {
      const items = await fhirGet<Bundle>('/Basic?code=formulary-item', 200, lang);
      assert.equal(items.entry?.length, 119 + 28);
      for (const e of items.entry ?? []) assert.deepEqual(validateFhir(e.resource as Resource), []);
    }
    const meds = await fhirGet<Bundle>('/MedicationKnowledge?code=http://www.whocc.no/atc|L04AC07');
    assert.equal(meds.entry?.length, 3);
    const medId = meds.entry?.[0]?.resource?.id;
    await fhirGet(`/MedicationKnowledge/${medId}`);
    const bySubject = await fhirGet<Bundle>(`/Basic?subject=MedicationKnowledge/${medId}`);
    assert.equal(bySubject.entry?.length, 1);
  });

  it('evaluates a CoverageEligibilityRequest like the engine does', async () => {
    const res = await evaluate(
      request({
        region: 'KZ-27',
        date: '2026-11-24',
        birthDate: '2018-05-01',
        codes: ['G80.1', 'M08.2'],
      }),
    );
    assert.equal(res.status, 200);
    const response = (await res.json()) as CoverageEligibilityResponse;
    assert.deepEqual(validateFhir(response), []);
    assert.equal(response.resourceType, 'CoverageEligibilityResponse');
    const items = response.insurance?.[0]?.item ?? [];
    assert.equal(items.length, 4);
    assert.ok(
      items.some((i) => i.authorizationRequired === true),
      'item 7 needs the commission',
    );
  });

  it('answers bad requests and unknown resources with a valid OperationOutcome', async () => {
    const missing = await evaluate({
      resourceType: 'CoverageEligibilityRequest',
      status: 'active',
      purpose: ['benefits'],
      patient: { reference: '#x' },
      created: '2026-11-24',
      insurer: {},
    });
    assert.equal(missing.status, 400);
    const outcome = (await missing.json()) as OperationOutcome;
    assert.deepEqual(validateFhir(outcome), []);
    assert.ok(
      outcome.issue.some((i) => i.expression?.[0] === 'CoverageEligibilityRequest.insurer'),
    );
    const badCode = await evaluate(
      request({ region: 'KZ-27', date: '2026-11-24', birthDate: '2018-05-01', codes: ['M8'] }),
    );
    assert.equal(badCode.status, 400);
    const notFound = await fhirGet<OperationOutcome>('/Basic/nothing-here', 404);
    assert.equal(notFound.issue[0]?.severity, 'error');
    // Patient is an operations type now (signed in: test/fhir-ops-http.test.ts); Encounter is none.
    await fhirGet<OperationOutcome>('/Encounter', 404);
  });
});
