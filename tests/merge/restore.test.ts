import { beforeAll, describe, expect, it } from 'vitest';
import type { Yoshiki3Assessment } from '../../src/domain/assessment.gen.js';
import { changedItems, restoreItem, type Doc } from '../../src/merge/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { seedFile } from '../helpers/seeds.js';

let revision: Yoshiki3Assessment;
beforeAll(async () => {
  revision = (await loadAssessment(seedFile('004-ise-yobosesshu'))).data as unknown as Yoshiki3Assessment;
});

const edited = (edit: (doc: Yoshiki3Assessment) => void): Yoshiki3Assessment => {
  const draft = structuredClone(revision);
  edit(draft);
  return draft;
};

const restore = (draft: Yoshiki3Assessment, pointer: string, pointerIn: unknown = draft): Yoshiki3Assessment | undefined =>
  restoreItem('yoshiki3', draft as Doc, revision as Doc, pointer, pointerIn) as Yoshiki3Assessment | undefined;

describe('restoreItem: one item or entry taken back from a revision', () => {
  it('restores one item and keeps every other edit of the draft', () => {
    const draft = edited((doc) => {
      doc.basicInfo.department.name = '変更後の部署';
      doc.basicInfo.department.headTitle = '変更後の所属長';
    });
    const restored = restore(draft, '/basicInfo/department/name')!;
    expect(restored.basicInfo.department).toEqual({ name: '健康福祉部健康課', headTitle: '変更後の所属長' });
    // Untouched branches are shared, not copied.
    expect(restored.files).toBe(draft.files);
  });

  it('follows entries by id: the item of a moved entry is restored from the same entry of the revision', () => {
    const draft = edited((doc) => {
      doc.basicInfo.systems.reverse();
      doc.basicInfo.systems[0]!.name = '宛名（改）';
    });
    const restored = restore(draft, '/basicInfo/systems/0/name')!;
    expect(restored.basicInfo.systems.map((system) => system.name)).toEqual(['宛名管理システム', '団体内統合利用番号連携サーバー', '中間サーバー', '健康管理システム']);
  });

  it('puts back a deleted entry after its predecessor, named by its place in the revision', () => {
    const draft = edited((doc) => doc.basicInfo.systems.splice(2, 1));
    const restored = restore(draft, '/basicInfo/systems/2', revision)!;
    expect(restored.basicInfo.systems.map((system) => system.id)).toEqual(['system-1', 'system-2', 'system-3', 'system-4']);
    expect(restored.basicInfo.systems[2]).toEqual(revision.basicInfo.systems[2]);
  });

  it('takes out an entry the revision does not have, and restores a whole entry', () => {
    const added = edited((doc) => doc.basicInfo.systems.push({ ...structuredClone(doc.basicInfo.systems[0]!), id: 'system-5' }));
    expect(restore(added, '/basicInfo/systems/4')!.basicInfo.systems).toHaveLength(4);
    const changed = edited((doc) => {
      doc.basicInfo.systems[1]!.name = 'x';
      doc.basicInfo.systems[1]!.functions = 'y';
    });
    expect(restore(changed, '/basicInfo/systems/1')).toEqual(revision);
  });

  it('restores an item with sub-rows on its own line only, as the diff cites it', () => {
    const draft = edited((doc) => {
      doc.files[0]!.overview.consignment.status.value = '委託しない';
      doc.files[0]!.overview.consignment.items[0]!.name = '委託先の変更';
    });
    const restored = restore(draft, '/files/0/overview/consignment/status')!;
    expect(restored.files[0]!.overview.consignment.status).toEqual(revision.files[0]!.overview.consignment.status);
    expect(restored.files[0]!.overview.consignment.items[0]!.name).toBe('委託先の変更');
  });

  it('is undefined where nothing differs or the place exists in neither version', () => {
    expect(restore(edited(() => undefined), '/basicInfo/department/name')).toBeUndefined();
    expect(restore(edited(() => undefined), '/basicInfo/systems/9/name')).toBeUndefined();
  });
});

describe('changedItems: what differs from a revision, item by item', () => {
  it('lists changed items in the draft, added entries, and removed entries with their place in the revision', () => {
    const draft = edited((doc) => {
      doc.basicInfo.department.name = '新しい部署';
      doc.basicInfo.systems.splice(2, 1);
      doc.basicInfo.systems[0]!.connections.taxSystem = true;
      doc.acknowledgements = [{ ruleId: 'history.order', reason: '理由' }];
    });
    expect(changedItems('yoshiki3', revision, draft).map(({ kind, pointer, beforePointer }) => [kind, pointer, beforePointer])).toEqual([
      ['changed', '/basicInfo/systems/0/connections', '/basicInfo/systems/0/connections'],
      ['removed', '/basicInfo/systems', '/basicInfo/systems/2'],
      ['changed', '/basicInfo/department/name', '/basicInfo/department/name'],
      ['changed', '/acknowledgements', '/acknowledgements'],
    ]);
  });
});
