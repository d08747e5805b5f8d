/** `pia new --from` and `pia migrate`, in-process on copies of the samples. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pia } from '../helpers/cli.js';
import { copySeed, makeTempDir } from '../helpers/seeds.js';

const AUTHOR = { PIA_AUTHOR: '健康課 伊勢' };

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());

describe('pia new --from', () => {
  it('copies 001 into a new folder, printing what it left blank; refuses to overwrite', async () => {
    const source = await copySeed(temp.dir, '001-kitakyushu-yobosesshu');
    const target = path.join(temp.dir, '005-kitakyushu-copy');
    const { code, out } = await pia(['new', '--from', source, '--title', '予防接種に関する事務（複製）', target]);
    expect(code).toBe(0);
    expect(out).toContain(`${target}/assessment.yaml を ${source} から複製しました（全項目評価書・様式４、様式の版 令和７年５月）。`);
    expect(out).toContain('引き継がなかった記載（8件。新しい評価書の記録として空にしました）:');
    expect(out).toContain('  表紙 > 公表日: 令和7年8月29日\n');
    expect(out).toContain('  Ⅵ　評価実施手続 > ３．第三者点検 > ①実施日: 令和5年1月6日\n');
    expect(out).toContain('  （別添３） 変更箇所: 177件\n');
    const copy = parse(await readFile(path.join(target, 'assessment.yaml'), 'utf8'));
    expect(copy.cover.title).toBe('予防接種に関する事務（複製）');
    expect(copy.cover.publishedOn).toBeNull();
    expect((await pia(['validate', target])).code).toBe(0);

    const again = await pia(['new', '--from', source, target]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('すでにファイルがあります。上書きはしません。');
  });

  it('moves the copy to another form revision with --revision and prints the migration report', async () => {
    const source = await copySeed(temp.dir, '002-nagaoka-covid19');
    const { code, out } = await pia(['new', '--from', source, '--revision', '令和7年5月', path.join(temp.dir, 'copy')]);
    expect(code).toBe(0);
    expect(out).toContain('様式の版の移行（平成30年５月 → 令和７年５月）: 確認が必要な箇所 1件');
    expect(out).toContain('「4情報（氏名、性別、生年月日、住所）」から「5情報（氏名、氏名の振り仮名、性別、生年月日、住所）」に変わります');
  });

  it('refuses an unknown form revision (exit 2) and the library’s folder name as the target', async () => {
    const source = await copySeed(temp.dir, '004-ise-yobosesshu');
    const unknown = await pia(['new', '--from', source, '--revision', '令和9年1月', path.join(temp.dir, 'x')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('様式の版「令和9年1月」はありません。使える版: 令和７年５月、令和６年10月、平成30年５月');
    const reserved = await pia(['new', '--from', source, path.join(temp.dir, 'snippets')]);
    expect(reserved.code).toBe(1);
    expect(reserved.err).toContain('「snippets」は標準文のライブラリのフォルダ名のため');
  });
});

describe('pia migrate', () => {
  it('moves the draft, keeping comments, prints the report, and a commit after it alone stores no row', async () => {
    const file = await copySeed(temp.dir, '004-ise-yobosesshu');
    expect((await pia(['revise', file, '-m', '令和7年8月19日公表版'], { env: AUTHOR })).code).toBe(0);
    const before = await readFile(file, 'utf8');
    const { code, out } = await pia(['migrate', file, '--to', '令和6年10月']);
    expect(code).toBe(0);
    expect(out).toContain(`${file} を様式の版 令和６年10月 に移行しました。`);
    expect(out).toMatch(/様式の版の移行（令和７年５月 → 令和６年10月）: 確認が必要な箇所 1件/);
    expect(out).toMatch(/「5情報」と書いている記載が\d+か所あります/);
    expect(out).toContain('様式の版の移行だけでは変更箇所の行はできません');
    const after = await readFile(file, 'utf8');
    expect(after).toContain('formRevision: 令和６年10月');
    expect(after.match(/^\s*#.*$/gm)).toEqual(before.match(/^\s*#.*$/gm));

    expect((await pia(['diff', file])).out).toContain('第1版 → 作業中の評価書: 変更箇所 0件');
    const revised = await pia(['revise', file, '-m', '様式の版の移行', '--date', '2025-10-01'], { env: AUTHOR });
    expect(revised.out).toContain('第2版を作成しました（変更日 令和7年10月1日、変更箇所の案 0件）');

    const same = await pia(['migrate', file, '--to', '令和６年10月']);
    expect(same.out).toContain('はすでに様式の版 令和６年10月 です。変更していません。');
  });

  it('asks for --to, and refuses a revision the form does not have', async () => {
    const file = await copySeed(temp.dir, '004-ise-yobosesshu');
    const missing = await pia(['migrate', file]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('移行先の様式の版を --to <様式の版> で指定してください');
    const unknown = await pia(['migrate', file, '--to', '令和8年4月']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('様式の版「令和8年4月」はありません。');
  });
});
