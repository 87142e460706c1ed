/** Case forms: both sides cut by the same endings, short words and words with digits left whole. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold } from '../domain/search.ts';
import { formKey, stemOf } from './morphology.ts';

const key = (text: string, m: 'ru' | 'kk', ordered = true) =>
  formKey(fold(text).split(' '), m, ordered);

describe('case forms of names', () => {
  it('gives Russian case forms of a diagnosis the stems of its nominative', () => {
    assert.equal(key('эпилепсией', 'ru'), key('Эпилепсия', 'ru'));
    assert.equal(key('сахарным диабетом', 'ru'), key('Сахарный диабет', 'ru'));
    assert.equal(key('ревматоидного артрита', 'ru'), key('Ревматоидный артрит', 'ru'));
    assert.notEqual(key('сахарным диабетом', 'ru'), key('несахарный диабет', 'ru'));
  });

  it('gives Kazakh case forms of a name the stems of its plain form', () => {
    assert.equal(key('Леветирацетаммен', 'kk'), key('Леветирацетам', 'kk'));
    assert.equal(key('Қант диабетімен', 'kk'), key('Қант диабеті', 'kk'));
    assert.equal(key('эпилепсиясы', 'kk'), key('эпилепсия', 'kk'));
  });

  it('matches inverted two-word INNs only as a bag of stems, not in order', () => {
    assert.equal(
      key('Мофетила микофенолат', 'ru', false),
      key('Микофенолата мофетил', 'ru', false),
    );
    assert.notEqual(key('Мофетила микофенолат', 'ru'), key('Микофенолата мофетил', 'ru'));
  });

  it('never cuts a stem below four letters, nor a word with digits', () => {
    assert.equal(stemOf('тоби', 'kk'), 'тоби');
    assert.equal(stemOf('рака', 'ru'), 'рака');
    assert.equal(stemOf('гамма-1', 'ru'), 'гамма-1');
    assert.equal(stemOf('b12', 'ru'), 'b12');
  });
});
