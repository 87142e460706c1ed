/**
 * Property-based robustness of the readers added for real texts (fast-check): texts built from
 * the words those readers look for — editorial notes, act mentions with dates and numbers
 * ("№ 17/155-VII", "N 244/37-IV"), operative formulas, amending and repealing phrases, clauses
 * with brands in quotes and INNs in brackets — shuffled, cut and mixed with arbitrary text, with
 * and without indentation. The identity, kind, operative-list, effects and name readers never
 * throw; an unmatched name stays unresolved, and a name resolved through the national tables
 * never gets an English INN.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ACT_KINDS } from '../src/ingest/identity/model.ts';
import { readIdentity } from '../src/ingest/identity/read.ts';
import { readEffects } from '../src/ingest/effects/read.ts';
import { readClause, readOperativeList } from '../src/ingest/layouts/operative-point.ts';
import { newFindings } from '../src/ingest/model.ts';
import { pointGroups } from '../src/ingest/points.ts';
import { repairLines, toLines } from '../src/ingest/repair.ts';
import { segment } from '../src/ingest/segment.ts';
import { importText, registry, vocabulary } from './helpers/ingest.ts';

const scale = Number(process.env.FUZZ_SCALE ?? '1');

// prettier-ignore
const FRAGMENTS = [
  'Ескерту.', 'Сноска.', 'ЗҚАИ-ның ескертпесі!', 'Примечание ИЗПИ!', 'Күші жойылды -',
  'Утратило силу решением', 'Павлодар облыстық мәслихатының', 'Астана қаласы мәслихатының',
  'маслихата Северо-Казахстанской области', 'Оңтүстік Қазақстан облыстық мәслихатының',
  '2018 жылғы 14 маусымдағы', '14.06.2018', 'от 13 декабря 2018 года', '2009.08.26', '№ 236/22',
  'N 117/18-IV', '№ 72/675-6с', '№', 'N', 'шешімімен', 'шешімі', 'шешіміне', 'решением', 'решение',
  'ШЕШІМ ҚАБЫЛДАДЫ:', 'ШЕШТІ:', 'РЕШИЛ:', 'БҰЙЫРАМЫН:', '1.', '2.', '1)', '"', '«', '»', '(', ')',
  '-', '–', ';', ':', '.', '1-қосымшасы', 'жаңа редакцияда жазылсын', 'мынадай өзгерістер енгізілсін',
  'күші жойылды деп танылсын', 'Признать утратившим силу', 'изложить в новой редакции',
  'тегін дәрі-дәрмек ұсынылатын болсын:', 'бесплатно обеспечить препаратом',
  'ауруына шалдыққандар үшін', 'для больных', 'эпилепсией', 'сахарным диабетом', 'препараты',
  '"Кеппра" (Леветирацетам)', '«Колистин» (Колистиметат)', 'Мофетила микофенолат', 'дәрісімен',
  'мамандандырылған емдік тағамдары', 'тіркелді', 'Зарегистрировано', 'Приложение 1',
];

const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);
const line = fc
  .tuple(fc.boolean(), fc.array(word, { minLength: 1, maxLength: 14 }))
  .map(([indent, words]) => `${indent ? '      ' : ''}${words.join(' ')}`);
const text = fc.array(line, { minLength: 1, maxLength: 14 }).map((ls) => ls.join('\n'));

function readAll(input: string): void {
  const lang = /[әіңғүұқөһ]/iu.test(input) ? 'kk' : 'ru';
  const { lines } = repairLines(toLines(input), { lang, lexicon: vocabulary.lexicon });
  const identity = readIdentity(lines, registry.regionNames);
  assert.ok(ACT_KINDS.includes(identity.kind));
  const segmented = segment(lines);
  const points = pointGroups(lines, segmented);
  readOperativeList(points, { lang, findings: newFindings() });
  readEffects(points, segmented, lines, lang);
  for (const l of lines) readClause(l.text, '1', [l], lang);
  const { report } = importText(input);
  assert.deepEqual(
    report.issues.filter((i) => i.code === 'PARSE_INTERNAL'),
    [],
  );
  for (const p of report.items.flatMap((i) => i.products))
    if (p.source === 'national-formulary (third-party)') assert.equal(p.inn, null);
}

describe('the readers of real texts (fast-check)', () => {
  it('texts of act words, shuffled and cut, never make a reader throw', () => {
    fc.assert(fc.property(text, readAll), { numRuns: 150 * scale });
  });

  it('any name resolves to a known entry as written, or stays unresolved', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 30 })),
        fc.constantFrom('kk' as const, 'ru' as const),
        (name, lang) => {
          const r = vocabulary.resolveName(name, lang);
          if (r) assert.equal(r.written, name);
          vocabulary.diagnosis(name, lang);
        },
      ),
      { numRuns: 300 * scale },
    );
  });
});
