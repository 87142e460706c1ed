/** The CLI in-process (commands, exit codes, messages) and once through the real `bin/tegin.js`. */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from './support/cli.ts';
import { realData } from './support/fixture.ts';
import { listSize } from './support/counts.ts';
import { dataCheck } from '../src/cli/commands/data-check.ts';

const run = runCli;

describe('tegin catalog', () => {
  it('prints the documented JSON contract', async () => {
    const { code, out } = await run(
      'catalog',
      '--region',
      'KZ-27',
      '--date',
      '2026-11-24',
      '--json',
    );
    assert.equal(code, 0);
    const answer = JSON.parse(out);
    assert.equal(answer.region, 'KZ-27');
    assert.equal(answer.date, '2026-11-24');
    const two = answer.items.find(
      (i: { section: string; number: string }) => i.section === 'medicine' && i.number === '2',
    );
    assert.equal(two.status, 'in_force');
    assert.deepEqual(two.diagnosis.icd10, ['M08', 'M09']);
    assert.deepEqual(Object.keys(two.diagnosis).slice(0, 3), ['kk', 'ru', 'en']);
    assert.equal(two.population.age, 'children');
    assert.deepEqual(two.products[0], {
      ...two.products[0],
      inn: 'tocilizumab',
      atc: 'L04AC07',
      name: { kk: 'Тоцилизумаб', ru: 'Тоцилизумаб', en: 'tocilizumab' },
    });
    assert.equal(two.citation.act, 'KZ-27.maslikhat.2020-09-30.38-3');
  });

  it('shows a product whose name the source omits with inn null and the reason', async () => {
    const { out } = await run('catalog', '--region', 'karaganda', '--date', '2026-11-24', '--json');
    const seven = JSON.parse(out).items.find((i: { number: string }) => i.number === '7');
    assert.deepEqual(
      [seven.products[0].inn, seven.products[0].name, seven.products[0].innAbsent],
      [null, null, 'name_missing'],
    );
  });

  it("prints the source notes in the reader's language", async () => {
    const note = {
      kk: 'Дереккөз дәрілік заттың атауын көрсетпейді',
      ru: 'Источник не называет лекарственное средство',
      en: 'The source names no medicine',
    };
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const args = ['catalog', '--region', 'KZ-35', '--date', '2026-11-24', '--lang', lang];
      const { out } = await run(...args);
      for (const other of ['kk', 'ru', 'en'] as const)
        assert.equal(out.includes(note[other]), other === lang, `${lang} shows the ${other} note`);
    }
  });

  it('reads as a table in each language', async () => {
    const en = await run('catalog', '--region', 'west-kazakhstan', '--date', '2026-11-24');
    assert.match(en.out, /^West Kazakhstan Region \(KZ-27\) — list as in force on 24\.11\.2026$/m);
    assert.match(en.out, /1\. Medicines — 56 items \(54 in force, 2 excluded\)/);
    assert.match(en.out, /^26 +excluded/m);
    const kk = await run('catalog', '--region', 'KZ-35', '--date', '2026-11-24', '--lang', 'kk');
    assert.match(kk.out, /Қарағанды облысы \(KZ-35\)/);
    assert.match(kk.out, /атауы дереккөзде жоқ/);
    const ru = await run('catalog', '--region', 'KZ-35', '--date', '2026-01-10', '--lang', 'ru');
    assert.match(ru.out, /неизвестно/);
  });

  it('rejects bad input with exit 2, naming the flag and the reason', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['catalog', '--region', 'atlantis', '--date', '2026-11-24'],
        /--region: "atlantis" is not a region/,
      ],
      [
        ['catalog', '--region', 'KZ-27', '--date', '2026-02-30'],
        /--date: "2026-02-30" is not a calendar date/,
      ],
      [['catalog', '--region', 'KZ-27'], /--date is required/],
      [['catalog', '--date', '2026-11-24'], /--region is required/],
      [
        ['catalog', '--region', 'KZ-27', '--date', '2026-11-24', '--lang', 'de'],
        /--lang: "de" is not one of kk, ru, en/,
      ],
      [
        ['catalog', '--region', 'KZ-27', '--date', '2026-11-24', '--colour'],
        /--colour: not an option of "tegin catalog"/,
      ],
      [['frobnicate'], /unknown command "frobnicate"/],
      [
        ['catalog', '--region', 'KZ-27', '--date', '0050-01-01'],
        /--date: "0050-01-01" is not a plausible date: the earliest is 1900-01-01/,
      ],
      [['catalog', '--region', 'KZ-27', '--date'], /--date: expects a value/],
      [
        ['catalog', '--region', 'KZ-27', '--date', '2026-11-24', '--json=1'],
        /--json: takes no value/,
      ],
      [['regions', 'extra'], /"extra": "tegin regions" takes no such argument/],
      [
        ['diff', '--region', 'KZ-27', '--from', '1899-12-31', '--to', '2026-11-24'],
        /--from: "1899-12-31" is not a plausible date/,
      ],
      [
        ['compare', '--regions', 'KZ-27,KZ-35', '--date', '0000-01-01'],
        /--date: "0000-01-01" is not a plausible date/,
      ],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await run(...argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, message);
    }
  });
});

