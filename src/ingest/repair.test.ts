import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RepairContext } from './repair.ts';
import { repairLines, toLines } from './repair.ts';

const kk: RepairContext = {
  lang: 'kk',
  lexicon: new Set(['лимфангиолейомиоматоз', 'дәрігерлік-консультациялық', 'дистрофиясы']),
};
const ru: RepairContext = { lang: 'ru', lexicon: new Set() };

function repair(text: string, context = kk) {
  const { lines, repairs } = repairLines(toLines(text), context);
  return { text: lines.map((l) => l.text).join('\n'), repairs };
}

describe('spaced letters', () => {
  it('rejoins letters spaced apart, with punctuation and double-spaced words', () => {
    assert.equal(repair('инфузия үшін а р н а л ғ а н  ').text, 'инфузия үшін арналған  ');
    assert.equal(repair('е р і т і н д і .  ').text, 'ерітінді.  ');
    assert.equal(repair('Қ а н  ұ ю  ').text, 'Қан ұю  ');
    assert.deepEqual(repair('а у р у л а р ,').repairs, [
      { kind: 'spaced_letters', line: 1, before: 'а у р у л а р ,', after: 'аурулар,' },
    ]);
  });

  it('leaves ordinary words and short letter pairs alone', () => {
    assert.equal(repair('Ботулиндік токсин А типі').text, 'Ботулиндік токсин А типі');
    assert.equal(repair('и в').repairs.length, 0);
  });
});

describe('words broken over lines', () => {
  it('joins a Kazakh suffix of one or two letters to the line before', () => {
    const { text, repairs } = repair(
      'Ағзалар мен тіндерді \nтрансплантациялауд\nан кейінгі жағдай',
    );
    assert.equal(text, 'Ағзалар мен тіндерді \nтрансплантациялаудан\nкейінгі жағдай');
    assert.equal(repairs[0]?.kind, 'broken_word');
  });

  it('joins a short hyphenated tail and a known word, not two words', () => {
    assert.equal(
      repair('гемолитикалық-уре\nмиялық синдром').text,
      'гемолитикалық-уремиялық\nсиндром',
    );
    assert.equal(repair('56 Лимфангиолейомио\nматоз').text, '56 Лимфангиолейомиоматоз\n');
    assert.equal(repair('Верификацияланған\nдиагнозда').text, 'Верификацияланған\nдиагнозда');
    assert.equal(
      repair('дәрігерлік-консульт\nа ц и я л ы қ  ').text,
      'дәрігерлік-консультациялық\n ',
    );
  });

  it('does not join Russian short words, and drops a Russian hyphen', () => {
    assert.equal(
      repair('к решению маслихата\nот 25 февраля', ru).text,
      'к решению маслихата\nот 25 февраля',
    );
    assert.equal(repair('лекарственные препа-\nраты', ru).text, 'лекарственные препараты\n');
    assert.equal(repair('бұлшықет дис-\nтрофиясы').text, 'бұлшықет дистрофиясы\n');
    assert.equal(
      repair('граждан Западно-\nКазахстанской области', ru).text,
      'граждан Западно-Казахстанской\nобласти',
    );
  });

  it('rejoins a lone letter split from its word, not a Kazakh short word', () => {
    assert.equal(
      repair('Ұйқы безінің басқа \nтуа  б іткен ').text,
      'Ұйқы безінің басқа \nтуа  біткен ',
    );
    assert.equal(repair('Ботулиндік токсин А типі').repairs.length, 0);
  });
});

describe('words displaced from hyperlinks', () => {
  it('puts "№ 34" back after the date', () => {
    const { text } = repair(
      'мәслихатының 18.04.2023  шешімімен (оның алғашқы ресми жарияланған күнінен№ 34',
    );
    assert.equal(
      text,
      'мәслихатының 18.04.2023 № 34 шешімімен (оның алғашқы ресми жарияланған күнінен',
    );
  });

  it('puts "Кодексіне", "Заңына", "қосымшасына" and "шешімі" back into their gaps', () => {
    assert.equal(
      repair('жүйесі туралы" , Қазақстан Республикасының 2001 жылғы Кодексіне').text,
      'жүйесі туралы" Кодексіне, Қазақстан Республикасының 2001 жылғы',
    );
    assert.equal(
      repair('23 қаңтардағы  сәйкес Батыс Заңына').text,
      '23 қаңтардағы Заңына сәйкес Батыс',
    );
    assert.equal(
      repair('      1. Осы шешімнің  сәйкес азаматтарының 1-қосымшасына').text,
      '      1. Осы шешімнің 1-қосымшасына сәйкес азаматтарының',
    );
    assert.equal(
      repair('беру туралы"  (Нормативтік құқықтық шешімі').text,
      'беру туралы" шешімі (Нормативтік құқықтық',
    );
  });

  it('rebuilds "№ 22-5 шешімімен" from the "мен" left behind', () => {
    const { text } = repair(
      '15.12.2025 мен (01.01.2026 бастап қолданысқа енгізілді).№ 22-5 шешімі',
    );
    assert.equal(text, '15.12.2025 № 22-5 шешімімен (01.01.2026 бастап қолданысқа енгізілді).');
  });

  it('moves "қосымшасына" back to a dangling "1-" on an earlier line', () => {
    const { text } = repair('осы шешімнің 1-\n\n сәйкес қосымша тегін берілсін.қосымшасына');
    assert.equal(text, 'осы шешімнің 1-қосымшасына\n\n сәйкес қосымша тегін берілсін.');
  });

  it('leaves a decision line that ends in "шешімі" alone', () => {
    const line = 'Батыс Қазақстан облыстық мәслихатының 2020 жылғы 30 қыркүйектегі № 38-3 шешімі';
    assert.equal(repair(line).text, line);
  });
});

describe('excerpts without indentation', () => {
  it('reads one paragraph per line from the first note, point or operative formula, once recorded', () => {
    const text = [
      'Қосымша дәрілік затпен қамтамасыз ету туралы',
      'Ескерту. Күші жойылды - Павлодар облыстық мәслихатының 14.06.2018 № 236/22 шешімімен.',
      'Павлодар облыстық мәслихаты ШЕШІМ ЕТЕДІ:',
      '1. Азаматтарға тегін дәрі-дәрмек ұсынылатын болсын:',
      'эпилепсия ауруына шалдыққандар үшін - "Кеппра" (Леветирацетам) препараты;',
    ].join('\n');
    const { text: out, repairs } = repair(text);
    assert.deepEqual(
      out.split('\n').map((l) => /^\s{6}\S/u.test(l)),
      [false, true, true, true, true],
    );
    assert.deepEqual(
      repairs.map((r) => [r.kind, r.line, r.after]),
      [['paragraph_indent', 2, 'lines 2–5 read as one paragraph each']],
    );
  });

  it('leaves an indented dump, a news text and the lines of an annex alone', () => {
    const dump = 'Заголовок\n      1. Бірінші тармақ.\n2. Екінші тармақ.';
    assert.equal(repair(dump).text, dump);
    const news =
      'Алматыда дәрі-дәрмек тізімі кеңейді.\nСессия барысында депутаттар шешім қабылдады.';
    assert.equal(repair(news).text, news);
    const annexed = repair('1. Қосымшаға сәйкес бекітілсін.\n1-қосымша\n1. Ревматоидты артрит');
    assert.deepEqual(
      annexed.text.split('\n').map((l) => l.startsWith('      ')),
      [true, false, false],
    );
  });
});
