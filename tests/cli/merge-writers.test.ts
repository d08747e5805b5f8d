/**
 * The CLI writers of a draft (pia format, pia acknowledge, pia restore) when the editor's server saves between
 * their read and their write: the save lands from a real server (fastify inject on the same data folder) right
 * after the command has read the draft.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAssessmentFile, type AssessmentStore } from '../../src/store/index.js';
import { valueAt } from '../../ui/form/pointer.js';
import { pia } from '../helpers/cli.js';
import { ID_004, buildTestServer, draftPath, type TestServer } from '../server/helpers.js';

const DEPARTMENT = '/basicInfo/department/name';
const HEAD = '/basicInfo/department/headTitle';
const COUNT = '/files/0/overview/consignment/status/count';
const REASON = '委託事項２は令和7年3月27日に削除済み。件数は次回の修正で直す';
const TODAY = '2025-10-01';

let server: TestServer;
let file: string;
beforeEach(async () => {
  server = await buildTestServer();
  file = draftPath(server.dataDir, ID_004);
});
afterEach(() => server.cleanup());

type Data = Record<string, unknown>;

/** The editor's server saves `edit` of the draft as it is now (GET, then PUT with its If-Match). */
const serverSaves = async (edit: (data: Data) => void): Promise<void> => {
  const got = (await server.app.inject({ method: 'GET', url: `/api/assessments/${ID_004}` })).json<{ data: Data; etag: string }>();
  edit(got.data);
  const response = await server.app.inject({
    method: 'PUT',
    url: `/api/assessments/${ID_004}`,
    headers: { 'if-match': `"${got.etag}"` },
    payload: { data: got.data },
  });
  expect(response.statusCode).toBe(200);
};

/** Opens the command's store so that the server's save lands right after the command's first read of the draft. */
const saveAfterRead = (edit: (data: Data) => void) => async (path: string): Promise<AssessmentStore> => {
  const store = await openAssessmentFile(path);
  let landed = false;
  return {
    ...store,
    readDraft: async () => {
      const draft = await store.readDraft();
      if (!landed) {
        landed = true;
        await serverSaves(edit);
      }
      return draft;
    },
  };
};

const department = (value: string) => (data: Data) => {
  ((data['basicInfo'] as Data)['department'] as Data)['name'] = value;
};

const onDisk = async (pointer: string): Promise<unknown> => valueAt((await (await openAssessmentFile(file)).readDraft()).data, pointer);

describe('pia format when the server saved after its read', () => {
  it('formats the version the server saved and names what came in, in one line', async () => {
    const result = await pia(['format', file], { openStore: saveAfterRead(department('健康福祉部健康課（画面で修正）')) });
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      `整形しました: ${file}\n${file}: 読み込んだ後にほかで保存された変更（1項目）を取り込んで書き込みました: Ⅰ　基本情報 ６．評価実施機関における担当部署 ①部署\n`,
    );
    expect(await onDisk(DEPARTMENT)).toBe('健康福祉部健康課（画面で修正）');
  });
});

describe('pia acknowledge when the server saved after its read', () => {
  const acknowledge = (openStore: (path: string) => Promise<AssessmentStore>, reason = REASON) =>
    pia(['acknowledge', file, 'consignment.count', '--pointer', COUNT, '-m', reason, '--today', TODAY], { openStore });

  it('keeps the server’s change of another item and records the acknowledgement', async () => {
    const result = await acknowledge(saveAfterRead(department('健康課（画面で修正）')));
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('[consignment.count] の警告1件を確認済みにしました');
    expect(result.out).toContain('取り込んで書き込みました: Ⅰ　基本情報 ６．評価実施機関における担当部署 ①部署');
    expect(await onDisk(DEPARTMENT)).toBe('健康課（画面で修正）');
    expect(await onDisk('/acknowledgements')).toEqual([{ ruleId: 'consignment.count', pointer: COUNT, reason: REASON }]);
  });

  it('writes nothing when the server gave the same acknowledgement another reason, and prints the item with both values', async () => {
    expect((await acknowledge(openAssessmentFile, '最初の理由')).code).toBe(0);
    const theirs = { ruleId: 'consignment.count', pointer: COUNT, reason: '画面で直した理由' };
    const result = await acknowledge(saveAfterRead((data) => void (data['acknowledgements'] = [theirs])));
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(`${file}: 読み込んだ後にほかで保存された内容と同じ項目を別の内容にしようとしたため、書き込みませんでした（1項目）。`);
    expect(result.err).toContain('\n  確認済みの警告（/acknowledgements）\n');
    expect(result.err).toContain(`    このコマンドの内容: ${JSON.stringify([{ ruleId: 'consignment.count', pointer: COUNT, reason: REASON }])}`);
    expect(result.err).toContain(`    保存されている内容: ${JSON.stringify([theirs])}`);
    expect(result.err).toContain('保存されている内容を確かめてから、もう一度実行してください。');
    expect(await onDisk('/acknowledgements')).toEqual([theirs]);
  });
});

