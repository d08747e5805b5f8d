import { describe, expect, it } from 'vitest';
import { childNode, formRoot, type ResolvedNode } from '../../../src/schema/resolve.js';
import { entryKey, withEntryAdded, withEntryMoved, withEntryRemoved } from '../../../ui/form/entries.js';
import { valueAt, withValueAt } from '../../../ui/form/pointer.js';

const systems = (): ResolvedNode => childNode(childNode(formRoot('yoshiki3'), 'basicInfo')!, 'systems')!;

describe('repeated group edits keep stable ids', () => {
  it('gives a new entry the next unused number, even after one in the middle was removed', () => {
    const three = withEntryAdded(systems(), withEntryAdded(systems(), withEntryAdded(systems(), [])));
    expect(three.map((e) => (e as { id: string }).id)).toEqual(['system-1', 'system-2', 'system-3']);
    const withoutSecond = withEntryRemoved(three, 1);
    const added = withEntryAdded(systems(), withoutSecond);
    expect(added.map((e) => (e as { id: string }).id)).toEqual(['system-1', 'system-3', 'system-4']);
  });

  it('moves entries without changing their ids, and refuses to move past either end', () => {
    const entries = [{ id: 'system-1' }, { id: 'system-2' }];
    expect(withEntryMoved(entries, 1, -1)).toEqual([{ id: 'system-2' }, { id: 'system-1' }]);
    expect(withEntryMoved(entries, 0, -1)).toEqual(entries);
    expect(entryKey(entries[1], 1)).toBe('system-2');
  });
});

describe('pointer edits', () => {
  it('replaces one value and copies only the containers on its path', () => {
    const data = { cover: { title: 'a' }, files: [{ overview: { fileName: 'x' } }] };
    const next = withValueAt(data, '/files/0/overview/fileName', 'y');
    expect(valueAt(next, '/files/0/overview/fileName')).toBe('y');
    expect(next.cover).toBe(data.cover);
    expect(data.files[0]?.overview.fileName).toBe('x');
  });
});