describe('tegin data check', () => {
  it('is clean on the repository data', async () => {
    const { code, out } = await run('data', 'check');
    assert.equal(code, 0);
    assert.match(out, /^data check: ok \(\d+ files, 20 regions, \d+ acts, 2 lists, 91 items/m);
  });

  it('exits 3 and prints file, line, path, code and reason for each problem', () => {
    const dataDir = fileURLToPath(new URL('../data', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'tegin-data-'));
    try {
      cpSync(dataDir, dir, { recursive: true });
      const list = join(dir, 'KZ-35/lists/2021-02-25.34.annex-1.yaml');
      writeFileSync(list, readFileSync(list, 'utf8').replace('icd10: [M35.2]', 'icd10: [M352]'));
      let out = '';
      const code = dataCheck(['--dir', dir], {
        stdout: (t) => (out += t),
        stderr: () => undefined,
      });
      assert.equal(code, 3);
      assert.match(
        out,
        /^KZ-35\/lists\/2021-02-25\.34\.annex-1\.yaml:\d+ sections\.0\.items\.4\.diagnosis\.icd10\.0: DATA_SCHEMA: expected an ICD-10 code/m,
      );
      assert.match(out, /data check: 1 problem\(s\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("tegin data check on the national tables' medicine names", () => {
  it('names a bad line of reference/formulary/names.csv with its column', () => {
    const referenceDir = fileURLToPath(new URL('../reference', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'tegin-reference-'));
    try {
      cpSync(referenceDir, dir, { recursive: true });
      const names = join(dir, 'formulary/names.csv');
      writeFileSync(
        names,
        readFileSync(names, 'utf8').replace(
          /^Кеппра,trade,Леветирацетам,N03AX14,/mu,
          'Кеппра,trade,Леветирацетам,N03AX1,',
        ),
      );
      let out = '';
      const code = dataCheck(['--reference-dir', dir], {
        stdout: (t) => (out += t),
        stderr: () => undefined,
      });
      assert.equal(code, 3);
      assert.match(
        out,
        /^reference\/formulary\/names\.csv:\d+ atc\.0: DATA_SCHEMA: expected an ATC code/m,
      );
      assert.match(out, /data check: 1 problem\(s\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bin/tegin.js', () => {
  it('runs as the package binary', () => {
    const bin = fileURLToPath(new URL('../bin/tegin.js', import.meta.url));
    const out = execFileSync(
      process.execPath,
      [bin, 'catalog', '--region', 'KZ-35', '--date', '2026-11-24', '--json'],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(JSON.parse(out).items.length, listSize('KZ-35'));
  });
});

describe('every command', () => {
  it('takes --lang kk|ru|en and --json, and refuses another language naming the flag', async () => {
    const commands = [
      ['data', 'check'],
      ['regions'],
      ['catalog', '--region', 'KZ-27', '--date', '2026-11-24'],
      ['entitlements', '--region', 'KZ-27', '--date', '2026-11-24', '--age', '8', '--icd10', 'M08'],
      ['search', 'canakinumab'],
      ['diff', '--region', 'KZ-27', '--from', '2025-06-01', '--to', '2026-11-24'],
      ['compare', '--regions', 'KZ-27,KZ-35', '--date', '2026-11-24'],
    ];
    for (const argv of commands) {
      for (const lang of ['kk', 'ru', 'en']) {
        const text = await run(...argv, '--lang', lang);
        assert.equal(text.code, 0, `${argv.join(' ')} --lang ${lang}: ${text.err}`);
        const json = await run(...argv, '--lang', lang, '--json');
        assert.equal(json.code, 0, `${argv.join(' ')} --lang ${lang} --json`);
        assert.doesNotThrow(() => JSON.parse(json.out), `${argv.join(' ')} --json is JSON`);
      }
      const bad = await run(...argv, '--lang', 'de');
      assert.equal(bad.code, 2, argv.join(' '));
      assert.match(bad.err, /^tegin: --lang: "de" is not one of kk, ru, en/);
    }
    const db = await run('db', 'versions', '--lang', 'de');
    assert.equal(db.code, 2);
    assert.match(db.err, /^tegin: --lang: "de" is not one of kk, ru, en/);
  });

  it('ends quietly, exit 0, when the reader closes the pipe early (`tegin regions | head -1`)', async () => {
    const bin = fileURLToPath(new URL('../bin/tegin.js', import.meta.url));
    for (const argv of [
      ['regions'],
      ['catalog', '--region', 'KZ-27', '--date', '2026-11-24', '--json'],
    ]) {
      const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      assert.equal(err, '', argv.join(' '));
      assert.equal(code, 0, argv.join(' '));
    }
  });

  it('says nothing in English in kk and ru but INNs, codes, slugs, file names and names', async () => {
    const { registry } = realData();
    const allowed = new Set([
      'tegin',
      ...registry.regions.flatMap((r) => r.slug.split('-')),
      ...[...registry.medicines.keys()].flatMap((inn) => inn.split(/[^a-z]+/)),
    ]);
    const commands = [
      ['regions'],
      ['catalog', '--region', 'KZ-27', '--date', '2026-11-24'],
      ['catalog', '--region', 'KZ-35', '--date', '2026-06-01'],
      ['catalog', '--region', 'KZ-27', '--date', '2019-01-01'],
      [
        'entitlements',
        '--region',
        'KZ-27',
        '--date',
        '2026-11-24',
        '--age',
        '8',
        '--icd10',
        'M08.2',
        '--icd10',
        'J06.9',
      ],
      [
        'entitlements',
        '--region',
        'KZ-10',
        '--date',
        '2026-11-24',
        '--age',
        '8',
        '--icd10',
        'M08.2',
      ],
      ['search', 'canakinumab'],
      ['diff', '--region', 'KZ-35', '--from', '2021-01-01', '--to', '2026-11-24'],
      ['compare', '--regions', 'KZ-27,KZ-35', '--date', '2026-11-24'],
      ['data', 'check'],
    ];
    const found = new Set<string>();
    for (const lang of ['kk', 'ru']) {
      for (const argv of commands) {
        const { out } = await run(...argv, '--lang', lang);
        const words = out
          .replace(/\S+\/\S+\.txt/g, ' ')
          .replace(/\b[A-Z]\d\d(\.\d+)?\b|\b[A-Z]\d\d[A-Z]{2}\d\d\b|\bKZ-\d\d\b/g, ' ')
          .match(/[A-Za-z]{2,}/g);
        for (const word of words ?? []) {
          if (allowed.has(word.toLowerCase()) || /^[IVXLC]+$/.test(word)) continue;
          found.add(`${lang} ${argv[0]}: ${word}`);
        }
      }
    }
    assert.deepEqual([...found], []);
  });
});
