import { describe, expect, it } from 'vitest';
import { createLru } from '../../src/store/lru.js';

describe('createLru', () => {
  it('keeps the most recently used entries up to its capacity', () => {
    const lru = createLru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([1, undefined, 3]);
  });

  it('bounds weighed entries by their total weight, forgetting the least recently used, and always keeps the newest', () => {
    const lru = createLru<string, { bytes: number }>(100, (value) => value.bytes);
    lru.set('a', { bytes: 40 });
    lru.set('b', { bytes: 40 });
    lru.set('a', { bytes: 50 });
    // 'a' replaced (its old weight no longer counts) and now the newest: 40 + 50 fits.
    expect([lru.get('b')?.bytes, lru.get('a')?.bytes]).toEqual([40, 50]);
    lru.set('c', { bytes: 30 });
    expect([lru.get('b'), lru.get('a')?.bytes, lru.get('c')?.bytes]).toEqual([undefined, 50, 30]);
    lru.set('huge', { bytes: 500 });
    expect([lru.get('a'), lru.get('c'), lru.get('huge')?.bytes]).toEqual([undefined, undefined, 500]);
    lru.delete('huge');
    lru.set('d', { bytes: 100 });
    expect(lru.get('d')?.bytes).toBe(100);
  });
});
