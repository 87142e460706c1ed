/**
 * The registry against the real data, and against the real data with one
 * deliberate mistake each: every check must find its mistake, with the file,
 * path and line.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataIssue } from '../domain/issues.ts';
import { readDataDir, type RawFile } from './load-files.ts';
import { buildRegistry } from './build.ts';

const files = readDataDir();
const KZ35_LIST = 'KZ-35/lists/2021-02-25.34.annex-1.yaml';
const KZ35_ACT = 'KZ-35/acts/2021-02-25.34.yaml';

function mutate(path: string, edit: (text: string) => string): RawFile[] {
  let found = false;
  const result = files.map((f) => {
    if (f.path !== path) return f;
    found = true;
    const text = edit(f.text);
    assert.notEqual(text, f.text, `the mutation of ${path} changed nothing`);
    return { ...f, text };
  });
  assert.ok(found, `no file ${path}`);
  return result;
}

function issuesOf(mutated: RawFile[]): DataIssue[] {
  return buildRegistry(mutated).issues;
}

function expectIssue(issues: DataIssue[], code: DataIssue['code'], file: string): DataIssue {
  const issue = issues.find((i) => i.code === code && i.file === file);
  assert.ok(issue, `expected ${code} in ${file}, got ${JSON.stringify(issues, null, 1)}`);
  return issue;
}

describe('registry over the real data', () => {
  it('has no problems', () => {
    assert.deepEqual(buildRegistry(files).issues, []);
  });

  it('indexes regions by code and slug, items by ICD-10 category, INN and ATC', () => {
    const { registry } = buildRegistry(files);
    assert.equal(registry.regions.length, 20);
    assert.ok(registry.diseases.length >= 70);
    assert.equal(registry.region('karaganda')?.code, 'KZ-35');
    assert.equal(registry.region('kz-27')?.slug, 'west-kazakhstan');
    assert.equal(registry.region('nowhere'), undefined);
    const m08 = registry.itemsByIcd10Category('M08.21');
    assert.deepEqual(
      m08.map((r) => `${r.version.list.region}:${r.section.number}.${r.item.number}`).sort(),
      ['KZ-27:1.2', 'KZ-35:1.1', 'KZ-35:1.10', 'KZ-35:1.11'],
    );
    const valsartan = registry.itemsByInn('valsartan').map((r) => r.item.number);
    assert.deepEqual(valsartan, ['1']);
    const interleukin = registry
      .itemsByAtc('L04AC')
      .map((r) => `${r.version.list.region}:${r.item.number}`);
    assert.ok(interleukin.includes('KZ-35:1') && interleukin.includes('KZ-27:2'));
  });
});

describe('data check finds each kind of mistake', () => {
  it('a gap in item numbering', () => {
    const issues = issuesOf(
      mutate(KZ35_LIST, (t) =>
        t.replace(
          "      - number: '5'\n        lines: [56, 56]",
          "      - number: '25'\n        lines: [56, 56]",
        ),
      ),
    );
    const gap = expectIssue(issues, 'DATA_ITEM_GAP', KZ35_LIST);
    assert.deepEqual(gap.path, ['sections', 0, 'items', 4, 'number']);
    assert.ok(gap.line && gap.line > 1);
  });

  it('cited source lines that do not start with the item number', () => {
    const issues = issuesOf(
      mutate(KZ35_LIST, (t) => t.replace('lines: [56, 56]', 'lines: [57, 57]')),
    );
    expectIssue(issues, 'CITE_LINE_MISMATCH', KZ35_LIST);
  });

  it('an INN outside the vocabulary, and an ATC code the vocabulary does not give', () => {
    expectIssue(
      issuesOf(mutate(KZ35_LIST, (t) => t.replace('inn: azathioprine', 'inn: azathioprin'))),
      'DATA_INN_UNKNOWN',
      KZ35_LIST,
    );
    expectIssue(
      issuesOf(mutate(KZ35_LIST, (t) => t.replace('atc: L04AX01', 'atc: L04AX02'))),
      'DATA_ATC_MISMATCH',
      KZ35_LIST,
    );
  });

  it('a product with neither an INN nor a reason', () => {
    const issues = issuesOf(mutate(KZ35_LIST, (t) => t.replace(/\n *innAbsent: name_missing/, '')));
    expectIssue(issues, 'DATA_INN_MISSING', KZ35_LIST);
  });

  it('a citation of an act no file defines', () => {
    const issues = issuesOf(
      mutate(KZ35_LIST, (t) =>
        t.replace(
          'edition: KZ-35.maslikhat.2025-09-11.307',
          'edition: KZ-35.maslikhat.2025-09-11.308',
        ),
      ),
    );
    expectIssue(issues, 'CITE_UNKNOWN_ACT', KZ35_LIST);
  });

  it('an amendment citing a note the act does not record', () => {
    const issues = issuesOf(
      mutate(KZ35_ACT, (t) => t.replace('note: annex-1-edition }', 'note: annex-2-edition }')),
    );
    expectIssue(issues, 'CITE_UNKNOWN_NOTE', KZ35_ACT);
  });

  it('broken YAML, with its line', () => {
    const issues = issuesOf(mutate(KZ35_LIST, (t) => t.replace('kind: list', 'kind: [list')));
    const issue = expectIssue(issues, 'DATA_YAML_SYNTAX', KZ35_LIST);
    assert.ok(issue.line !== undefined);
  });

  it('an unknown field, a malformed ICD-10 code and an impossible date, each with path and line', () => {
    const unknown = expectIssue(
      issuesOf(
        mutate(KZ35_LIST, (t) =>
          t.replace('currentAsOf: 2026-11-22', 'currentAsOf: 2026-11-22\nreviewer: me'),
        ),
      ),
      'DATA_SCHEMA',
      KZ35_LIST,
    );
    assert.match(unknown.message, /unknown field.*reviewer/);
    const icd = expectIssue(
      issuesOf(mutate(KZ35_LIST, (t) => t.replace('icd10: [M35.2]', 'icd10: [m35.2]'))),
      'DATA_SCHEMA',
      KZ35_LIST,
    );
    assert.deepEqual(icd.path, ['sections', 0, 'items', 4, 'diagnosis', 'icd10', 0]);
    assert.match(icd.message, /ICD-10/);
    const date = expectIssue(
      issuesOf(mutate(KZ35_ACT, (t) => t.replace('adopted: 2021-02-25', 'adopted: 2021-02-30'))),
      'DATA_SCHEMA',
      KZ35_ACT,
    );
    assert.deepEqual(date.path, ['adopted']);
    assert.equal(date.line, 7);
  });

  it('an id that does not match its parts, and a file in the wrong place', () => {
    const moved = files.map((f) =>
      f.path === KZ35_ACT ? { ...f, path: 'KZ-35/acts/34.yaml' } : f,
    );
    expectIssue(issuesOf(moved), 'DATA_FILE_PLACE', 'KZ-35/acts/34.yaml');
    const issues = issuesOf(mutate(KZ35_ACT, (t) => t.replace("number: '34'", "number: '35'")));
    expectIssue(issues, 'DATA_ID_MISMATCH', KZ35_ACT);
  });

  it('evidence of being in force before the rule allows', () => {
    const issues = issuesOf(
      mutate('KZ-35/acts/2025-09-11.307.yaml', (t) =>
        t.replace('  - date: 2026-11-22', '  - date: 2025-09-15'),
      ),
    );
    expectIssue(issues, 'DATA_DATES', 'KZ-35/acts/2025-09-11.307.yaml');
  });

  it('a diagnosis wording listed twice in the diseases vocabulary', () => {
    const issues = issuesOf(
      mutate('vocabulary/diseases.yaml', (t) =>
        t.replace('  - kk: Ювенильдық артрит', '  - kk: Ювенильді идиопатиялық артрит'),
      ),
    );
    const issue = expectIssue(issues, 'DATA_DUPLICATE', 'vocabulary/diseases.yaml');
    assert.match(issue.message, /Ювенильді идиопатиялық артрит/);
  });

  it('a duplicated act', () => {
    const copy = files.find((f) => f.path === KZ35_ACT) as RawFile;
    const issues = issuesOf([...files, { ...copy, path: 'KZ-35/acts/copy.yaml' }]);
    expectIssue(issues, 'DATA_DUPLICATE', 'KZ-35/acts/copy.yaml');
  });

  it('a list that does not say whom it serves', () => {
    const issues = issuesOf(
      mutate(KZ35_LIST, (t) => t.replace(/^beneficiaries:\n(?: {2}.*\n)+/m, '')),
    );
    expectIssue(issues, 'DATA_BENEFICIARIES_MISSING', KZ35_LIST);
  });

  it('a code of a diagnosis without its relation to the words', () => {
    const issues = issuesOf(
      mutate(KZ35_LIST, (t) =>
        t.replace('{ code: E75.2, relation: broader', '{ code: E75.5, relation: broader'),
      ),
    );
    const issue = expectIssue(issues, 'DATA_SCOPE', KZ35_LIST);
    assert.match(issue.message, /E75\.5 is neither in icd10 nor among the alternatives/);
    assert.ok(issues.some((i) => i.code === 'DATA_SCOPE' && /E75\.2 has no scope/.test(i.message)));
    assert.ok(issue.line !== undefined);
  });
});
