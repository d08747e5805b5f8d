import { beforeAll, describe, expect, it } from 'vitest';
import { applyPatch, patchBetween, type Doc } from '../../src/merge/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { seedFile } from '../helpers/seeds.js';

let kitakyushu: Doc;
beforeAll(async () => {
  kitakyushu = (await loadAssessment(seedFile('001-kitakyushu-yobosesshu'))).data;
});

/** Equal with every object's keys in the same order: what makes two documents print to the same YAML. */
const exactly = (value: unknown): string => JSON.stringify(value);

const roundTrip = (before: Doc, after: Doc): ReturnType<typeof patchBetween> => {
  const operations = patchBetween(before, after);
  const applied = applyPatch(before, JSON.parse(JSON.stringify(operations)) as unknown[]);
  expect(applied.ok, JSON.stringify(applied).slice(0, 300)).toBe(true);
  if (applied.ok) expect(exactly(applied.data)).toBe(exactly(after));
  return operations;
};

/** A small deterministic random source, so a failure can be replayed. */
const random =
  (seed: number): (() => number) =>
  () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };

/** One random edit somewhere in the document: a value changed, a key added or removed, an entry added, removed or moved. */
const randomEdit = (data: unknown, next: () => number, depth = 0): unknown => {
  const pick = next();
  if (Array.isArray(data)) {
    if (data.length === 0 || pick < 0.15) return [...data, { added: next() }];
    const index = Math.floor(next() * data.length);
    if (pick < 0.3) return data.filter((_, i) => i !== index);
    if (pick < 0.45) {
      const moved = data.filter((_, i) => i !== index);
      moved.splice(Math.floor(next() * data.length), 0, data[index]);
      return moved;
    }
    return data.map((item, i) => (i === index ? randomEdit(item, next, depth + 1) : item));
  }
  if (typeof data === 'object' && data !== null) {
    const record = data as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 0 || pick < 0.1) return { ...record, [`extra${Math.floor(next() * 100)}`]: 'x' };
    const key = keys[Math.floor(next() * keys.length)]!;
    if (pick < 0.2 && depth > 0) {
      const { [key]: _gone, ...rest } = record;
      return rest;
    }
    return { ...record, [key]: randomEdit(record[key], next, depth + 1) };
  }
  return pick < 0.5 ? `${String(data)}（改）\n二行目` : pick < 0.75 ? null : Math.floor(next() * 1000);
};

describe('patchBetween / applyPatch', () => {
  it('turns the first version into the second exactly, over many random edits of 001', () => {
    const next = random(13);
    let current = kitakyushu;
    for (let step = 0; step < 300; step += 1) {
      let edited = current;
      const edits = 1 + Math.floor(next() * 3);
      for (let i = 0; i < edits; i += 1) edited = randomEdit(edited, next) as Doc;
      roundTrip(current, edited);
      current = edited;
    }
  });

  it('sends only what changed: unchanged branches (the same objects) are not walked into the patch', () => {
    const cover = kitakyushu['cover'] as Doc;
    const operations = roundTrip(kitakyushu, {
      ...kitakyushu,
      cover: { ...cover, organization: '北九州市長（改）' },
    });
    expect(operations).toEqual([{ op: 'replace', path: '/cover/organization', value: '北九州市長（改）' }]);
  });

  it('sends an entry moved, added or removed alone, not the list', () => {
    const list = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name }));
    const before = { list };
    expect(
      roundTrip(before, {
        list: [list[0], list[2], list[1], list[3], list[4]],
      }),
    ).toHaveLength(2);
    expect(roundTrip(before, { list: [list[4], ...list.slice(0, 4)] })).toEqual([
      { op: 'remove', path: '/list/4' },
      { op: 'add', path: '/list/0', value: list[4] },
    ]);
    expect(
      roundTrip(before, {
        list: [...list.slice(0, 2), { name: 'new' }, ...list.slice(2)],
      }),
    ).toEqual([{ op: 'add', path: '/list/2', value: { name: 'new' } }]);
    expect(roundTrip(before, { list: [list[0], list[3], list[4]] })).toEqual([
      { op: 'remove', path: '/list/1' },
      { op: 'remove', path: '/list/1' },
    ]);
  });

  it('keeps the order of keys, null apart from missing, and escapes pointer segments', () => {
    roundTrip({ a: 1, b: 2 }, { b: 2, a: 1 });
    roundTrip({ x: { a: 1, c: 3 } }, { x: { a: 1, b: 2, c: 3 } });
    roundTrip({ a: 1, c: 3 }, { a: 1, b: 2, c: 3 });
    roundTrip({ x: { a: 1, b: 2 } }, { x: { b: 2, a: 1 } });
    expect(roundTrip({ a: null }, {})).toEqual([{ op: 'remove', path: '/a' }]);
    expect(roundTrip({ 'a/b': { '~c': 1 } }, { 'a/b': { '~c': 2 } })).toEqual([{ op: 'replace', path: '/a~1b/~0c', value: 2 }]);
  });

  it('leaves the version it applies to unchanged', () => {
    const before = { list: [{ a: 1 }], cover: { title: 't' } };
    const frozen = JSON.stringify(before);
    const applied = applyPatch(before, [
      { op: 'replace', path: '/cover/title', value: 'u' },
      { op: 'add', path: '/list/-', value: { a: 2 } },
      { op: 'remove', path: '/list/0' },
    ]);
    expect(applied).toEqual({
      ok: true,
      data: { list: [{ a: 2 }], cover: { title: 'u' } },
    });
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('refuses, naming the operation and the fault, anything that does not fit', () => {
    const data = { list: [1], cover: { title: 't' } };
    expect(applyPatch(data, [{ op: 'add', path: '/list/2', value: 1 }])).toMatchObject({ ok: false, index: 0, fault: 'index' });
    expect(applyPatch(data, [{ op: 'remove', path: '/list/-' }])).toMatchObject({ ok: false, fault: 'segment' });
    expect(applyPatch(data, [{ op: 'copy', path: '/a', from: '/b' }])).toMatchObject({ ok: false, fault: 'op' });
    expect(applyPatch(data, ['nonsense'])).toMatchObject({
      ok: false,
      fault: 'op',
    });
    expect(applyPatch(data, [{ op: 'replace', path: 'cover' }])).toMatchObject({
      ok: false,
      fault: 'value',
    });
    expect(applyPatch(data, [{ op: 'replace', path: 'cover', value: 1 }])).toMatchObject({ ok: false, fault: 'segment' });
    expect(applyPatch(data, [{ op: 'add', path: '/cover/constructor/x', value: 1 }])).toMatchObject({ ok: false, fault: 'parent' });
  });
});
