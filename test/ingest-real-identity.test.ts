/**
 * Act identity, relations, notes, region through time and kind on excerpts of real published
 * decisions of regions other than the seeds' (test/fixtures/ingest/real/, each file's header
 * names its source and what part is present). The expected readings are written by hand from
 * the texts; a fixture's header lines ("# …") are blanked so line numbers stay the file's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ActIdentity } from '../src/ingest/identity/model.ts';
import { importText } from './helpers/ingest.ts';

const DIR = new URL('./fixtures/ingest/real/', import.meta.url);

function load(name: string): { identity: ActIdentity; act: string | null; issues: string[] } {
  const text = readFileSync(new URL(name, DIR), 'utf8')
    .split('\n')
    .map((l) => (l.startsWith('# ') ? '' : l))
    .join('\n');
  const { report } = importText(text, name);
  assert.ok(report.identity, 'an identity is read');
  return {
    identity: report.identity,
    act: report.act?.id ?? null,
    issues: report.issues.map((i) => i.code),
  };
}

type Rel = [type: string, region: string | null, date: string, number: string, part?: string];

interface Case {
  file: string;
  kind: ActIdentity['kind'];
  self: [date: string, number: string, registration: string | null, regDate: string | null] | null;
  region: [code: string, nameId: string, inPeriod: boolean | null] | null;
  relations: Rel[];
  notes: string[];
}

const CASES: Case[] = [
  {
    file: 'pavlodar-2014-kk-repealed-note-first.txt',
    kind: 'list',
    self: null, // the excerpt starts at the note: 236/22 is the repealing act, not this one
    region: ['KZ-55', 'pavlodar', null],
    relations: [
      ['repealedBy', 'KZ-55', '2018-06-14', '236/22'],
      // The second note is cut before its act's date and number: a relation with an unknown act.
      ['amendedBy', 'KZ-55', '?', '?', '1-тармақ'],
    ],
    notes: ['eskertu repealed', 'eskertu new_edition 1-тармақ'],
  },
  {
    file: 'astana-2008-kk-list-repealed.txt',
    kind: 'list',
    self: ['2008-07-09', '117/18-IV', '543', '2008-08-15'],
    region: ['KZ-71', 'astana-1998', true],
    relations: [['repealedBy', 'KZ-71', '2009-08-26', '244/37-IV']],
    notes: ['eskertu other'],
  },
  {
    file: 'kyzylorda-2016-kk-list.txt',
    kind: 'list',
    self: ['2016-02-10', '347', '5404', '2016-03-14'],
    region: ['KZ-43', 'kyzylorda', true],
    relations: [],
    notes: [],
  },
  {
    file: 'kyzylorda-2017-kk-amendment-repealed.txt',
    kind: 'amendment',
    self: null, // not 347 (amended) nor 300 (repealing)
    region: ['KZ-43', 'kyzylorda', null],
    relations: [
      ['repealedBy', 'KZ-43', '2019-02-07', '300'],
      ['amends', 'KZ-43', '2016-02-10', '347'],
    ],
    notes: ['eskertu repealed'],
  },
  {
    file: 'south-kazakhstan-2011-kk-amendment.txt',
    kind: 'amendment',
    self: null,
    region: ['KZ-61', 'south-kazakhstan', null],
    relations: [['amends', 'KZ-61', '2008-04-11', '6/86-IV']],
    notes: [],
  },
  {
    file: 'shymkent-2022-kk-annex-replaced.txt',
    kind: 'amendment',
    self: ['2022-06-06', '17/155-VII', '28527', '2022-06-20'],
    region: ['KZ-79', 'shymkent', true],
    relations: [
      ['amends', 'KZ-79', '2020-12-15', '72/675-6с'],
      ['replacesAnnexOf', 'KZ-79', '2020-12-15', '72/675-6с', '1'],
    ],
    notes: [],
  },
  {
    file: 'north-kazakhstan-2017-ru-amendment-repealed.txt',
    kind: 'amendment',
    self: ['2017-08-29', '15/8', '4309', '2017-09-15'],
    region: ['KZ-59', 'north-kazakhstan', true],
    relations: [
      ['amends', 'KZ-59', '2016-12-21', '8/5'],
      ['repealedBy', 'KZ-59', '2018-12-13', '27/8'],
    ],
    notes: ['snoska repealed'],
  },
  {
    file: 'karaganda-district-2023-ru-budget-amendment.txt',
    kind: 'other-maslikhat-decision',
    self: null,
    region: null, // a district maslikhat: no region is the issuer
    relations: [['amends', null, '2022-12-22', '7']],
    notes: [],
  },
  {
    file: 'moh-2011-ru-order.txt',
    kind: 'not-a-maslikhat-act',
    self: ['2011-11-04', '786', '7306', '2011-11-25'],
    region: null,
    relations: [],
    notes: [],
  },
  {
    file: 'news-2025-kk-almaty-maslikhat.txt',
    kind: 'not-a-maslikhat-act',
    self: null,
    region: null,
    relations: [],
    notes: [],
  },
];

describe('act identity on real texts of other regions (kk and ru)', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.kind}`, () => {
      const { identity, act, issues } = load(c.file);
      assert.equal(identity.kind, c.kind, identity.kindReason);
      const self = identity.self;
      assert.deepEqual(
        self && [
          self.date,
          self.number,
          self.registration?.number ?? null,
          self.registration?.date ?? null,
        ],
        c.self,
      );
      const r = identity.region;
      assert.deepEqual(r && [r.code, r.nameId, r.inPeriod], c.region);
      assert.deepEqual(
        identity.relations.map((x) => {
          const row: Rel = [x.type, x.region?.code ?? null, x.date ?? '?', x.number ?? '?'];
          if (x.part) row.push(x.part);
          return row;
        }),
        c.relations,
      );
      assert.deepEqual(
        identity.notes.map((n) => `${n.kind} ${n.says}${n.part ? ` ${n.part}` : ''}`),
        c.notes,
      );
      // Never the identity of an act the text only names.
      for (const rel of c.relations)
        assert.ok(!act?.endsWith(`.${rel[2]}.${rel[3]}`), `act ${act}`);
      assert.ok(!issues.includes('PARSE_INTERNAL'));
      if (c.kind === 'not-a-maslikhat-act') assert.ok(issues.includes('PARSE_NOT_A_DECISION'));
    });
  }
});

describe('act identity on the seeds', () => {
  it('the seeds read as list decisions with their own header, registration and region', () => {
    for (const [file, date, number, reg, nameId] of [
      [
        'data/KZ-35/source/000_03337a6d4cca10b4.txt',
        '2021-02-25',
        '34',
        '6207',
        'karaganda-before-2022',
      ],
      [
        'data/KZ-27/source/001_85faccb45ed901bf.txt',
        '2020-09-30',
        '38-3',
        '6407',
        'west-kazakhstan',
      ],
    ] as const) {
      const { report } = importText(readFileSync(file));
      const id = report.identity as ActIdentity;
      assert.equal(id.kind, 'list');
      assert.deepEqual(
        [id.self?.date, id.self?.number, id.self?.registration?.number],
        [date, number, reg],
      );
      assert.equal(id.region?.nameId, nameId);
      assert.equal(id.region?.inPeriod, true);
      assert.ok(id.relations.every((r) => r.type === 'amendedBy' || r.type === 'repeals'));
    }
  });
});
