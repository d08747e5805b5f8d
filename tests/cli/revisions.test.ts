import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squash } from '../helpers/render.js';
import { copySeed, makeTempDir } from '../helpers/seeds.js';
import { pia } from '../helpers/pia.js';

let temp: { dir: string; cleanup: () => Promise<void> };
let file: string;
beforeAll(async () => {
  temp = await makeTempDir();
  file = await copySeed(temp.dir, '004-ise-yobosesshu');
});
afterAll(() => temp.cleanup());

describe('pia revise / history / diff / status', () => {
  it('revise commits the draft; the first revision has no 変更箇所 rows', () => {
    const { code, out } = pia('revise', file, '-m', '令和7年8月19日公表版', '--author', '健康課');
    expect(code).toBe(0);
    expect(out).toContain('改訂1を作成しました（変更日 令和7年8月19日、変更箇所の案 0件）');
  });

  it('diff shows the draft’s changes against the latest revision as a table; --json for machines', async () => {
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('externalAudit: false', 'externalAudit: true').replace('headTitle: 健康課長', 'headTitle: 健康課課長'));
    const table = pia('diff', file);
    expect(table.code).toBe(0);
    expect(table.out).toContain('改訂1 → 作業中の評価書: 変更箇所 2件');
    expect(table.out).toMatch(/│ 項目 +│ 変更前の記載 +│ 変更後の記載 +│ 提出時期 +│/);
    expect(table.out).toMatch(/│ Ⅲ　リスク対策[^\n]*│ \[ \]外部監査 +│ \[○\]外部監査 +│ 事前 +│/);
    const json = pia('diff', file, '1', 'draft', '--json');
    const parsed = JSON.parse(json.out) as { rows: { pointer: string; timing: string }[] };
    expect(parsed.rows.map((r) => [r.pointer, r.timing])).toEqual([
      ['/basicInfo/department/headTitle', '事後'],
      ['/files/0/riskMeasures/audit/implementation', '事前'],
    ]);
  });

  it('revise --date stores the proposed rows; history lists both revisions', () => {
    expect(pia('revise', file, '-m', '外部監査の追加', '--date', '2025-10-01').out).toContain('改訂2を作成しました（変更日 令和7年10月1日、変更箇所の案 2件）');
    const { code, out } = pia('history', file);
    expect(code).toBe(0);
    expect(out).toMatch(/│ 1 +│ 令和7年8月19日 +│ 作成中 +│ 健康課 +│ .+│ 0件 +│ 令和7年8月19日公表版/);
    expect(out).toMatch(/│ 2 +│ 令和7年10月1日 +│ 作成中 .+│ 2件 +│ 外部監査の追加/);
    expect(pia('diff', file, '1', '2', '--json').out).toContain('"date": "2025-10-01"');
  });

  it('status marks a revision 提出済み and warns about rows whose 提出時期 contradicts the rule', async () => {
    const rowsFile = path.join(temp.dir, '004-ise-yobosesshu', 'revisions', '0002.rows.yaml');
    await writeFile(rowsFile, (await readFile(rowsFile, 'utf8')).replace('timing: 事前', 'timing: 事後'));
    const { code, out, err } = pia('status', file, '2', 'submitted');
    expect(code).toBe(0);
    expect(out).toContain('改訂2を「提出済み」にしました。');
    expect(err).toContain('提出時期の確認（1件）');
    expect(err).toContain('Ⅲ　リスク対策 ８．監査 実施の有無: ※の項目（重要な変更）ですが提出時期が「事後」です。');
    expect(pia('history', file).out).toMatch(/│ 2 +│ 令和7年10月1日 +│ 提出済み/);
  });

  it('render prints the submitted revision’s rows after the imported ones in the 変更箇所 pages', () => {
    const out = path.join(temp.dir, 'ise.pdf');
    expect(pia('render', file, '-o', out).code).toBe(0);
    // Rows are compared by where they are printed (page, then height on the page): pdftotext's reading order
    // within a page follows its own column grouping, not the table's rows.
    const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', out, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const places = (word: string): [number, number][] =>
      html.split('<page ').slice(1).flatMap((page, index) =>
        [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].filter((m) => m[2] === word).map((m): [number, number] => [index, Number(m[1])]),
      );
    const before = (a: [number, number], b: [number, number]): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
    const imported = places('令和7年8月19日');
    const generated = places('令和7年10月1日');
    expect(imported.length).toBeGreaterThan(0);
    expect(generated.length).toBeGreaterThan(0);
    const lastImported = imported.reduce((last, place) => (before(last, place) ? place : last));
    expect(generated.every((place) => before(lastImported, place))).toBe(true);
    const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    expect(text).toContain(squash('[○]外部監査'));
  });

  it('errors are Japanese messages with an exit code', () => {
    expect(pia('diff', file, '7', 'draft')).toMatchObject({ code: 1, err: expect.stringContaining('改訂7はありません') });
    expect(pia('revise', file)).toMatchObject({ code: 2, err: expect.stringContaining('-m') });
    expect(pia('status', file, '1', 'approved')).toMatchObject({ code: 2 });
  });
});
