import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedMap } from './bounded-map.ts';

describe('BoundedMap', () => {
  it('never holds more than its capacity', () => {
    const map = new BoundedMap<number, number>(3);
    for (let i = 0; i < 1000; i++) map.set(i, i);
    assert.equal(map.size, 3);
    assert.equal(map.get(999), 999);
    assert.equal(map.get(996), undefined);
  });

  it('drops the least recently used entry, counting reads as use', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    assert.equal(map.get('a'), 1);
    map.set('c', 3);
    assert.equal(map.get('b'), undefined, 'b was the least recently used');
    assert.equal(map.get('a'), 1);
    assert.equal(map.get('c'), 3);
  });

  it('replacing a value does not grow it', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('a', 2).set('b', 3);
    assert.equal(map.size, 2);
    assert.equal(map.get('a'), 2);
  });

  it('refuses a capacity that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      assert.throws(() => new BoundedMap(bad), RangeError);
  });
});
