import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  annexMarker,
  detectLang,
  entryRuleOf,
  findDate,
  monthOf,
  sectionKindOf,
} from './keywords.ts';

describe('dates as the texts write them', () => {
  it('reads Kazakh, Russian and numeric dates', () => {
    assert.equal(findDate('2021 жылғы 25 ақпандағы № 34')?.date, '2021-02-25');
    assert.equal(findDate('2017 жылы 12 қаңтарда "Орал өңірі"')?.date, '2017-01-12');
    assert.equal(findDate('от 25 февраля 2021 года № 34')?.date, '2021-02-25');
    assert.equal(findDate('от 3 мая 2019 года')?.date, '2019-05-03');
    assert.equal(findDate('15.12.2025 № 22-5')?.date, '2025-12-15');
  });

  it('takes the first date and refuses impossible ones', () => {
    assert.equal(findDate('18.04.2023 … 11.09.2025')?.date, '2023-04-18');
    assert.equal(findDate('31.02.2021'), null);
    assert.equal(findDate('no date here'), null);
  });

  it('knows every month in both languages', () => {
    const kk = [
      'қаңтар',
      'ақпан',
      'наурыз',
      'сәуір',
      'мамыр',
      'маусым',
      'шілде',
      'тамыз',
      'қыркүйек',
      'қазан',
      'қараша',
      'желтоқсан',
    ];
    const ru = [
      'января',
      'февраля',
      'марта',
      'апреля',
      'мая',
      'июня',
      'июля',
      'августа',
      'сентября',
      'октября',
      'ноября',
      'декабря',
    ];
    kk.forEach((m, i) => assert.equal(monthOf(`${m}дағы`), i + 1, m));
    ru.forEach((m, i) => assert.equal(monthOf(m), i + 1, m));
  });
});

describe('markers', () => {
  it('annex headers in both languages', () => {
    assert.deepEqual(annexMarker('шешіміне 1-қосымша'), { number: '1' });
    assert.deepEqual(annexMarker('2-қосымша'), { number: '2' });
    assert.deepEqual(annexMarker('шешіміне қосымша'), { number: null });
    assert.deepEqual(annexMarker('Приложение 2'), { number: '2' });
    assert.deepEqual(annexMarker('Приложение 1 к решению Карагандинского областного маслихата'), {
      number: '1',
    });
    assert.equal(annexMarker('қосымша'), null);
    assert.equal(annexMarker('осы шешімнің 1-қосымшасына сәйкес'), null);
  });

  it('entry-into-force rules', () => {
    assert.deepEqual(
      entryRuleOf('Осы шешім ресми жарияланған күнінен бастап қолданысқа енгізіледі.'),
      { kind: 'on_publication' },
    );
    assert.deepEqual(
      entryRuleOf(
        'оның алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі',
      ),
      { kind: 'after_publication', calendarDays: 10 },
    );
    assert.deepEqual(entryRuleOf('алғашқы ресми жарияланған күнінен кейін қолданысқа енгізіледі'), {
      kind: 'after_publication',
    });
    assert.deepEqual(
      entryRuleOf(
        'вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования',
      ),
      { kind: 'after_publication', calendarDays: 10 },
    );
    assert.deepEqual(
      entryRuleOf(
        'Настоящее решение вводится в действие со дня его первого официального опубликования.',
      ),
      { kind: 'on_publication' },
    );
    assert.equal(entryRuleOf('Сессия төрағасы'), null);
  });

  it('section kinds and the language', () => {
    assert.equal(
      sectionKindOf(
        'Тегін медициналық көмектің кепілдік берілген көлемі шеңберіндегі дәрілік заттар',
      ),
      'medicine',
    );
    assert.equal(sectionKindOf('… шеңберіндегі медициналық бұйымдар'), 'device');
    assert.equal(sectionKindOf('… мамандандырылған емдік өнімдер'), 'food');
    assert.equal(sectionKindOf('Медицинские изделия, бесплатно предоставляемые'), 'device');
    assert.equal(detectLang('Қарағанды облыстық мәслихатының шешімі'), 'kk');
    assert.equal(detectLang('Решение Карагандинского областного маслихата'), 'ru');
  });
});
