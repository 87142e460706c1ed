import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold } from './search.ts';

describe('folding for search', () => {
  it('folds Kazakh letters and case to their Russian neighbours', () => {
    assert.equal(fold('ҚАН ҰЮ'), 'кан ую');
    assert.equal(fold('Өкпе артериялық гипертензиясы'), 'окпе артериялык гипертензиясы');
    assert.equal(fold('Ювенильдық, артрит!'), 'ювенильдык артрит');
    assert.equal(fold('Ёлка'), 'елка');
    assert.equal(fold('sacubitril + valsartan'), 'sacubitril + valsartan');
  });
});
