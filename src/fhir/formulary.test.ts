/**
 * Every consolidated list text the data holds, mapped to FHIR (InsurancePlan,
 * FormularyItem, MedicationKnowledge) and validated as R4; then what the
 * resources say, checked against the data.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFhir } from '../../test/support/fhir-validator.ts';
import { realData } from '../../test/support/fixture.ts';
import { DAVINCI, EXT, IDENTIFIER_SYSTEM, SYSTEM } from './extensions.ts';
import { formularyOf, type Formulary } from './formulary.ts';
import type { Basic, Extension, Resource } from './types.ts';

const { registry } = realData();
const OPTIONS = { baseUrl: 'https://tegin.example/fhir/R4' };

function mapAll(lang?: 'kk' | 'ru' | 'en'): Map<string, Formulary> {
  const byRegion = new Map<string, Formulary>();
  for (const version of registry.versions) {
    const region = registry.region(version.list.region);
    assert.ok(region);
    byRegion.set(
      version.list.region,
      formularyOf(region, version, registry, lang ? { ...OPTIONS, lang } : OPTIONS),
    );
  }
  return byRegion;
}

const formularies = mapAll();
const kz27 = formularies.get('KZ-27') as Formulary;
const kz35 = formularies.get('KZ-35') as Formulary;

function ext(resource: { extension?: Extension[] }, url: string): Extension | undefined {
  return resource.extension?.find((e) => e.url === url);
}
function part(extension: Extension | undefined, url: string): Extension | undefined {
  return extension?.extension?.find((e) => e.url === url);
}
function itemOf(formulary: Formulary, section: string, item: string, product = 1): Basic {
  const found = formulary.items.find((b) => b.id?.endsWith(`-s${section}-i${item}-p${product}`));
  assert.ok(found, `no FormularyItem for section ${section} item ${item} product ${product}`);
  return found;
}

describe('FHIR mapping of every list text', () => {
  it('validates every resource as FHIR R4, in each language', () => {
    let count = 0;
    for (const lang of ['kk', 'ru', 'en'] as const) {
      for (const f of mapAll(lang).values()) {
        for (const resource of [f.plan, ...f.items, ...f.medications] as Resource[]) {
          assert.deepEqual(validateFhir(resource), [], `${resource.resourceType}/${resource.id}`);
          assert.equal(resource.language, lang);
          count++;
        }
      }
    }
    const expected = [...mapAll().values()].reduce(
      (sum, f) => sum + 1 + f.items.length + f.medications.length,
      0,
    );
    assert.ok(expected > 0);
    assert.equal(count, 3 * expected);
  });

  it('maps every item: one FormularyItem per product, one per excluded item', () => {
    const items = (f: Formulary) =>
      new Set(f.items.map((b) => b.id?.replace(/-p\d+$/, '')).filter(Boolean));
    for (const version of registry.versions) {
      const region = registry.region(version.list.region);
      assert.ok(region);
      const f = formularyOf(region, version, registry, OPTIONS);
      const all = version.list.sections.flatMap((s) => s.items);
      const expected = all.reduce(
        (sum, item) => sum + (item.status === 'in_force' ? Math.max(item.products.length, 1) : 1),
        0,
      );
      assert.equal(items(f).size, all.length, version.path);
      assert.equal(f.items.length, expected, version.path);
    }
    const ids = [...formularies.values()].flatMap((f) => [f.plan, ...f.items].map((r) => r.id));
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    for (const id of ids) assert.match(id ?? '', /^[A-Za-z0-9.-]{1,64}$/);
  });

  it('describes a list text as a Da Vinci Formulary: identifiers, period, area, owner, sections, citation', () => {
    const { plan } = kz27;
    assert.equal(plan.id, 'KZ-27-20200930-38-3-a1-20251215-22-5');
    assert.deepEqual(plan.identifier?.[0], {
      system: IDENTIFIER_SYSTEM.list,
      value: 'KZ-27.maslikhat.2020-09-30.38-3/annex-1',
    });
    assert.equal(plan.status, 'active');
    assert.equal(plan.type?.[0]?.coding?.[0]?.code, 'DRUGPOL');
    assert.deepEqual(plan.period, { start: '2026-01-01' });
    assert.deepEqual(plan.coverageArea?.[0]?.identifier, {
      system: IDENTIFIER_SYSTEM.iso3166part2,
      value: 'KZ-27',
    });
    assert.equal(plan.ownedBy?.display, 'Батыс Қазақстан облысы мәслихаты');
    assert.deepEqual(
      plan.coverage?.map((c) => c.type.coding?.[0]?.code),
      ['medicine', 'device', 'food'],
    );
    assert.deepEqual(plan.plan?.[0]?.generalCost?.[0]?.cost, { value: 0, currency: 'KZT' });
    const citation = ext(plan, EXT.listCitation);
    assert.equal(
      part(citation, 'edition')?.valueIdentifier?.value,
      'KZ-27.maslikhat.2024-10-24.15-3',
    );
    assert.deepEqual(
      citation?.extension
        ?.filter((e) => e.url === 'amendedBy')
        .map((e) => e.valueIdentifier?.value),
      [
        'KZ-27.maslikhat.2024-12-13.16-6',
        'KZ-27.maslikhat.2025-06-16.18-6',
        'KZ-27.maslikhat.2025-12-15.22-5',
      ],
    );
  });

  it('gives name and alias in kk with ru and en translations', () => {
    const { plan } = kz27;
    const record = plan as unknown as Record<string, { extension?: Extension[] }>;
    const translations = record._name?.extension?.map((t) => [
      part(t, 'lang')?.valueCode,
      part(t, 'content')?.valueString,
    ]);
    assert.equal(plan.name?.startsWith('Батыс Қазақстан облысы'), true);
    assert.equal(translations?.[0]?.[0], 'ru');
    assert.match(String(translations?.[1]?.[1]), /^West Kazakhstan Region — free outpatient/);
    assert.equal(plan.alias?.length, 1);
  });

  it('keeps an unknown entry into force a window: no period.start, earliest and latest in an extension', () => {
    const { plan } = kz35;
    assert.equal(plan.period?.start, undefined);
    const window = ext(plan.period ?? {}, EXT.effectiveWindow);
    assert.equal(part(window, 'earliest')?.valueDate, '2025-09-22');
    assert.equal(part(window, 'latest')?.valueDate, '2026-11-22');
  });

  it('gives each medicine its ATC code, INN and dose form', () => {
    const tocilizumab = kz27.medications.find((m) => m.id?.endsWith('-s1-i2-p1'));
    assert.deepEqual(tocilizumab?.code?.coding, [{ system: SYSTEM.atc, code: 'L04AC07' }]);
    assert.equal(tocilizumab?.code?.text, 'tocilizumab');
    assert.deepEqual(tocilizumab?.synonym, ['Тоцилизумаб', 'tocilizumab']);
    assert.match(tocilizumab?.doseForm?.text ?? '', /инфузиялық ерітінді/);
    for (const m of [...kz27.medications, ...kz35.medications]) {
      const product = ext(m, EXT.product);
      const inn = part(product, 'inn')?.valueString;
      if (inn) assert.equal(m.code?.text, inn);
      for (const coding of m.code?.coding ?? []) assert.equal(coding.system, SYSTEM.atc);
    }
    // A class of medicines (no INN) keeps its group ATC code and its name.
    const fatEmulsions = kz27.medications.find((m) => m.code?.coding?.[0]?.code === 'B05BA02');
    assert.equal(fatEmulsions?.code?.text, 'май эмульсиялары');
  });

  it('links each FormularyItem to its plan and medicine, with diagnosis, conditions and citation', () => {
    const item = itemOf(kz27, '1', '2');
    assert.equal(item.code.coding?.[0]?.system, DAVINCI.insuranceItemType);
    assert.equal(item.code.coding?.[0]?.code, 'formulary-item');
    assert.equal(
      ext(item, DAVINCI.formularyReference)?.valueReference?.reference,
      `InsurancePlan/${kz27.plan.id}`,
    );
    assert.equal(item.subject?.reference, `MedicationKnowledge/${item.id}`);
    assert.equal(ext(item, DAVINCI.availabilityStatus)?.valueCode, 'active');
    assert.deepEqual(ext(item, DAVINCI.availabilityPeriod)?.valuePeriod, { start: '2026-01-01' });
    const diagnosis = part(ext(item, EXT.coveredDiagnosis), 'code')?.valueCodeableConcept;
    assert.deepEqual(diagnosis?.coding, [
      { system: SYSTEM.icd10, code: 'M08' },
      { system: SYSTEM.icd10, code: 'M09' },
    ]);
    assert.equal(diagnosis?.text, 'Ювенильдық артрит');
    const population = ext(item, EXT.population);
    assert.equal(part(population, 'ageGroup')?.valueCode, 'children');
    assert.equal(part(population, 'dispensaryRegistration')?.valueCode, 'required');
    assert.equal(ext(item, DAVINCI.priorAuthorization)?.valueBoolean, false);
    const citation = ext(item, EXT.citation);
    assert.equal(part(citation, 'item')?.valueString, '2');
    assert.equal(part(citation, 'fromLine')?.valueInteger, 98);
    assert.equal(part(citation, 'toLine')?.valueInteger, 144);
    assert.match(part(citation, 'text')?.valueString ?? '', /38-3/);
  });

  it("cites each item in its annex's own units, and notes in the requested language", () => {
    const units = (b: Basic) =>
      ext(b, EXT.citation)
        ?.extension?.filter((e) => e.url === 'unit')
        .map((u) => `${part(u, 'kind')?.valueCode} ${part(u, 'number')?.valueString}`);
    assert.deepEqual(units(itemOf(kz27, '1', '5')), ['section 1', 'row 5']);
    assert.deepEqual(units(itemOf(kz35, '1', '14')), ['point 1', 'sub_point 14']);
    assert.deepEqual(units(itemOf(kz35, '2', '1')), ['point 2']);
    const section = (f: Formulary) => part(ext(f.plan.coverage?.[0] ?? {}, EXT.section), 'unit');
    assert.equal(section(kz27)?.valueCode, 'section');
    assert.equal(section(kz35)?.valueCode, 'point');
    const ru = mapAll('ru').get('KZ-35') as Formulary;
    const note = part(ext(itemOf(ru, '1', '7'), EXT.sourceNote), 'text')?.valueString ?? '';
    assert.match(note, /^Источник не называет лекарственное средство/);
  });

  it('marks a commission decision as Da Vinci prior authorization and as a tegin extension', () => {
    const item = itemOf(kz27, '1', '7');
    assert.equal(ext(item, DAVINCI.priorAuthorization)?.valueBoolean, true);
    assert.equal(ext(item, EXT.commissionDecisionRequired)?.valueBoolean, true);
    const conditions = ext(item, EXT.indication)
      ?.extension?.filter((e) => e.url === 'condition')
      .map((e) => e.valueCode);
    assert.ok(conditions?.includes('commission_decision'));
  });

  it('gives products the source does not name no MedicationKnowledge, and says so', () => {
    const unnamed = kz35.items.filter(
      (b) => part(ext(b, EXT.product), 'innAbsent')?.valueCode === 'name_missing',
    );
    assert.equal(unnamed.length, 5);
    for (const b of unnamed) {
      assert.equal(b.subject?.reference, undefined);
      assert.deepEqual(b.subject?.extension, [
        { url: SYSTEM.dataAbsentReason, valueCode: 'unknown' },
      ]);
      assert.equal(part(ext(b, EXT.product), 'text')?.valueString, 'дәрілік зат');
      assert.equal(
        kz35.medications.some((m) => m.id === b.id),
        false,
      );
    }
  });

  it('describes devices, foods and care products on the FormularyItem only', () => {
    const others = [...kz27.items, ...kz35.items].filter((b) =>
      ['device', 'food', 'care'].includes(part(ext(b, EXT.product), 'kind')?.valueCode ?? ''),
    );
    assert.equal(others.length, 7 + 7 + 10 + 3 + 8 + 1);
    for (const b of others) {
      assert.equal(b.subject?.reference, undefined);
      assert.ok(b.subject?.display);
    }
  });

  it('keeps excluded items as retired FormularyItems citing the excluding act', () => {
    const excluded = kz27.items.filter((b) => ext(b, EXT.itemStatus)?.valueCode === 'excluded');
    assert.equal(excluded.length, 2);
    for (const b of excluded) {
      assert.equal(ext(b, DAVINCI.availabilityStatus)?.valueCode, 'retired');
      assert.match(ext(b, EXT.excludedBy)?.valueIdentifier?.value ?? '', /^KZ-27\.maslikhat\./);
      assert.equal(b.subject, undefined);
    }
  });
});
