import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ByteLru } from './byte-lru.ts';

describe('a byte-bounded LRU', () => {
  it('stays under its budget however many distinct keys clients send', () => {
    const lru = new ByteLru<number>(50_000);
    for (let i = 0; i < 20_000; i++) {
      lru.set(`/kk/search?q=${i}`, i, 100 + (i % 7) * 300);
      if (i % 3 === 0) lru.grow(`/kk/search?q=${i}`, 200);
      assert.ok(lru.bytes <= lru.budget, `${lru.bytes} bytes after ${i + 1} keys`);
    }
    assert.ok(lru.size < 20_000 && lru.size > 0);
  });

  it('drops the least recently used first', () => {
    const lru = new ByteLru<string>(300);
    lru.set('a', 'a', 100);
    lru.set('b', 'b', 100);
    lru.set('c', 'c', 100);
    assert.equal(lru.get('a'), 'a'); // now b is the oldest
    lru.set('d', 'd', 100);
    assert.equal(lru.get('b'), undefined);
    assert.deepEqual(
      ['a', 'c', 'd'].map((k) => lru.get(k)),
      ['a', 'c', 'd'],
    );
    assert.equal(lru.bytes, 300);
  });

  it('refuses an entry larger than the whole budget, and one that grows past it', () => {
    const lru = new ByteLru<string>(100);
    assert.equal(lru.set('big', 'x', 101), false);
    assert.equal(lru.size, 0);
    lru.set('a', 'a', 60);
    lru.set('b', 'b', 30);
    lru.grow('b', 30); // makes room by dropping a
    assert.equal(lru.get('a'), undefined);
    assert.equal(lru.bytes, 60);
    lru.grow('b', 50);
    assert.equal(lru.get('b'), undefined);
    assert.equal(lru.bytes, 0);
  });
});
