/**
 * Golden tests for the importer (Catala style): every text under
 * test/fixtures/ingest/good/ and bad/ is imported and its summary compared with
 * the `.expected.json` beside it. To accept a change in output, run
 * `UPDATE_GOLDEN=1 npm test`, then review the diff of the expected files.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ImportResult } from '../src/ingest/import.ts';
import { importFile } from './helpers/ingest.ts';

const ROOT = fileURLToPath(new URL('./fixtures/ingest/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

function summarise({ report, lists }: ImportResult): unknown {
  return {
    ok: report.ok,
    lang: report.source.lang,
    layout: report.source.layout,
    act: report.act?.id ?? null,
    summary: report.summary,
    items: report.items.map((i) =>
      [
        `${i.section}.${i.number}`,
        i.status,
        i.diagnosis ? `${i.diagnosis.text} [${i.diagnosis.icd10.join(', ')}]` : '',
        i.products
          .map(
            (p) =>
              p.inn ??
              (p.innRu
                ? `(${p.source}: ${p.innRu} ${p.atc ?? 'ATC by form'}) ${p.text}`
                : `(${p.innAbsent}) ${p.text}`),
          )
          .join('; '),
        `${i.population ?? ''} ${i.indication.join(',')}`.trim(),
      ]
        .filter(Boolean)
        .join(' | '),
    ),
    repairs: report.repairs.map((r) => `${r.line} ${r.kind}: ${r.before} → ${r.after}`),
    issues: report.issues.map((i) => `${i.line ?? '-'} ${i.severity} ${i.code}`),
    drafts: report.drafts.map((d) => d.path),
    lists: lists.map((l) => ({
      annex: l.annex,
      edition: l.edition,
      amendedBy: l.amendedBy,
      sections: l.sections.map((s) => `${s.number} ${s.kind} ${s.items.length}`),
    })),
  };
}

for (const kind of ['good', 'bad'] as const) {
  describe(`golden: ${kind} inputs`, () => {
    const dir = join(ROOT, kind);
    for (const name of readdirSync(dir)
      .filter((n) => !n.endsWith('.expected.json'))
      .sort()) {
      it(name, () => {
        const actual = summarise(importFile(join(dir, name)));
        const expectedPath = join(dir, `${name.replace(/\.[^.]+$/, '')}.expected.json`);
        if (update || !existsSync(expectedPath)) {
          writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
          if (!update) assert.fail(`wrote ${expectedPath}: review it and run again`);
          return;
        }
        assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
        const report = actual as { ok: boolean; issues: string[] };
        if (kind === 'good') assert.equal(report.ok, true, 'a good input imports without errors');
        else
          assert.ok(
            report.issues.some((i) => / error /.test(i)) || !report.ok,
            'a bad input reports an error',
          );
      });
    }
  });
}
