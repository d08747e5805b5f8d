/** `pia snippet …`, and the library in `pia check` / `pia acknowledge`, in-process on a temp data folder. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pia } from '../helpers/cli.js';
import {
  RENEWAL_SUMMARY,
  bundledLibrary,
  copyLibrary,
  ise004BeforeRenewal,
  kitakyushu001BeforeRenewal,
  writeDraft,
} from '../helpers/renewal.js';
import { copySeed, makeTempDir } from '../helpers/seeds.js';

const ID_001 = '001-kitakyushu-yobosesshu';
const ID_004 = '004-ise-yobosesshu';
const AUTHOR = { PIA_AUTHOR: '健康課 伊勢' };

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
  await copyLibrary(temp.dir);
});
afterEach(() => temp.cleanup());

const draft = (id: string): string => path.join(temp.dir, id, 'assessment.yaml');

describe('pia snippet list / show / add', () => {
  it('lists the library of --data with versions and successors, and shows one text', async () => {
    const list = await pia(['snippet', 'list', '--data', temp.dir]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/│ chukan-pf-butsuri +│ 第1版 +│ 中間サーバー・プラットフォームにおける措置（物理的 +│ 地方公共団体情報シス +│ +│ 第2版へ +│/);
    const json = JSON.parse((await pia(['snippet', 'list', '--data', temp.dir, '--json'])).out) as { snippets: { id: string }[] };
    expect(json.snippets).toHaveLength(15);

    const show = await pia(['snippet', 'show', 'chukan-pf-hokan-basho@1', '--data', temp.dir]);
    expect(show.code).toBe(0);
    expect(show.out).toContain('中間サーバー・プラットフォームにおける措置（保管場所）（chukan-pf-hokan-basho 第1版）');
    expect(show.out).toContain('この版は置き換えられています: chukan-pf-hokan-basho 第2版');
    expect(show.out).toContain('①中間サーバー･プラットフォームはデータセンターに設置しており');
    const newest = await pia(['snippet', 'show', 'gcloud-hokan-sonota', '--data', temp.dir]);
    expect(newest.out).toContain('改められた文書: 「ガバメントクラウドの利用に関する基準【第1.0版】」→「地方公共団体情報システムのガバメントクラウドの利用に関する基準【第2.0版】」（2024-04）');

    const missing = await pia(['snippet', 'show', 'no-such-text', '--data', temp.dir]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('標準文「no-such-text」はライブラリにありません。');
  });

  it('adds a new version from a file, and never replaces an existing one', async () => {
    const file = path.join(temp.dir, 'new.yaml');
    const body = '＜中間サーバー・ソフトウェアにおける措置＞\n①職員認証・権限管理機能を設ける。';
    await writeFile(file, `id: chukan-sw-renkei\nversion: 2\ntitle: 中間サーバー・ソフトウェアにおける措置\nissuer: 地方公共団体情報システム機構（J-LIS）\ndate: 2026-04\nbody: |-\n  ${body.replace('\n', '\n  ')}\n`);
    const added = await pia(['snippet', 'add', file, '--data', temp.dir]);
    expect(added.code).toBe(0);
    expect(added.out).toContain('標準文 chukan-sw-renkei 第2版をライブラリに追加しました。');
    expect((await pia(['snippet', 'show', 'chukan-sw-renkei', '--data', temp.dir])).out).toContain(body);
    const again = await pia(['snippet', 'add', file, '--data', temp.dir]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('標準文「chukan-sw-renkei」の第2版はすでにあります。');
  });
});

describe('pia snippet insert / outdated / update', () => {
  it('inserts at a character position and records the span; refuses an item that is not text', async () => {
    await copySeed(temp.dir, ID_004);
    const pointer = '/files/0/riskMeasures/acquisition/otherRisks';
    const { code, out } = await pia(['snippet', 'insert', draft(ID_004), pointer, 'chukan-sw-renkei@1', '--at', '0']);
    expect(code).toBe(0);
    expect(out).toMatch(/「Ⅲ　リスク対策 > ２．.*」に標準文「中間サーバー・ソフトウェアにおける措置（情報提供ネットワークシステムとの接続に伴うその他のリスク）」（第1版）を挿入しました（0〜\d+文字目）。/);
    const saved = parse(await readFile(draft(ID_004), 'utf8'));
    expect(saved.files[0].riskMeasures.acquisition.otherRisks.startsWith('＜中間サーバー・ソフトウェアにおける措置＞')).toBe(true);
    expect(saved.snippetUses.at(-1)).toMatchObject({ pointer, snippet: 'chukan-sw-renkei', version: 1 });

    const refused = await pia(['snippet', 'insert', draft(ID_004), '/cover/publishedOn', 'chukan-sw-renkei']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('「表紙 > 公表日」は文章を書く項目ではないため、標準文を挿入できません。');
    expect((await pia(['snippet', 'insert', draft(ID_004), pointer])).code).toBe(2);
  });

  it('lists the drafts of a folder that use an old version (the bundled 001 still prints version 1 of one text)', async () => {
    await copySeed(temp.dir, ID_001);
    await copySeed(temp.dir, ID_004);
    const { code, out } = await pia(['snippet', 'outdated', temp.dir]);
    expect(code).toBe(0);
    expect(out).toContain(`${draft(ID_001)}: 新しい版がある標準文 1件`);
    expect(out).toContain('「中間サーバー・プラットフォームにおける措置（保管・消去におけるその他のリスク）」 第1版 → 第2版（挿入したまま）');
    expect(out).toContain(`${draft(ID_004)}: 古い版の標準文はありません。`);
  });

  it('updates 001 and 004 of before the renewal at once: grouped rows, 004’s hand-edited span left alone with the three versions, exit 1', async () => {
    const library = await bundledLibrary();
    await copySeed(temp.dir, ID_001);
    await copySeed(temp.dir, ID_004);
    await writeDraft(temp.dir, ID_001, 'yoshiki4', await kitakyushu001BeforeRenewal(library));
    await writeDraft(temp.dir, ID_004, 'yoshiki3', await ise004BeforeRenewal(library));
    expect((await pia(['revise', draft(ID_004), '-m', '更改前'], { env: AUTHOR })).code).toBe(0);

    const { code, out, err } = await pia(['snippet', 'update', temp.dir], { today: '2025-10-01' });
    expect(code).toBe(1);
    expect(out).toContain(`${draft(ID_001)}: 5か所を新しい版に置き換えました。`);
    expect(out).toContain(`${draft(ID_004)}: 2か所を新しい版に置き換えました。`);
    expect(out).toContain(`変更箇所の案（次に確定する版に、変更後を「${RENEWAL_SUMMARY}」として記録します）:`);
    // Every row of the proposals prints the summary as 変更後 (wrapped in its table cell).
    expect(out.match(/│ 自治体中間サーバ・プラット │/g)).toHaveLength(5 + 2);
    expect(err).toContain('置き換えなかった箇所 1件（手で直してから、もう一度実行してください）:');
    expect(err).toContain('は挿入後に手で直されているため、第2版に置き換えませんでした。');
    expect(err).toContain('    ── 挿入した版（第1版） ──');
    expect(err).toContain('    ── 今の記載 ──');
    expect(err).toContain('    ── 新しい版（第2版） ──');
    expect(err).toContain('    手で直した箇所: ［+及びクラウドサービス事業者］');

    // The next commit stores the grouped rows.
    const revised = await pia(['revise', draft(ID_004), '-m', '自治体中間サーバ・プラットフォーム更改', '--date', '2025-10-01'], { env: AUTHOR });
    expect(revised.out).toContain('第2版を作成しました（変更日 令和7年10月1日、変更箇所の案 2件）');
    const rows = JSON.parse((await pia(['rows', draft(ID_004), '2', '--json'])).out) as { rows: { after: string }[] };
    expect(rows.rows.map((row) => row.after)).toEqual([RENEWAL_SUMMARY, RENEWAL_SUMMARY]);

    // Nothing left to do but the hand-edited span, so a second run changes nothing and still says so.
    const second = await pia(['snippet', 'update', draft(ID_001)]);
    expect(second.code).toBe(0);
    expect(second.out).toContain('更新する標準文はありません。');
  });
});

describe('the data folder’s library in pia check and pia acknowledge', () => {
  it('warns where 004 cites a replaced document, and the WARN can be acknowledged', async () => {
    await copySeed(temp.dir, ID_004);
    const check = await pia(['check', '--today', '2025-10-01', draft(ID_004)]);
    expect(check.out).toContain('警告 [references.outdated]');
    const ack = await pia(['acknowledge', draft(ID_004), 'references.outdated', '-m', '第2.0版への見直しは次回の評価で行う']);
    expect(ack.code).toBe(0);
    const after = await pia(['check', '--today', '2025-10-01', draft(ID_004)]);
    expect(after.out).toMatch(/確認済み \[references\.outdated\].*（確認済み: 第2\.0版への見直しは次回の評価で行う）|確認済み \[references\.outdated\].*第2\.0版への見直しは次回の評価で行う/);
  });

  it('a file outside any data folder with a library gets no such finding', async () => {
    const { dir, cleanup } = await makeTempDir();
    try {
      const lone = await copySeed(dir, ID_004);
      expect((await pia(['check', '--today', '2025-10-01', lone])).out).not.toContain('references.outdated');
    } finally {
      await cleanup();
    }
  });
});
