/**
 * The what-if of a draft list decision: the draft is checked with the registry's own schema and
 * cross-checks (errors with file and line), evaluated against grouped register facts (a stub of
 * the analytics port here: the grouped SQL has its own test, src/app/ops/analytics.test.ts) with
 * the law in force and with the draft, counted by item and diagnosis, audited — and the draft
 * never reaches the registry, the catalogue or any public answer.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { lawOf } from '../src/app/ops/law.ts';
import { WhatIfUseCases } from '../src/app/analytics/whatif.ts';
import { type Services } from '../src/app/services.ts';
import { readDraft } from '../src/app/whatif-draft.ts';
import { isoDate } from '../src/domain/date.ts';
import type { Region } from '../src/domain/region.ts';
import { DEFAULT_LOGIN_POLICY } from '../src/ops/login.ts';
import type { RegisterGroup } from '../src/storage/ops/analytics-port.ts';
import type { OpsStorage } from '../src/storage/ops/port.ts';
import { testApp, testServices, type TestApp } from './support/app.ts';

const LIST = new URL('../data/KZ-27/lists/2020-09-30.38-3.annex-1.yaml', import.meta.url);
const MARKER = 'DRAFT-ONLY-WORDING-7f3a';
const DATE = isoDate('2026-11-24');
/** The current list with every item sharing the `all-registered` population made children-only. */
const draftText = readFileSync(LIST, 'utf8')
  .replace(
    /population: &all-registered\n(\s+)age: all/,
    'population: &all-registered\n$1age: children',
  )
  .replace('en: Chronic heart failure', `en: ${MARKER}`);

let services: Services;
let app: TestApp;
before(async () => {
  services = await testServices();
  app = testApp(services);
});
after(() => services.storage.close());

function regionOf(code: string): Region {
  const region = services.registry.region(code);
  assert.ok(region, code);
  return region;
}

const group = (icd10: string, age: number, patients: number): RegisterGroup => ({
  icd10,
  confirmed: true,
  age,
  citizen: true,
  servedIn: 'KZ-27',
  commission: [],
  patients,
  patientDays: patients,
});

