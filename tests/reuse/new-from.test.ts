import { describe, expect, it } from 'vitest';
import { newFromAssessment } from '../../src/reuse/index.js';
import { splitPointer, validateAssessment } from '../../src/schema/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { expectAppErrorThrown } from '../helpers/app-error.js';
import { SEEDS, seedFile } from '../helpers/seeds.js';

const load = async (dir: string): Promise<Record<string, unknown>> => (await loadAssessment(seedFile(dir))).data;

const setAt = (data: Record<string, unknown>, pointer: string, value: unknown): void => {
  const segments = splitPointer(pointer);
  const last = segments.pop()!;
  const holder = segments.reduce((node, key) => node[key] as Record<string, unknown>, data);
  holder[last] = value;
};

const ACK = { ruleId: 'consignment.count', reason: '委託事項2は契約準備中のため' };

describe('a new draft from an existing assessment', () => {
  it('copies 001 and leaves blank what records its own history: 公表日, the Ⅵ procedures done, the 変更箇所 rows, the acknowledgements', async () => {
    const source = { ...(await load('001-kitakyushu-yobosesshu')), acknowledgements: [ACK] };
    const original = structuredClone(source);
    const { form, data, cleared, migration } = newFromAssessment(source);
    expect(source).toEqual(original); // pure
    expect(form).toBe('yoshiki4');
    expect(migration).toBeUndefined();
    expect(cleared.map((item) => item.pointer)).toEqual([
      '/cover/publishedOn',
      '/procedures/basicAssessment/date',
      '/procedures/publicComment/period',
      '/procedures/publicComment/mainOpinions',
      '/procedures/publicComment/reflection',
      '/procedures/thirdPartyReview/date',
      '/procedures/thirdPartyReview/result',
      '/changeHistory',
      '/acknowledgements',
    ]);
    // `shown` is how the dialog and the CLI list it: the value as printed, a list by its number of entries.
    expect(cleared[0]).toEqual({ pointer: '/cover/publishedOn', path: ['表紙', '公表日'], value: '2025-08-29', shown: '令和7年8月29日' });
    const history = cleared.find((item) => item.pointer === '/changeHistory');
    expect((history?.value as unknown[]).length).toBe(177);
    expect(history?.shown).toBe('177件');
    expect(data['changeHistory']).toEqual([]);
    expect(data['acknowledgements']).toEqual([]);
    expect((data['procedures'] as { thirdPartyReview: unknown }).thirdPartyReview).toEqual({
      date: null,
      method: '北九州市個人情報保護審査会における審査',
      result: '',
    });
    // Everything else is the source's content, as it was.
    const restored = structuredClone(data);
    for (const item of cleared) setAt(restored, item.pointer, item.value);
    expect(restored).toEqual(source);
    expect(validateAssessment(data).issues).toEqual([]);
  });

  it.each(SEEDS)('a copy of $id is a valid draft with no 変更箇所 rows', async ({ dir }) => {
    const { data } = newFromAssessment(await load(dir));
    expect(validateAssessment(data).issues).toEqual([]);
    expect(data['changeHistory']).toEqual([]);
    expect((data['cover'] as { publishedOn: unknown }).publishedOn).toBeNull();
  });

  it('moves the copy to the chosen form revision: 002 (平成30年５月) started on 令和７年５月', async () => {
    const source = await load('002-nagaoka-covid19');
    const { data, migration } = newFromAssessment(source, { formRevision: '令和７年５月' });
    expect(data['formRevision']).toBe('令和７年５月');
    expect(source['formRevision']).toBe('平成30年５月');
    expect(migration?.from).toBe('平成30年５月');
    expect(migration?.entries.map((entry) => entry.kind)).toEqual(['label']);
    expect(validateAssessment(data).issues).toEqual([]);
  });

  it('refuses a document that names no form, in Japanese', () => {
    const error = expectAppErrorThrown(() => newFromAssessment({ form: 'yoshiki9' }));
    expect(error.code).toBe('UNKNOWN_FORM');
    expect(error.messageJa).toBe('評価書の様式（form）が分かりません（現在の値: yoshiki9）。');
  });
});
