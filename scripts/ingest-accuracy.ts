/**
 * Measures the importer on a set of real texts it was not written against: each `NN-*.txt`
 * (a `# ` header block ending in `# ---`, then the text as published) beside a hand-written
 * `NN-*.expected.json` in a neutral format (see test/fixtures/ingest/heldout/README.md). Prints,
 * per text and in total, which readings match: kind, the act's own date, number and registration,
 * region, relations, INNs of items, and effects. A measurement, not a test: it never fails on a
 * wrong reading, so that the number can be reported as it is.
 *
 *   node --import tsx scripts/ingest-accuracy.ts [dir] [--json]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importText, registry } from '../test/helpers/ingest.ts';

interface Expected {
  kind: string;
  act: {
    region: string | null;
    date: string | null;
    number: string | null;
    registration: { number: string } | null;
  } | null;
  relations: { type: string; date: string | null; number: string | null }[];
  items: { inns: string[] }[];
  effects: { type: string; target: { date: string | null; number: string | null } }[];
}

/** The effect names of the neutral format, in the importer's words. */
const EFFECT_NAMES: Record<string, string[]> = {
  annexReplaced: ['annex_replaced'],
  itemAdded: ['item_added'],
  itemChanged: ['item_replaced'],
  itemExcluded: ['item_excluded'],
  titleChanged: ['title_replaced'],
  pointChanged: ['point_replaced', 'preamble_replaced'],
  actRepealed: ['act_repealed'],
};

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? 'test/fixtures/ingest/heldout';
const asJson = args.includes('--json');

const norm = (s: string | null | undefined): string =>
  (s ?? '')
    .toLowerCase()
    .replace(/[№n]\s*/giu, '')
    .replace(/с/gu, 'c')
    .replace(/\s+/gu, '');

/** The current region a neutral English name means ("… (now Turkistan oblast)" → the latter). */
function regionCode(name: string | null): string | null {
  if (!name) return null;
  const now = /\(now ([^)]+)\)/u.exec(name)?.[1] ?? name;
  const head = now
    .replace(/\s*\((city)\)|\s+(oblast|region|city)$/giu, '')
    .trim()
    .toLowerCase();
  const hit = registry.regions.find(
    (r) => r.name.en.toLowerCase().replace(/ region$/u, '') === head,
  );
  return hit?.code ?? null;
}

interface Check {
  field: string;
  ok: boolean;
  detail: string;
}

function score(text: string, expected: Expected): Check[] {
  const report = importText(text).report;
  const id = report.identity;
  const checks: Check[] = [];
  const add = (field: string, want: unknown, got: unknown, ok: boolean): void => {
    checks.push({
      field,
      ok,
      detail: ok ? '' : `want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`,
    });
  };
  add('kind', expected.kind, id?.kind ?? null, expected.kind === (id?.kind ?? null));
  const act = expected.act;
  if (act && expected.kind !== 'not-a-maslikhat-act') {
    add('date', act.date, id?.self?.date ?? null, act.date === (id?.self?.date ?? null));
    add(
      'number',
      act.number,
      id?.self?.number ?? null,
      norm(act.number) === norm(id?.self?.number),
    );
    const reg = act.registration?.number ?? null;
    const gotReg = id?.self?.registration?.number ?? null;
    add('registration', reg, gotReg, norm(reg) === norm(gotReg));
    const code = regionCode(act.region);
    add('region', code, id?.region?.code ?? null, code === (id?.region?.code ?? null));
  }
  const key = (r: { type: string; date: string | null; number: string | null }): string =>
    `${r.type}|${r.date}|${norm(r.number)}`;
  const gotRelations = new Set((id?.relations ?? []).map(key));
  const wantRelations = new Set(expected.relations.map(key));
  const missed = [...wantRelations].filter((k) => !gotRelations.has(k));
  const extra = [...gotRelations].filter((k) => !wantRelations.has(k));
  add('relations', missed, extra, missed.length === 0 && extra.length === 0);
  const wantInns = new Set(expected.items.flatMap((i) => i.inns.map((n) => n.toLowerCase())));
  const gotInns = new Set(
    report.items.flatMap((i) => i.products.map((p) => p.inn?.toLowerCase()).filter((n) => !!n)),
  );
  if (wantInns.size > 0 || gotInns.size > 0) {
    const lost = [...wantInns].filter((n) => !gotInns.has(n));
    const added = [...gotInns].filter((n) => !wantInns.has(n as string));
    add('inns', lost, added, lost.length === 0 && added.length === 0);
  }
  const got = report.effects?.effects ?? [];
  if (expected.effects.length > 0 || got.length > 0) {
    const lost = expected.effects.filter(
      (e) =>
        !got.some(
          (g) =>
            (EFFECT_NAMES[e.type] ?? []).includes(g.kind) &&
            (e.target.number === null || norm(g.target.number) === norm(e.target.number)),
        ),
    );
    const ok = lost.length === 0 && got.length >= expected.effects.length;
    add(
      'effects',
      expected.effects.map((e) => e.type),
      got.map((g) => g.kind),
      ok,
    );
  }
  return checks;
}

const rows = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((file) => {
    const raw = readFileSync(join(dir, file), 'utf8');
    const end = raw.indexOf('\n# ---\n');
    // The header becomes blank lines, so the text keeps its line numbers.
    const text = end < 0 ? raw : raw.slice(0, end + 7).replace(/[^\n]/gu, '') + raw.slice(end + 7);
    const expected = JSON.parse(
      readFileSync(join(dir, file.replace(/\.txt$/u, '.expected.json')), 'utf8'),
    ) as Expected;
    return { file, checks: score(text, expected) };
  });

if (asJson) console.log(JSON.stringify(rows, null, 2));
else {
  for (const { file, checks } of rows) {
    const good = checks.filter((c) => c.ok).length;
    console.log(`${file}: ${good}/${checks.length}`);
    for (const c of checks.filter((x) => !x.ok)) console.log(`  ✗ ${c.field}: ${c.detail}`);
  }
  const all = rows.flatMap((r) => r.checks);
  const fields = [...new Set(all.map((c) => c.field))];
  for (const f of fields) {
    const of = all.filter((c) => c.field === f);
    console.log(`field ${f}: ${of.filter((c) => c.ok).length}/${of.length}`);
  }
  const perfect = rows.filter((r) => r.checks.every((c) => c.ok)).length;
  console.log(
    `ACCURACY ${all.filter((c) => c.ok).length}/${all.length} readings, ${perfect}/${rows.length} texts read entirely right`,
  );
}
