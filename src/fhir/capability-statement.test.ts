/** The server's CapabilityStatement and search Bundles: valid R4, saying what the server does. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFhir } from '../../test/support/fhir-validator.ts';
import { realData } from '../../test/support/fixture.ts';
import { searchsetBundleOf } from './bundle.ts';
import { capabilityStatementOf } from './capability-statement.ts';
import { formularyOf } from './formulary.ts';

const BASE = 'https://tegin.example/fhir/R4';

describe('CapabilityStatement', () => {
  const statement = capabilityStatementOf(BASE, '0.3.0', '2026-11-24');

  it('is valid FHIR R4', () => {
    assert.deepEqual(validateFhir(statement), []);
  });

  it('offers R4 JSON, read and search on the formulary resources, and $evaluate', () => {
    assert.equal(statement.fhirVersion, '4.0.1');
    assert.ok(statement.format.includes('json'));
    assert.equal(statement.software?.version, '0.3.0');
    const resources = statement.rest?.[0]?.resource ?? [];
    const params = (type: string) =>
      resources.find((r) => r.type === type)?.searchParam?.map((p) => p.name);
    assert.deepEqual(params('InsurancePlan'), ['_id', 'coverage-area', 'date']);
    assert.deepEqual(params('Basic'), ['code', 'subject']);
    assert.deepEqual(params('MedicationKnowledge'), ['code']);
    for (const type of ['InsurancePlan', 'Basic', 'MedicationKnowledge']) {
      assert.deepEqual(
        resources.find((r) => r.type === type)?.interaction?.map((i) => i.code),
        ['read', 'search-type'],
      );
    }
    const evaluate = resources.find((r) => r.type === 'CoverageEligibilityRequest')?.operation;
    assert.equal(evaluate?.[0]?.name, 'evaluate');
  });
});

describe('searchset Bundle', () => {
  const { registry } = realData();
  const version = registry.versions[0];
  assert.ok(version);
  const region = registry.region(version.list.region);
  assert.ok(region);
  const formulary = formularyOf(region, version, registry, { baseUrl: BASE });

  it('lists matches and includes with fullUrls under the base', () => {
    const item = formulary.items[0];
    const medication = formulary.medications[0];
    assert.ok(item && medication);
    const self = `${BASE}/Basic?code=formulary-item&_include=Basic:subject`;
    const bundle = searchsetBundleOf([item, { resource: medication, mode: 'include' }], self);
    assert.deepEqual(validateFhir(bundle), []);
    assert.equal(bundle.type, 'searchset');
    assert.equal(bundle.total, 1);
    assert.deepEqual(bundle.link, [{ relation: 'self', url: self }]);
    assert.deepEqual(
      bundle.entry?.map((e) => [e.fullUrl, e.search?.mode]),
      [
        [`${BASE}/Basic/${item.id}`, 'match'],
        [`${BASE}/MedicationKnowledge/${medication.id}`, 'include'],
      ],
    );
  });

  it('holds every InsurancePlan of the data, and nothing when nothing matches', () => {
    const plans = registry.versions.map((v) => {
      const r = registry.region(v.list.region);
      assert.ok(r);
      return formularyOf(r, v, registry, { baseUrl: BASE }).plan;
    });
    const all = searchsetBundleOf(plans, `${BASE}/InsurancePlan`);
    assert.deepEqual(validateFhir(all), []);
    assert.equal(all.total, 2);
    const none = searchsetBundleOf([], `${BASE}/InsurancePlan?coverage-area:identifier=x`);
    assert.deepEqual(validateFhir(none), []);
    assert.equal(none.total, 0);
  });
});
