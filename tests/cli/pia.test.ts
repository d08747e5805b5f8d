import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAssessment } from '../../src/store/index.js';
import { makeTempDir, seedFile } from '../helpers/seeds.js';
import { pia } from '../helpers/pia.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());

describe('pia', () => {
  it('validate: exit 0 for the bundled samples', () => {
    const { code, out } = pia('validate', 'assessments');
    expect(code).toBe(0);
    expect(out.match(/✓/g)).toHaveLength(3);
  });

  it('validate: exit 1 and every error with file:line:column, item path and message', async () => {
    const text = (await readFile(seedFile('004-ise-yobosesshu'), 'utf8'))
      .replace('reconsignment: 再委託しない', 'reconsignment: 再委託あり')
      .replace('publishedOn: 2025-08-19', 'publishedOn: 令和7年8月19日');
    const file = path.join(temp.dir, 'assessment.yaml');
    await writeFile(file, text);
    const { code, err } = pia('validate', file);
    expect(code).toBe(1);
    expect(err).toContain('2件の問題があります');
    expect(err).toMatch(/assessment\.yaml:\d+:\d+: 表紙 > 公表日: 日付は YYYY-MM-DD の形式で/);
    expect(err).toMatch(/assessment\.yaml:\d+:\d+: Ⅱ　特定個人情報ファイルの概要 > ４．特定個人情報ファイルの取扱いの委託 > 委託事項1 > ④再委託の有無: ＜選択肢＞にない値です:「再委託あり」/);
  });

  it('validate: a syntax error is a message, never a stack trace', async () => {
    const file = path.join(temp.dir, 'broken', 'assessment.yaml');
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file), { recursive: true }));
    await writeFile(file, 'form: [yoshiki3\n');
    const { code, err } = pia('validate', file);
    expect(code).toBe(1);
    expect(err).toMatch(/assessment\.yaml:\d+:\d+: /);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['3', 'yoshiki3'],
    ['4', 'yoshiki4'],
  ])('new --form %s: a valid skeleton with every item present, and refuses to overwrite', async (option, form) => {
    const target = path.join(temp.dir, `new-${option}`);
    const created = pia('new', '--form', option, target);
    expect(created.code).toBe(0);
    const loaded = await loadAssessment(path.join(target, 'assessment.yaml'));
    expect(loaded.form).toBe(form);
    expect(loaded.issues).toEqual([]);
    expect(pia('new', '--form', option, target).code).toBe(1);
  });

  it('show: reads like the published document, with official numbering and labels', () => {
    const { code, out } = pia('show', seedFile('001-kitakyushu-yobosesshu'));
    expect(code).toBe(0);
    const order = ['Ⅰ　基本情報', '①事務の名称　予防接種に関する事務', 'システム4\n', '①システムの名称　中間サーバー', '（別添１） 事務の内容', 'Ⅱ　特定個人情報ファイルの概要', '委託事項4', '移転先1 子ども家庭局子育て支援部子育て支援課', 'Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策', 'リスク７：　誤った情報を提供してしまうリスク', 'Ⅵ　評価実施手続', '（別添３） 変更箇所'];
    const positions = order.map((text) => out.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('list: one line per assessment with form, number, name, organisation and 公表日 in 和暦', () => {
    const { code, out } = pia('list', 'assessments');
    expect(code).toBe(0);
    expect(out).toContain('重点項目評価書・様式３\t4\t予防接種に関する事務　重点項目評価書\t伊勢市長\t令和7年8月19日\t検証OK');
  });

  it('rejects an unknown command with the usage', () => {
    const { code, err } = pia('frobnicate', 'x');
    expect(code).toBe(2);
    expect(err).toContain('使い方: pia');
  });
});
