/** Search parameters parsed into typed queries or clear OperationOutcomes; searchset Bundles with safe links. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFhir } from '../../../test/support/fhir-validator.ts';
import { IIN, ids, patient, prescription } from '../../../test/support/ops-fixtures.ts';
import { isoDate } from '../../domain/date.ts';
import { capabilityStatementOf } from '../capability-statement.ts';
import { operationsCapabilityResources } from './capability.ts';
import { MEDICATION_REQUEST_STATUS, medicationRequestOf } from './medication-request.ts';
import { patientOf } from './patient.ts';
import { matchesDateBounds, modelValuesOf, parseSearch, type SearchParse } from './search.ts';
import { searchsetOf } from './searchset.ts';

const BASE = 'https://tegin.example/fhir/R4';

function problems<T extends Parameters<typeof parseSearch>[0]>(result: SearchParse<T>) {
  assert.equal(result.ok, false);
  if (result.ok) return [];
  assert.deepEqual(validateFhir(result.outcome), []);
  return result.outcome.issue.map((i) => [
    i.location?.[0],
    i.details?.coding?.[0]?.code,
    i.details?.text,
  ]);
}

describe('search parameters', () => {
  it('parses a prescription search into a typed query', () => {
    const result = parseSearch(
      'MedicationRequest',
      new URLSearchParams([
        ['patient', `Patient/${ids.patient}`],
        ['status', 'active,http://hl7.org/fhir/CodeSystem/medicationrequest-status|stopped'],
        ['authoredon', 'ge2026-03-01'],
        ['authoredon', 'le2026-03-31'],
        ['_count', '50'],
      ]),
    );
    assert.deepEqual(result.ok && result.value, {
      type: 'MedicationRequest',
      params: {
        patient: ids.patient,
        status: ['active', 'stopped'],
        authoredon: [
          { prefix: 'ge', date: '2026-03-01' },
          { prefix: 'le', date: '2026-03-31' },
        ],
      },
      count: 50,
      offset: 0,
    });
  });

  it('defaults to 20 a page, takes a bare id, a date without prefix and a record of values', () => {
    const result = parseSearch('MedicationDispense', {
      patient: ids.patient,
      whenhandedover: '2026-03-04',
      prescription: [ids.prescription],
    });
    assert.deepEqual(result.ok && result.value, {
      type: 'MedicationDispense',
      params: {
        patient: ids.patient,
        whenhandedover: [{ prefix: 'eq', date: '2026-03-04' }],
        prescription: ids.prescription,
      },
      count: 20,
      offset: 0,
    });
  });

  it('names each bad parameter in an OperationOutcome located at http.<name>', () => {
    const result = parseSearch(
      'MedicationRequest',
      new URLSearchParams([
        ['status', 'expired'],
        ['authoredon', 'sa2026-03-01'],
        ['patient', 'Patient/42'],
        ['_count', '1000'],
        ['code', 'A10BA02'],
      ]),
    );
    assert.deepEqual(problems(result), [
      [
        'http.status',
        'HTTP_INVALID',
        'status takes active, completed, cancelled, stopped (system http://hl7.org/fhir/CodeSystem/medicationrequest-status); not expired',
      ],
      [
        'http.authoredon',
        'HTTP_INVALID',
        'authoredon: the prefix sa is not supported; use eq, gt, lt, ge, le',
      ],
      ['http.patient', 'HTTP_INVALID', 'patient must be a Patient by internal id (Patient/<id>)'],
      ['http._count', 'HTTP_INVALID', '_count must be a whole number from 0 to 100'],
      [
        'http.code',
        'HTTP_INVALID',
        'MedicationRequest has no search parameter code; it has patient, status, authoredon, identifier, _count, _offset',
      ],
    ]);
  });

  it('refuses an impossible date, a token of another system, a repeated single parameter and a negative offset', () => {
    const result = parseSearch('AuditEvent', {
      date: 'ge2026-02-30',
      outcome: 'http://example.org|0',
      agent: [ids.doctor, ids.pharmacist],
      _offset: '-1',
    });
    const found = problems(result).map(([where]) => where);
    assert.deepEqual(found, ['http.date', 'http.outcome', 'http.agent', 'http._offset']);
  });

  it('refuses an IIN anywhere but Patient?identifier, and never repeats it', () => {
    for (const [type, name] of [
      ['MedicationRequest', 'patient'],
      ['MedicationRequest', 'identifier'],
      ['AuditEvent', 'agent'],
      ['Condition', 'patient'],
    ] as const) {
      const result = parseSearch(type, { [name]: IIN });
      const found = problems(result);
      assert.equal(found.length, 1);
      assert.match(String(found[0]?.[2]), /looks like an IIN/);
      assert.equal(JSON.stringify(result).includes(IIN), false);
    }
  });

  it('finds a patient by IIN, and a malformed IIN is refused without repeating it', () => {
    const found = parseSearch('Patient', { identifier: `urn:tegin:iin|${IIN}` });
    assert.deepEqual(found.ok && found.value.params, { identifier: IIN });
    const bad = parseSearch('Patient', { identifier: '75030230001' });
    assert.deepEqual(problems(bad), [
      ['http.identifier', 'HTTP_INVALID', 'identifier: expected an IIN of 12 digits'],
    ]);
    assert.equal(JSON.stringify(bad).includes('75030230001'), false);
  });

  it('turns FHIR values back into the model’s, and matches days against bounds', () => {
    assert.deepEqual(modelValuesOf(MEDICATION_REQUEST_STATUS, ['stopped', 'active']), [
      'active',
      'expired',
    ]);
    assert.equal(modelValuesOf(MEDICATION_REQUEST_STATUS, undefined), undefined);
    const march = [
      { prefix: 'ge', date: isoDate('2026-03-01') },
      { prefix: 'lt', date: isoDate('2026-04-01') },
    ] as const;
    assert.equal(matchesDateBounds(march, isoDate('2026-03-01')), true);
    assert.equal(matchesDateBounds(march, isoDate('2026-03-31')), true);
    assert.equal(matchesDateBounds(march, isoDate('2026-04-01')), false);
    assert.equal(matchesDateBounds(march, isoDate('2026-02-28')), false);
    assert.equal(matchesDateBounds(undefined, isoDate('2026-02-28')), true);
  });
});

describe('searchset Bundle of the operations resources', () => {
  it('has the total of all matches, a self link from the parsed query, and previous/next pages', () => {
    const parsed = parseSearch('MedicationRequest', {
      patient: ids.patient,
      status: 'active',
      _count: '1',
      _offset: '1',
    });
    assert.ok(parsed.ok);
    const bundle = searchsetOf(parsed.value, [medicationRequestOf(prescription)], 3, BASE);
    assert.deepEqual(validateFhir(bundle), []);
    assert.equal(bundle.total, 3);
    assert.deepEqual(bundle.link, [
      {
        relation: 'self',
        url: `${BASE}/MedicationRequest?patient=Patient%2F${ids.patient}&status=active&_count=1&_offset=1`,
      },
      {
        relation: 'previous',
        url: `${BASE}/MedicationRequest?patient=Patient%2F${ids.patient}&status=active&_count=1`,
      },
      {
        relation: 'next',
        url: `${BASE}/MedicationRequest?patient=Patient%2F${ids.patient}&status=active&_count=1&_offset=2`,
      },
    ]);
    assert.equal(bundle.entry?.[0]?.fullUrl, `${BASE}/MedicationRequest/${ids.prescription}`);
  });

  it('leaves the IIN out of the links of a search by IIN', () => {
    const parsed = parseSearch('Patient', { identifier: IIN });
    assert.ok(parsed.ok);
    const bundle = searchsetOf(parsed.value, [patientOf(patient)], 1, BASE);
    assert.deepEqual(validateFhir(bundle), []);
    assert.deepEqual(bundle.link, [{ relation: 'self', url: `${BASE}/Patient?_count=20` }]);
    assert.equal(JSON.stringify(bundle.link).includes(IIN), false);
  });
});

describe('CapabilityStatement entries', () => {
  it('are valid within the server’s statement: read and search on every operations type', () => {
    const statement = capabilityStatementOf(BASE, '0.4.0', '2026-12-01');
    const rest = statement.rest?.[0];
    assert.ok(rest);
    const merged = {
      ...statement,
      rest: [{ ...rest, resource: [...(rest.resource ?? []), ...operationsCapabilityResources()] }],
    };
    assert.deepEqual(validateFhir(merged), []);
    const entries = operationsCapabilityResources();
    assert.deepEqual(
      entries.map((r) => r.type),
      [
        'Patient',
        'Organization',
        'Practitioner',
        'PractitionerRole',
        'Condition',
        'MedicationRequest',
        'MedicationDispense',
        'AuditEvent',
      ],
    );
    for (const entry of entries) {
      assert.deepEqual(
        entry.interaction?.map((i) => i.code),
        ['read', 'search-type'],
      );
    }
    assert.deepEqual(
      entries
        .find((r) => r.type === 'MedicationRequest')
        ?.searchParam?.map((p) => [p.name, p.type]),
      [
        ['patient', 'reference'],
        ['status', 'token'],
        ['authoredon', 'date'],
        ['identifier', 'token'],
      ],
    );
  });
});