describe('pia restore', () => {
  /** Revision 1 of the sample, then the draft edited in two items by the server. */
  const withRevision = async (): Promise<void> => {
    const revise = await pia(['revise', file, '-m', '初回公表', '--author', '健康課 伊勢', '--date', '2025-04-01']);
    expect(revise.code).toBe(0);
    await serverSaves((data) => {
      department('健康課（改訂後）')(data);
      ((data['basicInfo'] as Data)['department'] as Data)['headTitle'] = '健康課長（改訂後）';
    });
  };

  it('takes one item back from a revision, leaving the other edits, and names it by its official label', async () => {
    await withRevision();
    const result = await pia(['restore', file, DEPARTMENT, '--from', '1']);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(`第1版の記載に戻しました: Ⅰ　基本情報 ６．評価実施機関における担当部署 ①部署（${DEPARTMENT}）\n`);
    expect([await onDisk(DEPARTMENT), await onDisk(HEAD)]).toEqual(['健康福祉部健康課', '健康課長（改訂後）']);
    // Again: nothing to do, nothing written.
    const before = await readFile(file, 'utf8');
    const again = await pia(['restore', file, DEPARTMENT, '--from', '1']);
    expect(again.out).toContain('すでに第1版と同じ記載です。書き込みはしていません。');
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('merges a save that landed after its read and says what came in', async () => {
    await withRevision();
    const result = await pia(['restore', file, DEPARTMENT, '--from', '1'], {
      openStore: saveAfterRead((data) => void ((data['cover'] as Data)['specialNotes'] = '画面で追記')),
    });
    expect(result.code).toBe(0);
    expect(result.out).toContain('取り込んで書き込みました: 表紙 特記事項');
    expect([await onDisk(DEPARTMENT), await onDisk('/cover/specialNotes')]).toEqual(['健康福祉部健康課', '画面で追記']);
  });

  it('puts back a group entry the draft no longer has, named by its place in the revision', async () => {
    await pia(['revise', file, '-m', '初回公表', '--author', '健康課 伊勢', '--date', '2025-04-01']);
    const systems = (await onDisk('/basicInfo/systems')) as Data[];
    expect(systems.length).toBeGreaterThan(1);
    await serverSaves((data) => void ((data['basicInfo'] as Data)['systems'] = systems.slice(1)));
    const result = await pia(['restore', file, '/basicInfo/systems/0', '--from', '1']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^第1版の記載に戻しました: Ⅰ　基本情報 .*（\/basicInfo\/systems\/0）\n$/u);
    expect(await onDisk('/basicInfo/systems')).toEqual(systems);
  });

  it('says clearly what is wrong with a pointer or a revision, writing nothing', async () => {
    await withRevision();
    const before = await readFile(file, 'utf8');
    const notAnItem = await pia(['restore', file, '/basicInfo/nosuchitem', '--from', '1']);
    expect(notAnItem.code).toBe(2);
    expect(notAnItem.err).toContain('「/basicInfo/nosuchitem」は重点項目評価書');
    expect(notAnItem.err).toContain('の項目を指していません');
    const noSlash = await pia(['restore', file, 'basicInfo/department/name', '--from', '1']);
    expect(noSlash.err).toContain('/ で始まる JSON Pointer で指定してください');
    const nowhere = await pia(['restore', file, '/basicInfo/systems/40', '--from', '1']);
    expect(nowhere.code).toBe(2);
    expect(nowhere.err).toContain('は、第1版にも作業中の評価書にもありません。');
    const noRevision = await pia(['restore', file, DEPARTMENT, '--from', '7']);
    expect(noRevision.code).toBe(1);
    expect(noRevision.err).toContain('改訂7はありません');
    const badNumber = await pia(['restore', file, DEPARTMENT, '--from', 'first']);
    expect(badNumber.code).toBe(2);
    const missing = await pia(['restore', file, DEPARTMENT]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('pia restore <file> <JSON Pointer> --from <版の番号>');
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
