import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAssessment } from '../../src/store/index.js';
import { makeTempDir, seedFile } from '../helpers/seeds.js';
import { pia } from '../helpers/cli.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());

describe('pia', () => {
  it('validate: exit 1 and every error with file:line:column, item path and message', async () => {
    const text = (await readFile(seedFile('004-ise-yobosesshu'), 'utf8'))
      .replace('reconsignment: 再委託しない', 'reconsignment: 再委託あり')
      .replace('publishedOn: 2025-08-19', 'publishedOn: 令和7年8月19日');
    const file = path.join(temp.dir, 'assessment.yaml');
    await writeFile(file, text);
    const { code, err } = await pia(['validate', file]);
    expect(code).toBe(1);
    expect(err).toContain('2件の問題があります');
    expect(err).toMatch(/assessment\.yaml:\d+:\d+: 表紙 > 公表日: 日付は YYYY-MM-DD の形式で/);
    expect(err).toMatch(/assessment\.yaml:\d+:\d+: Ⅱ　特定個人情報ファイルの概要 > ４．特定個人情報ファイルの取扱いの委託 > 委託事項1 > ④再委託の有無: ＜選択肢＞にない値です:「再委託あり」/);
  });

  it('validate: a syntax error is a message, never a stack trace', async () => {
    const file = path.join(temp.dir, 'broken', 'assessment.yaml');
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file), { recursive: true }));
    await writeFile(file, 'form: [yoshiki3\n');
    const { code, err } = await pia(['validate', file]);
    expect(code).toBe(1);
    expect(err).toMatch(/assessment\.yaml:\d+:\d+: /);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['3', 'yoshiki3'],
    ['4', 'yoshiki4'],
  ])('new --form %s: a valid skeleton with every item present, and refuses to overwrite', async (option, form) => {
    const target = path.join(temp.dir, `new-${option}`);
    const created = await pia(['new', '--form', option, target]);
    expect(created.code).toBe(0);
    const loaded = await loadAssessment(path.join(target, 'assessment.yaml'));
    expect(loaded.form).toBe(form);
    expect(loaded.issues).toEqual([]);
    expect((await pia(['new', '--form', option, target])).code).toBe(1);
  });

  it.each([
    ['3', '令和６年10月', '令和6年10月'],
    ['4', '平成30年５月', '平成30年5月'],
  ])('new --form %s --revision %s: a blank document on that form revision, valid and named by its exact stamp', async (option, stamp, typed) => {
    const target = path.join(temp.dir, `revision-${option}`);
    const created = await pia(['new', '--form', option, '--revision', typed, target]);
    expect(created.code).toBe(0);
    expect(created.out).toContain(`様式の版 ${stamp}`);
    const loaded = await loadAssessment(path.join(target, 'assessment.yaml'));
    expect(loaded.data['formRevision']).toBe(stamp);
    expect(loaded.issues).toEqual([]);
  });

  it('new --revision: a form revision that does not exist is refused with the choices, and nothing is written', async () => {
    const target = path.join(temp.dir, 'revision-unknown');
    const refused = await pia(['new', '--form', '3', '--revision', '令和元年5月', target]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('様式の版「令和元年5月」はありません。使える版: 令和７年５月、令和６年10月、平成30年５月');
    await expect(readFile(path.join(target, 'assessment.yaml'))).rejects.toThrow();
  });

  it('show: reads like the published document, with official numbering and labels', async () => {
    const { code, out } = await pia(['show', seedFile('001-kitakyushu-yobosesshu')]);
    expect(code).toBe(0);
    const order = ['Ⅰ　基本情報', '①事務の名称　予防接種に関する事務', 'システム4\n', '①システムの名称　中間サーバー', '（別添１） 事務の内容', 'Ⅱ　特定個人情報ファイルの概要', '委託事項4', '移転先1 子ども家庭局子育て支援部子育て支援課', 'Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策', 'リスク７：　誤った情報を提供してしまうリスク', 'Ⅵ　評価実施手続', '（別添３） 変更箇所'];
    const positions = order.map((text) => out.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('list: one line per assessment with form, number, name, organisation and 公表日 in 和暦', async () => {
    const { code, out } = await pia(['list', 'assessments']);
    expect(code).toBe(0);
    expect(out).toContain('重点項目評価書・様式３\t4\t予防接種に関する事務　重点項目評価書\t伊勢市長\t令和7年8月19日\t検証OK');
  });

  it('rejects an unknown command with the usage', async () => {
    const { code, err } = await pia(['frobnicate', 'x']);
    expect(code).toBe(2);
    expect(err).toContain('使い方: pia');
  });
});
