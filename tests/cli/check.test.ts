import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, seedFile } from '../helpers/seeds.js';
import { pia } from '../helpers/cli.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());

describe('pia check', () => {
  it('groups findings under their official section with file:line:column, and exits 0 when nothing is an ERROR', async () => {
    const { code, out } = await pia(['check', '--today', '2025-10-01', seedFile('004-ise-yobosesshu')]);
    expect(code).toBe(0);
    // Ten of the rules' WARNs, and the citation of the replaced ガバメントクラウド 利用基準 the data folder's
    // standard-text library declares (assessments/snippets).
    expect(out).toContain('エラー 0件、警告 11件、確認済み 0件、情報 0件');
    expect(out).toMatch(/警告 \[references\.outdated\] .*assessment\.yaml:\d+:\d+: Ⅲ　リスク対策 > ７．特定個人情報の保管・消去 > .*「ガバメントクラウドの利用に関する基準【第1\.0版】」を引用していますが/);
    const sections = out.split('\n').filter((line) => line.startsWith('  【'));
    expect(sections).toEqual(['  【Ⅱ　特定個人情報ファイルの概要】', '  【Ⅲ　リスク対策】', '  【（別添２） 変更箇所】']);
    expect(out).toMatch(
      /警告 \[consignment\.count\] .*assessment\.yaml:\d+:\d+: Ⅱ　特定個人情報ファイルの概要 > ４．特定個人情報ファイルの取扱いの委託 > 委託の有無 > 件数: 件数は2件ですが、委託事項は1件です。/,
    );
  });

  it('exits 1 when any assessment below the folder has an ERROR', async () => {
    const { code, out } = await pia(['check', '--today', '2025-10-01', 'assessments']);
    expect(code).toBe(1);
    expect(out).toMatch(/002-nagaoka-covid19\/assessment\.yaml: エラー 2件/);
    expect(out).toContain('エラー [required.empty]');
  });

  it('--json: the findings of every file as data, with line and column', async () => {
    const { code, out } = await pia(['check', '--json', '--today', '2025-10-01', seedFile('001-kitakyushu-yobosesshu')]);
    expect(code).toBe(0);
    const [report] = JSON.parse(out) as {
      file: string;
      form: string;
      findings: { ruleId: string; severity: string; line?: number; paths: string[] }[];
    }[];
    expect(report?.form).toBe('yoshiki4');
    expect(report?.findings.map((f) => f.ruleId)).toEqual([
      'procedure.bodyType',
      'dates.useAfterRetention',
      'history.order',
      'history.order',
    ]);
    expect(report?.findings[1]).toMatchObject({
      severity: 'WARN',
      paths: [
        'Ⅱ　特定個人情報ファイルの概要 > ３．特定個人情報の入手・使用 > ⑨使用開始日',
        'Ⅱ　特定個人情報ファイルの概要 > ２．基本情報 > ⑤保有開始日',
      ],
    });
    expect(report?.findings[1]?.line).toBeGreaterThan(0);
  });

  it('checks a draft that fails the schema without refusing it, and says so', async () => {
    const text = (await readFile(seedFile('004-ise-yobosesshu'), 'utf8')).replace(
      'publishedOn: 2025-08-19',
      'publishedOn: 令和7年8月19日',
    );
    const file = path.join(temp.dir, 'assessment.yaml');
    await writeFile(file, text);
    const { out } = await pia(['check', '--today', '2025-10-01', file]);
    expect(out).toContain('スキーマの検証で1件の問題があります');
    expect(out).toContain('[consignment.count]');
  });

  it('refuses a --today that is not an ISO date', async () => {
    const { code, err } = await pia(['check', '--today', '令和7年10月1日', 'assessments']);
    expect(code).toBe(2);
    expect(err).toContain('--today は YYYY-MM-DD');
  });
});