describe('analytics whatif', () => {
  it('the draft changed what the test means it to', () => {
    assert.notEqual(draftText, readFileSync(LIST, 'utf8'));
    assert.ok(draftText.includes('age: children') && draftText.includes(MARKER));
  });

  it('a draft that breaks the schema is refused with file and line', () => {
    const broken = draftText.replace(
      "number: '1'\n        lines:",
      "number: 'one'\n        lines:",
    );
    const answer = readDraft({
      registry: services.registry,
      region: regionOf('KZ-27'),
      date: DATE,
      path: 'drafts/x.yaml',
      text: broken,
    });
    assert.equal(answer.ok, false);
    if (answer.ok) return;
    assert.ok(answer.issues.every((i) => i.file === 'drafts/x.yaml' && (i.line ?? 0) > 1));
    assert.ok(answer.issues.some((i) => i.path.join('.').endsWith('number')));
  });

  it('cross-checks run: a draft citing an act no file defines is refused', () => {
    const answer = readDraft({
      registry: services.registry,
      region: regionOf('KZ-27'),
      date: DATE,
      path: 'drafts/y.yaml',
      text: draftText.replace(
        'edition: KZ-27.maslikhat.2024-10-24.15-3',
        'edition: KZ-27.maslikhat.2030-01-01.99-9',
      ),
    });
    assert.equal(answer.ok, false);
  });

  it('a draft for another region is refused', () => {
    const answer = readDraft({
      registry: services.registry,
      region: regionOf('KZ-35'),
      date: DATE,
      path: 'drafts/z.yaml',
      text: draftText,
    });
    assert.equal(answer.ok, false);
  });

  it('adults lose, children keep; counted by item and diagnosis; audited; the draft stays out', async () => {
    const before = {
      catalog: await (await app.request('/api/v1/regions/KZ-27/catalog')).text(),
      versions: services.registry.listVersions(regionOf('KZ-27').code),
    };
    const region = regionOf('KZ-27');
    const read = readDraft({
      registry: services.registry,
      region,
      date: DATE,
      path: 'draft.yaml',
      text: draftText,
    });
    assert.ok(read.ok, read.ok ? '' : JSON.stringify(read.issues));
    const audit: unknown[] = [];
    const storage = {
      analytics: {
        registerGroups: async () => [group('I50', 60, 7), group('I50', 10, 3), group('Z99', 40, 5)],
      },
      appendAudit: async (entry: unknown) => {
        audit.push(entry);
      },
    } as unknown as OpsStorage;
    const useCases = new WhatIfUseCases({
      storage,
      hasher: { hash: async () => '', verify: async () => false } as never,
      policy: DEFAULT_LOGIN_POLICY,
      law: () => lawOf(services),
    });
    const result = await useCases.whatIf(
      { kind: 'operator', name: 'test' },
      { region: 'KZ-27', date: DATE },
      read.draft,
      { requestId: null, purpose: 'test' },
    );
    assert.ok(result.ok);
    const r = result.value;
    assert.equal(r.registrations, 15);
    const heart = r.byDiagnosis.find((c) => c.key === 'I50');
    assert.deepEqual(heart, { key: 'I50', gained: 0, lost: 7, changed: 0 }, 'the 7 adults lose');
    assert.ok(r.byItem.some((c) => c.key === '1.1' && c.lost === 7));
    assert.equal(r.lostAll, 7);
    assert.equal(r.gainedAny, 0);
    assert.ok(!r.byDiagnosis.some((c) => c.key === 'Z99'), 'no list item: nothing changes');
    assert.ok(audit.length > 0, 'audited');
    assert.ok(JSON.stringify(audit).includes('whatif KZ-27'));
    assert.ok(!JSON.stringify(r).includes(MARKER), 'counts only, no wording');

    // Nothing of the draft reached the registry, the catalogue or a public answer.
    assert.equal(services.registry.listVersions(region.code), before.versions);
    assert.ok(services.registry.versions.every((v) => v.path !== 'draft.yaml'));
    assert.equal(await (await app.request('/api/v1/regions/KZ-27/catalog')).text(), before.catalog);
    for (const path of [
      '/api/v1/regions/KZ-27/catalog',
      '/api/v1/compare/matrix',
      '/en/regions/KZ-27',
      '/en/regions/KZ-27/changes.atom',
      '/en/compare/all',
      '/fhir/R4/InsurancePlan',
    ]) {
      const body = await (await app.request(path)).text();
      assert.ok(!body.includes(MARKER), `${path} does not show the draft`);
    }
    // Search echoes the query, so its results are what must be empty.
    const search = (await (await app.request(`/api/v1/search?q=${MARKER}`)).json()) as {
      results: unknown[];
    };
    assert.deepEqual(search.results, []);
  });

  it('refused without analytics.aggregate (a doctor), and the refusal audited', async () => {
    const read = readDraft({
      registry: services.registry,
      region: regionOf('KZ-27'),
      date: DATE,
      path: 'draft.yaml',
      text: draftText,
    });
    assert.ok(read.ok);
    const audit: unknown[] = [];
    const useCases = new WhatIfUseCases({
      storage: {
        analytics: { registerGroups: async () => assert.fail('no read before the gate') },
        appendAudit: async (e: unknown) => void audit.push(e),
      } as unknown as OpsStorage,
      hasher: {} as never,
      policy: DEFAULT_LOGIN_POLICY,
      law: () => lawOf(services),
    });
    const result = await useCases.whatIf(
      {
        kind: 'staff',
        accountId: 'a1',
        grants: [{ role: 'doctor', region: 'KZ-27', organisation: 'KZ-27/X' }] as never,
      },
      { region: 'KZ-27', date: DATE },
      read.draft,
      { requestId: null, purpose: 'test' },
    );
    assert.equal(result.ok, false);
  });
});
