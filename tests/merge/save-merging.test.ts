import { beforeAll, describe, expect, it } from 'vitest';
import { retryPause, saveMerging, type Doc, type SaveAttempt, type StoredVersion } from '../../src/merge/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { valueAt, withValueAt } from '../../ui/form/pointer.js';
import { seedFile } from '../helpers/seeds.js';

const DEPARTMENT = '/basicInfo/department/name';
const HEAD = '/basicInfo/department/headTitle';
const NOTES = '/cover/specialNotes';

let ise: Doc;
beforeAll(async () => {
  ise = (await loadAssessment(seedFile('004-ise-yobosesshu'))).data;
});

/** A file with compare-and-swap writes, in memory: versions are numbered. */
const store = (data: Doc) => {
  let current: StoredVersion = { etag: '1', data };
  return {
    read: (): StoredVersion => current,
    put: async (next: Doc, { etag }: StoredVersion): Promise<SaveAttempt> => {
      if (etag !== current.etag) return { saved: false, current };
      current = { etag: String(Number(current.etag) + 1), data: next };
      return { saved: true, etag: current.etag };
    },
  };
};

describe('saveMerging', () => {
  it('writes at once when the file has not moved', async () => {
    const file = store(ise);
    const mine = withValueAt(ise, '/cover/specialNotes', '乙');
    const outcome = await saveMerging({ form: 'yoshiki3', base: file.read(), local: () => mine, put: file.put, onMerged: () => undefined });
    expect(outcome).toMatchObject({ status: 'saved', data: mine, etag: '2', attempts: 1 });
  });

  it('merges with the version saved meanwhile and writes the merge over it, handing the merge to the client', async () => {
    const file = store(ise);
    const base = file.read();
    await file.put(withValueAt(ise, '/basicInfo/department/name', '甲の部署'), file.read());
    let local = withValueAt(ise, '/basicInfo/department/headTitle', '乙の所属長');
    const merges: string[] = [];
    const outcome = await saveMerging({
      form: 'yoshiki3',
      base,
      local: () => local,
      put: file.put,
      onMerged: (merge, current) => {
        merges.push(`${current.etag}:${merge.incoming.map((change) => change.pointer).join()}`);
        local = merge.merged;
      },
    });
    expect(outcome).toMatchObject({ status: 'saved', etag: '3', attempts: 2 });
    expect(merges).toEqual(['2:/basicInfo/department/name']);
    expect((file.read().data as { basicInfo: { department: unknown } }).basicInfo.department).toEqual({ name: '甲の部署', headTitle: '乙の所属長' });
  });

  it('stops at a real conflict without writing, with the three versions for the user', async () => {
    const file = store(ise);
    const base = file.read();
    await file.put(withValueAt(ise, '/cover/specialNotes', '甲'), file.read());
    const mine = withValueAt(ise, '/cover/specialNotes', '乙');
    const outcome = await saveMerging({ form: 'yoshiki3', base, local: () => mine, put: file.put, onMerged: () => undefined });
    expect(outcome.status).toBe('conflict');
    if (outcome.status !== 'conflict') return;
    expect(outcome.merge.conflicts.map((conflict) => conflict.pointer)).toEqual(['/cover/specialNotes']);
    expect([outcome.base, outcome.mine, outcome.theirs.etag]).toEqual([ise, mine, '2']);
    expect(file.read().etag).toBe('2');
  });

  it('takes over a merge the writer made on its side, with what it says came in', async () => {
    const merged = withValueAt(withValueAt(ise, DEPARTMENT, '甲の部署'), HEAD, '乙の所属長');
    const incoming = [{ kind: 'changed' as const, pointer: DEPARTMENT, label: '①部署' }];
    const mine = withValueAt(ise, HEAD, '乙の所属長');
    const taken: unknown[] = [];
    const outcome = await saveMerging({
      form: 'yoshiki3',
      base: { etag: '1', data: ise },
      local: () => mine,
      put: async () => ({ saved: true, etag: '3', merged: { data: merged, incoming } }),
      onMerged: (merge, current) => taken.push(merge.incoming, merge.merged === merged, current.etag),
    });
    expect(outcome).toMatchObject({ status: 'saved', data: merged, etag: '3', attempts: 1 });
    expect(taken).toEqual([incoming, true, '3']);
  });

  it('merges an edit made while the request was on the way into the writer’s merge, or stops at a conflict with it', async () => {
    const merged = withValueAt(withValueAt(ise, DEPARTMENT, '甲の部署'), HEAD, '乙の所属長');
    const sent = withValueAt(ise, HEAD, '乙の所属長');
    const run = (later: Doc) => {
      let local = sent;
      let adopted: Doc | undefined;
      return saveMerging({
        form: 'yoshiki3',
        base: { etag: '1', data: ise },
        local: () => local,
        put: async () => {
          local = later;
          return { saved: true, etag: '3', merged: { data: merged, incoming: [] } };
        },
        onMerged: (merge) => (adopted = merge.merged),
      }).then((outcome) => ({ outcome, adopted }));
    };
    const typed = await run(withValueAt(sent, NOTES, '乙が続けて入力'));
    // Saved is the server's merge; the draft holds it plus the edit, still to be saved.
    expect(typed.outcome).toMatchObject({ status: 'saved', data: merged, etag: '3' });
    expect([valueAt(typed.adopted, DEPARTMENT), valueAt(typed.adopted, NOTES)]).toEqual(['甲の部署', '乙が続けて入力']);
    const clash = await run(withValueAt(sent, DEPARTMENT, '乙の部署'));
    expect(clash.outcome.status).toBe('conflict');
    expect(clash.outcome.status === 'conflict' && clash.outcome.merge.conflicts.map((c) => c.pointer)).toEqual([DEPARTMENT]);
    expect(clash.adopted).toBeUndefined();
  });

  it('retries at once after the first refusal, then after random pauses doubling up to 2 s', () => {
    expect([1, 2, 3, 4, 10, 20].map((refused) => retryPause(refused, () => 1))).toEqual([0, 50, 100, 200, 2000, 2000]);
    expect(retryPause(5, () => 0)).toBe(0);
  });
});
