/** `tegin import` in-process: the report, --compare (text and JSON contract), --out, refusals and exit codes. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../src/cli/main.ts';
import { parseDataFile } from '../src/registry/parse.ts';
import { SEEDS } from './helpers/ingest.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const FIXTURES = 'test/fixtures/ingest';

describe('tegin import', () => {
  it('--compare --json prints {accuracy, items, exact, differences}', async () => {
    const { code, out } = await run('import', SEEDS['KZ-35'], '--compare', '--json');
    assert.equal(code, 0);
    const answer = JSON.parse(out);
    assert.deepEqual(
      {
        accuracy: answer.accuracy,
        items: answer.items,
        exact: answer.exact,
        differences: answer.differences,
      },
      { accuracy: 1, items: 24, exact: 24, differences: [] },
    );
  });

  it('--compare prints the accuracy figure', async () => {
    const { code, out } = await run('import', SEEDS['KZ-27'], '--compare');
    assert.equal(code, 0);
    assert.match(out, /67\/67 items exact, accuracy 100\.0%/);
  });

  it('prints a readable report: items, repairs with lines, what it could not read', async () => {
    const { code, out } = await run('import', SEEDS['KZ-27']);
    assert.equal(code, 0);
    assert.match(out, /^001_85faccb45ed901bf\.txt: 1618 lines, \d+ bytes, kk, layout table$/m);
    assert.match(out, /1\.5 \[219–243\] in_force Ювенильдық дерматомиазит \[M33\.0\]/);
    assert.match(out, /repaired page_break_spill line 214/);
    assert.match(out, /not in the vocabulary \(kept verbatim, not coded\):/);
  });

  it('--out writes the drafts in the registry layout and report.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegin-import-'));
    try {
      const { code, err } = await run(
        'import',
        SEEDS['KZ-35'],
        '--out',
        dir,
        '--current-as-of',
        '2026-11-22',
      );
      assert.equal(code, 0);
      assert.match(err, /wrote 16 draft file\(s\) and report\.json/);
      assert.ok(readdirSync(join(dir, 'KZ-35', 'acts')).includes('2021-02-25.34.yaml'));
      const listPath = join(dir, 'KZ-35', 'lists', '2021-02-25.34.annex-1.yaml');
      const parsed = parseDataFile(
        'KZ-35/lists/2021-02-25.34.annex-1.yaml',
        readFileSync(listPath, 'utf8'),
      );
      assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
      assert.equal(report.summary.items, 24);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a Russian text and says that its wording is Russian', async () => {
    const { code, out } = await run('import', `${FIXTURES}/good/decision-ru.txt`, '--json');
    assert.equal(code, 0);
    const report = JSON.parse(out);
    assert.equal(report.source.lang, 'ru');
    assert.ok(report.issues.some((i: { code: string }) => i.code === 'PARSE_RUSSIAN_WORDING'));
  });

  it('binary, empty and non-list inputs: a report with the error, exit 2', async () => {
    for (const [file, code] of [
      ['bad/binary.bin', 'PARSE_INPUT_BINARY'],
      ['bad/empty.txt', 'PARSE_INPUT_EMPTY'],
      ['bad/budget-kk.txt', 'PARSE_NOT_A_LIST'],
      ['bad/truncated.txt', 'PARSE_TRUNCATED'],
    ] as const) {
      const result = await run('import', `${FIXTURES}/${file}`);
      assert.equal(result.code, 2, file);
      assert.match(result.out, new RegExp(code), file);
    }
  });

  it('refuses a file above the size limit, naming the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegin-import-'));
    try {
      const big = join(dir, 'big.txt');
      writeFileSync(big, 'а'.repeat(1_100_000));
      const { code, err } = await run('import', big);
      assert.equal(code, 2);
      assert.match(err, /import limit is 2097152 bytes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the flag and the reason on bad usage', async () => {
    assert.match((await run('import')).err, /name the text file to import/);
    assert.match((await run('import', 'no-such-file.txt')).err, /no such file/);
    assert.match(
      (await run('import', SEEDS['KZ-35'], '--lang', 'en')).err,
      /--lang: "en" is not one of kk, ru/,
    );
    assert.match(
      (await run('import', SEEDS['KZ-35'], '--region', 'atlantis')).err,
      /--region: "atlantis"/,
    );
    assert.match(
      (await run('import', SEEDS['KZ-35'], '--current-as-of', '2026-02-30')).err,
      /--current-as-of/,
    );
  });
});
