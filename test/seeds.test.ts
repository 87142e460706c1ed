/**
 * The two seed decisions as the data encodes them, checked against an
 * independent reading of the source texts (data/KZ-27/source, data/KZ-35/source):
 * counts per section, exclusions, population and indication per item,
 * products per item, citations, notes, repealed acts, and the dates around
 * each edition's entry into force.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActId } from '../src/domain/act.ts';
import { catalogOn, type Catalog } from '../src/domain/catalog.ts';
import { isoDate } from '../src/domain/date.ts';
import type { InForceItem, ListFile } from '../src/domain/list.ts';
import { readDataDir } from '../src/registry/load-files.ts';
import { buildRegistry } from '../src/registry/build.ts';

const { registry } = buildRegistry(readDataDir());

function catalog(region: string, date: string): Catalog {
  const r = registry.region(region);
  assert.ok(r, region);
  return catalogOn({
    region: r,
    date: isoDate(date),
    versions: registry.listVersions(r.code),
    context: registry,
  });
}

function list(region: string): ListFile {
  const versions = registry.listVersions(registry.region(region)?.code ?? ('' as never));
  assert.equal(versions.length, 1);
  return (versions[0] as { list: ListFile }).list;
}

function item(region: string, section: string, number: string): InForceItem {
  const found = list(region)
    .sections.find((s) => s.number === section)
    ?.items.find((i) => i.number === number);
  assert.ok(found && found.status === 'in_force', `${region} ${section}.${number}`);
  return found;
}

function countBy(c: Catalog, section: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const i of c.items.filter((i) => i.section === section))
    counts[i.status] = (counts[i.status] ?? 0) + 1;
  return counts;
}

// Independent reading of West Kazakhstan annex 1, section 1 (medicines):
// number, population age, indication conditions ('any' | 'dkk' | 'verified+any' | 'other'), INNs (- for none).
const A = 'all',
  C = 'children',
  AD = 'adults';
const KZ27_MEDICINES: [string, string, string, string[]][] = [
  ['1', A, 'any', ['sacubitril + valsartan', 'eplerenone']],
  [
    '2',
    C,
    'any',
    ['tocilizumab', 'adalimumab', 'anakinra', 'canakinumab', 'tofacitinib', 'infliximab'],
  ],
  ['3', A, 'any', ['tenofovir disoproxil', 'tenofovir alafenamide']],
  ['4', A, 'any', Array(15).fill('-')],
  [
    '5',
    C,
    'any',
    ['human normal immunoglobulin', 'methotrexate', 'methylprednisolone', 'mycophenolic acid'],
  ],
  ['6', A, 'any', ['pancreatin']],
  ['7', C, 'dkk', ['botulinum toxin type a']],
  ['8', A, 'verified+any', ['tretinoin']],
  ['9', A, 'dkk', ['von willebrand factor + coagulation factor viii']],
  ['10', A, 'other', ['ibandronic acid', 'pamidronic acid']],
  ['11', A, 'dkk', ['rivaroxaban']],
  ['12', A, 'any', ['tocilizumab', 'mycophenolate mofetil']],
  ['13', A, 'dkk', ['rituximab']],
  ['14', A, 'any', ['interferon beta-1b']],
  ['15', A, 'any', ['hydroxychloroquine', 'rituximab']],
  ['16', A, 'any', ['rituximab', 'azathioprine']],
  ['17', A, 'any', ['diazoxide']],
  ['18', A, 'any', ['riociguat']],
  ['19', A, 'any', ['olaparib']],
  ['20', A, 'any', ['atezolizumab']],
  ['21', A, 'any', ['cladribine', 'ofatumumab', 'siponimod']],
  ['22', A, 'any', ['omalizumab', 'tezepelumab']],
  ['23', A, 'any', ['secukinumab']],
  ['24', A, 'dkk', ['lanadelumab']],
  ['25', C, 'dkk', ['sirolimus']],
  ['28', A, 'any', ['eculizumab']],
  ['29', C, 'any', ['palivizumab']],
  ['30', A, 'any', ['pancreatin']],
  ['31', C, 'any', ['golodirsen', 'casimersen']],
  ['32', A, 'any', ['selexipag']],
  ['33', AD, 'any', ['zonisamide', 'lacosamide']],
  ['34', AD, 'any', ['botulinum toxin type a']],
  ['35', A, 'any', ['prednisolone', 'azathioprine', 'ravulizumab', 'methylprednisolone']],
  ['36', A, 'any', ['eculizumab']],
  ['37', A, 'any', ['secukinumab']],
  [
    '38',
    A,
    'any',
    [
      '-',
      '-',
      '-',
      '-',
      'elexacaftor + tezacaftor + ivacaftor',
      'elexacaftor + tezacaftor + ivacaftor',
    ],
  ],
  ['39', C, 'any', ['pazopanib']],
  ['40', C, 'any', ['burosumab']],
  ['41', C, 'any', ['selumetinib']],
  ['42', A, 'any', ['rituximab']],
  ['43', A, 'dkk', ['pomalidomide']],
  ['44', A, 'dkk', ['venetoclax']],
  ['45', A, 'dkk', ['vandetanib']],
  ['46', A, 'dkk', ['trastuzumab deruxtecan']],
  ['47', C, 'dkk', ['somatropin']],
  ['48', AD, 'any', ['riluzole']],
  ['49', AD, 'any', ['teriparatide']],
  ['50', AD, 'any', ['botulinum toxin type a']],
  ['51', C, 'dkk', ['selegiline']],
  ['52', AD, 'dkk', ['human normal immunoglobulin']],
  ['53', C, 'dkk', ['rufinamide']],
  ['54', AD, 'dkk', ['human normal immunoglobulin']],
  ['55', AD, 'dkk', ['macitentan']],
  ['56', AD, 'dkk', ['sirolimus']],
];
const KZ27_DEVICES: [string, string, string, number][] = [
  ['1', A, 'any', -1],
  ['2', C, 'dkk', 2],
  ['3', A, 'any', 1],
];
const KZ27_FOODS: [string, string][] = [
  ['1', A],
  ['2', A],
  ['3', C],
  ['4', A],
  ['5', C],
  ['6', C],
  ['7', C],
  ['8', A],
];
const CONDITIONS: Record<string, string[]> = {
  any: ['any_severity'],
  dkk: ['commission_decision'],
  'verified+any': ['verified_diagnosis', 'any_severity'],
  other: ['other'],
};

describe('West Kazakhstan (KZ-27), decision No 38-3 of 30.09.2020, annex 1', () => {
  it('has 56 medicine rows (54 in force, 26 and 27 excluded), 3 device rows and 8 food rows on 2026-11-24', () => {
    const c = catalog('west-kazakhstan', '2026-11-24');
    assert.equal(c.coverage.status, 'covered');
    assert.deepEqual(countBy(c, 'medicine'), { in_force: 54, excluded: 2 });
    assert.deepEqual(countBy(c, 'device'), { in_force: 3 });
    assert.deepEqual(countBy(c, 'food'), { in_force: 8 });
    const excluded = c.items.filter((i) => i.status === 'excluded');
    assert.deepEqual(
      excluded.map((i) => i.number),
      ['26', '27'],
    );
    for (const e of excluded) {
      assert.match(
        e.reason?.en ?? '',
        /Excluded by decision of the West Kazakhstan oblast maslikhat No 22-5 of 15\.12\.2025 \(in force from 01\.01\.2026\)/,
      );
      assert.ok(
        e.notes.some((n) => n.kind === 'missing'),
        'the lost content is recorded as missing',
      );
      assert.equal(e.diagnosis, null);
    }
  });

  it('has, per medicine row, the population, indication and INNs of the source', () => {
    for (const [number, age, conditions, inns] of KZ27_MEDICINES) {
      const i = item('KZ-27', '1', number);
      assert.equal(i.population.age, age, `item ${number} age`);
      assert.equal(i.population.dispensaryRegistration, 'required', `item ${number} registration`);
      assert.deepEqual(
        [...i.indication.conditions].sort(),
        [...(CONDITIONS[conditions] ?? [])].sort(),
        `item ${number} indication`,
      );
      assert.deepEqual(
        i.products.map((p) => p.inn ?? '-'),
        inns,
        `item ${number} products`,
      );
    }
  });

  it('has the device and food rows of the source', () => {
    for (const [number, age, conditions, products] of KZ27_DEVICES) {
      const i = item('KZ-27', '2', number);
      assert.equal(i.population.age, age, `device ${number}`);
      assert.deepEqual(i.indication.conditions, CONDITIONS[conditions], `device ${number}`);
      if (products >= 0) assert.equal(i.products.length, products, `device ${number} products`);
      assert.ok(i.products.every((p) => p.kind !== 'food' && p.inn === null));
    }
    for (const [number, age] of KZ27_FOODS) {
      const i = item('KZ-27', '3', number);
      assert.equal(i.population.age, age, `food ${number}`);
      assert.ok(i.products.every((p) => p.kind === 'food' && p.innAbsent === 'not_applicable'));
    }
  });

  it('puts text the page breaks displaced back in the rows it was written for', () => {
    const four = item('KZ-27', '1', '4');
    assert.ok(
      !four.products.some((p) => /иммуноглобулин/i.test(p.text.kk)),
      'immunoglobulin G is not in item 4',
    );
    assert.ok(four.notes.some((n) => n.kind === 'moved'));
    const five = item('KZ-27', '1', '5');
    assert.match(
      five.products[0]?.text.kk ?? '',
      /^Адамның қалыпты G иммуноглобулині, инфузияға арналған ерітінді/,
    );
    assert.equal(item('KZ-27', '1', '16').products[0]?.inn, 'rituximab');
    assert.match(
      item('KZ-27', '1', '16').products[0]?.text.kk ?? '',
      /Ритуксимаб, венаішілік инфузия үшін ерітінді дайындауға арналған концентрат/,
    );
    assert.equal(item('KZ-27', '1', '15').products.filter((p) => p.inn === 'rituximab').length, 1);
    const catheter = item('KZ-27', '2', '3').products[0];
    assert.match(catheter?.text.kk ?? '', /^орталық катетерді күтуге арналған құралдар/);
    assert.match(catheter?.text.kk ?? '', /катетер құлыптары$/);
    assert.ok(!item('KZ-27', '2', '2').products.some((p) => /катетерді күтуге/.test(p.text.kk)));
  });

  it('cites act, annex, section, item and edition for every item', () => {
    const c = catalog('KZ-27', '2026-11-24');
    const five = c.items.find((i) => i.section === 'medicine' && i.number === '5');
    assert.ok(five);
    assert.equal(five.citation.act, 'KZ-27.maslikhat.2020-09-30.38-3');
    assert.deepEqual(
      [five.citation.annex, five.citation.section, five.citation.item],
      ['1', '1', '5'],
    );
    assert.deepEqual(five.citation.units, [
      { kind: 'section', number: '1' },
      { kind: 'row', number: '5' },
    ]);
    assert.match(
      five.citation.text.ru,
      /, приложение 1, строка, порядковый номер 5, раздела 1 \(в редакции решения/,
    );
    assert.equal(five.citation.edition.act, 'KZ-27.maslikhat.2024-10-24.15-3');
    assert.equal(five.citation.edition.amendedBy.length, 3);
    assert.equal(five.citation.source.lines[0], 219);
    assert.equal(
      five.citation.text.en,
      'Decision of the West Kazakhstan oblast maslikhat No 38-3 of 30.09.2020, annex 1, section 1, row 5 (in the edition of decision No 15-3 of 24.10.2024, as amended by decisions No 16-6 of 13.12.2024, No 18-6 of 16.06.2025, No 22-5 of 15.12.2025)',
    );
    assert.match(
      five.citation.text.kk,
      /^Батыс Қазақстан облыстық мәслихатының 30\.09\.2020 № 38-3 шешімі, 1-қосымша, 1-бөлімнің реттік нөмірі 5-жолы \(/,
    );
    for (const i of c.items)
      assert.ok(i.citation.source.lines[0] > 0 && i.citation.item === i.number);
  });

  it('is not covered before 01.01.2026 and in force from that day, with a staleness warning after 22.11.2026', () => {
    const before = catalog('KZ-27', '2025-12-31');
    assert.equal(before.coverage.status, 'not_covered');
    assert.equal(before.items.length, 0);
    assert.match(
      before.coverage.status === 'not_covered' ? before.coverage.reason.en : '',
      /not in the source/,
    );
    const on = catalog('KZ-27', '2026-01-01');
    assert.equal(on.coverage.status, 'covered');
    assert.equal(on.items.length, 67);
    assert.equal(on.warnings.length, 0);
    assert.equal(catalog('KZ-27', '2026-11-22').warnings.length, 0);
    assert.equal(catalog('KZ-27', '2026-11-23').warnings.length, 1);
  });

  it('records every note of the text and the acts behind them', () => {
    const act = registry.act('KZ-27.maslikhat.2020-09-30.38-3' as ActId);
    assert.ok(act);
    assert.deepEqual(
      act.notes.map((n) => n.kind),
      ['eskertu', 'eskertu', 'zkai', 'eskertu', 'eskertu', 'eskertu'],
    );
    const by = (id: string) => registry.effectiveOf(id as ActId);
    assert.deepEqual(by('KZ-27.maslikhat.2025-12-15.22-5'), {
      kind: 'known',
      date: '2026-01-01',
      basis: 'stated_date',
    });
    assert.deepEqual(
      [
        by('KZ-27.maslikhat.2021-09-30.6-5'),
        by('KZ-27.maslikhat.2024-10-24.15-3'),
        by('KZ-27.maslikhat.2025-06-16.18-6'),
      ].map((e) => (e.kind === 'window' ? [e.earliest, e.latest] : e.kind)),
      [
        ['2021-10-11', '2026-11-22'],
        ['2024-10-25', '2026-01-01'],
        ['2025-06-17', '2026-01-01'],
      ],
    );
    const principal = by('KZ-27.maslikhat.2020-09-30.38-3');
    assert.deepEqual(principal.kind === 'window' && [principal.earliest, principal.latest], [
      '2020-10-02',
      '2026-11-22',
    ]);
  });

  it('lists the six decisions its annex 2 repealed', () => {
    const repealed = [...registry.acts.values()]
      .map((a) => a.act)
      .filter(
        (a) => a.status.kind === 'repealed' && a.status.by === 'KZ-27.maslikhat.2020-09-30.38-3',
      );
    assert.deepEqual(
      repealed.map((a) => a.number),
      ['8-9', '10-8', '15-7', '21-11', '28-5', '33-5'],
    );
    assert.ok(repealed.every((a) => a.registration?.number && a.publications.length > 0));
  });
});

describe('Karaganda (KZ-35), decision No 34 of 25.02.2021, annex 1', () => {
  it('has 23 medicine rows and 1 device row in force on 2026-11-24', () => {
    const c = catalog('karaganda', '2026-11-24');
    assert.equal(c.coverage.status, 'covered');
    assert.deepEqual(countBy(c, 'medicine'), { in_force: 23 });
    assert.deepEqual(countBy(c, 'device'), { in_force: 1 });
    assert.equal(
      c.items.find((i) => i.section === 'device')?.citation.item,
      null,
      'the device item is unnumbered in the source',
    );
  });

  it('names no medicine for items 7–11 and says so', () => {
    for (let n = 1; n <= 23; n++) {
      const i = item('KZ-35', '1', String(n));
      const missing = n >= 7 && n <= 11;
      assert.equal(
        i.products.every(
          (p) => p.inn === null && p.name === null && p.innAbsent === 'name_missing',
        ),
        missing,
        `item ${n}`,
      );
      assert.equal(
        i.notes.some((note) => note.kind === 'missing'),
        missing,
        `item ${n} note`,
      );
      assert.equal(i.population.age, 'all');
      assert.equal(i.population.dispensaryRegistration, 'not_stated');
      assert.deepEqual(i.indication.conditions, []);
    }
    assert.deepEqual(
      item('KZ-35', '1', '14').products.map((p) => p.inn),
      ['secukinumab', 'guselkumab'],
    );
    assert.deepEqual(
      item('KZ-35', '1', '15').products.map((p) => p.inn),
      ['eteplirsen', 'golodirsen', 'casimersen'],
    );
    assert.deepEqual(
      item('KZ-35', '1', '22').products.map((p) => p.inn),
      ['lanadelumab', 'c1 esterase inhibitor, human'],
    );
  });

  it('cites its items as sub-points of point 1 and the unnumbered device item as point 2', () => {
    const c = catalog('KZ-35', '2026-11-24');
    const fourteen = c.items.find((i) => i.section === 'medicine' && i.number === '14');
    const device = c.items.find((i) => i.section === 'device');
    assert.ok(fourteen && device);
    assert.deepEqual(fourteen.citation.units, [
      { kind: 'point', number: '1' },
      { kind: 'sub_point', number: '14' },
    ]);
    const lead = 'Карагандинского областного маслихата от 25.02.2021 № 34';
    assert.match(
      fourteen.citation.text.kk,
      /, 1-қосымша, 1-тармақтың 14\) тармақшасы \(11\.09\.2025 № 307 шешімнің редакциясында\)$/,
    );
    assert.equal(
      fourteen.citation.text.ru,
      `Решение ${lead}, приложение 1, подпункт 14) пункта 1 (в редакции решения от 11.09.2025 № 307)`,
    );
    assert.match(fourteen.citation.text.en, /, annex 1, point 1, sub-point 14\) \(in the edition/);
    assert.deepEqual(device.citation.units, [{ kind: 'point', number: '2' }]);
    assert.equal(device.citation.item, null);
    assert.match(device.citation.text.kk, /, 1-қосымша, 2-тармақ \(/);
    assert.match(device.citation.text.ru, /, приложение 1, пункт 2 \(/);
    assert.match(device.citation.text.en, /, annex 1, point 2 \(/);
  });

  it('is not covered before 22.09.2025, unknown while edition No 307 may not be in force, covered from 22.11.2026', () => {
    const before = catalog('KZ-35', '2025-09-21');
    assert.equal(before.coverage.status, 'not_covered');
    assert.equal(before.items.length, 0);
    for (const date of ['2025-09-22', '2026-01-10', '2026-11-21']) {
      const c = catalog('KZ-35', date);
      assert.equal(c.coverage.status, 'uncertain', date);
      assert.equal(c.items.length, 24);
      assert.ok(
        c.items.every(
          (i) => i.status === 'unknown' && /No 307 of 11\.09\.2025/.test(i.reason?.en ?? ''),
        ),
        date,
      );
    }
    assert.equal(catalog('KZ-35', '2026-11-22').coverage.status, 'covered');
  });

  it('tells its two decisions No 34 apart and records the three notes', () => {
    const act = registry.act('KZ-35.maslikhat.2021-02-25.34' as ActId);
    assert.ok(act && registry.act('KZ-35.maslikhat.2023-04-18.34' as ActId));
    assert.deepEqual(
      act.amendments.map((a) => `${a.part.kind}:${a.by}`),
      [
        'title:KZ-35.maslikhat.2023-04-18.34',
        'point:KZ-35.maslikhat.2023-04-18.34',
        'annex:KZ-35.maslikhat.2025-09-11.307',
      ],
    );
    const e = registry.effectiveOf('KZ-35.maslikhat.2023-04-18.34' as ActId);
    assert.deepEqual(e.kind === 'window' && [e.earliest, e.latest], ['2023-04-29', '2026-11-22']);
  });

  it('lists the twelve decisions its annex 2 repealed, 2013 to 2020', () => {
    const repealed = [...registry.acts.values()]
      .map((a) => a.act)
      .filter(
        (a) => a.status.kind === 'repealed' && a.status.by === 'KZ-35.maslikhat.2021-02-25.34',
      );
    assert.equal(repealed.length, 12);
    assert.deepEqual(
      repealed
        .map((a) => (a.status.kind === 'repealed' ? Number(a.status.item) : 0))
        .sort((x, y) => x - y),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    );
    assert.deepEqual(repealed.map((a) => a.registration?.number).sort(), [
      '2349',
      '2592',
      '2740',
      '2871',
      '3360',
      '4068',
      '4207',
      '4295',
      '4904',
      '5211',
      '5427',
      '5929',
    ]);
  });
});

describe('every list', () => {
  it('has no words left broken into spaced letters', () => {
    const spaced = /(?:^|\s)(?:[а-яәіңғүұқөһё]\s){3,}[а-яәіңғүұқөһё](?:\s|$)/iu;
    for (const version of registry.versions) {
      // Notes may quote the damage they repaired; the legal texts may not keep it.
      const texts = JSON.stringify(version.list, (key, value: unknown) =>
        key === 'notes' ? undefined : value,
      );
      const match = spaced.exec(texts);
      assert.equal(match, null, `${version.path}: "${match?.[0]}"`);
    }
  });

  it('has no region without a record, and all 20 regions', () => {
    assert.equal(registry.regions.length, 20);
    assert.equal(catalog('KZ-71', '2026-11-24').coverage.status, 'no_list');
  });
});
