import { describe, expect, it } from 'vitest';
import { createKeyedLock } from '../../src/store/keyed-lock.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createKeyedLock', () => {
  it('runs tasks of one key one after another, even when one fails', async () => {
    const lock = createKeyedLock();
    const events: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        events.push(`${name} start`);
        await tick();
        events.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([lock('a', task('1', true)), lock('a', task('2')), lock('a', task('3'))]);
    expect(events).toEqual(['1 start', '1 end', '2 start', '2 end', '3 start', '3 end']);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });

  it('runs tasks of different keys side by side', async () => {
    const lock = createKeyedLock();
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`${name} start`);
      await tick();
      events.push(`${name} end`);
    };
    await Promise.all([lock('a', task('a')), lock('b', task('b'))]);
    expect(events.slice(0, 2)).toEqual(['a start', 'b start']);
  });
});
