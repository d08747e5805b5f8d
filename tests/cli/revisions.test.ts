import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/workflows/index.js';
import { pia } from '../helpers/cli.js';
import { squash } from '../helpers/render.js';
import { copySeed, makeTempDir } from '../helpers/seeds.js';

const AUTHOR = { PIA_AUTHOR: '健康課 伊勢' };
const REVIEWER = { PIA_AUTHOR: '健康課長 確認' };

let temp: { dir: string; cleanup: () => Promise<void> };
let file: string;
beforeAll(async () => {
  temp = await makeTempDir();
  file = await copySeed(temp.dir, '004-ise-yobosesshu');
});
afterAll(() => temp.cleanup());

/** The draft's PDF as `pia render` writes it, as text without spaces. */
const renderedText = async (): Promise<string> => {
  const out = path.join(temp.dir, 'ise.pdf');
  expect((await pia(['render', file, '-o', out])).code).toBe(0);
  return squash(execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
};

/** 確認依頼 by the author, 承認 by someone else: what the state table asks before 提出. */
const approve = async (n: string, target = file): Promise<void> => {
  expect((await pia(['status', target, n, 'request'], { env: AUTHOR })).code).toBe(0);
  expect((await pia(['status', target, n, 'approve'], { env: REVIEWER })).code).toBe(0);
};

const edit = async (target: string, from: string, to: string): Promise<void> => {
  const text = await readFile(target, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture lacks ${from}`);
  await writeFile(target, text.replace(from, to));
};

describe('pia revise / history / diff / rows / status', () => {
  it('revise needs a name for the record: --author or PIA_AUTHOR, never the OS user name', async () => {
    const refused = await pia(['revise', file, '-m', '令和7年8月19日公表版']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--author "<名前>" か環境変数 PIA_AUTHOR');
    expect((await pia(['history', file])).out).toContain('まだ改訂はありません');
  });

  it('revise commits the draft; the first revision has no 変更箇所 rows and its 変更日 is the cover’s 公表日', async () => {
    const { code, out } = await pia(['revise', file, '-m', '令和7年8月19日公表版'], { env: AUTHOR });
    expect(code).toBe(0);
    expect(out).toContain('第1版を作成しました（変更日 令和7年8月19日、変更箇所の案 0件）');
  });

  it('diff shows the draft’s changes against the latest revision as a table (a new 公表日 is no row); --json for machines', async () => {
    await edit(file, 'externalAudit: false', 'externalAudit: true');
    await edit(file, 'headTitle: 健康課長', 'headTitle: 健康課課長');
    await edit(file, 'publishedOn: 2025-08-19', 'publishedOn: 2025-10-01');
    const table = await pia(['diff', file]);
    expect(table.code).toBe(0);
    expect(table.out).toContain('第1版 → 作業中の評価書: 変更箇所 2件');
    expect(table.out).toMatch(/│ 変更日 +│ 項目 +│ 変更前の記載 +│ 変更後の記載 +│ 提出時期 +│/);
    expect(table.out).toMatch(/│ 令和7年10月1日 +│ Ⅲ　リスク対策[^\n]*│ \[ \]外部監査 +│ \[○\]外部監査 +│ 事前 +│/);
    const parsed = JSON.parse((await pia(['diff', file, '1', 'draft', '--json'])).out) as {
      rows: { pointer: string; timing: string }[];
      editable: boolean;
    };
    expect(parsed.rows.map((r) => [r.pointer, r.timing])).toEqual([
      ['/basicInfo/department/headTitle', '事後'],
      ['/files/0/riskMeasures/audit/implementation', '事前'],
    ]);
    expect(parsed.editable).toBe(false);
  });

  it('revise stores the proposed rows inside the revision, dated with the new 公表日; history lists both', async () => {
    const revised = await pia(['revise', file, '-m', '外部監査の追加', '--author', '健康課 山田']);
    expect(revised.out).toContain('第2版を作成しました（変更日 令和7年10月1日、変更箇所の案 2件）');
    expect(revised.err).toBe('');
    const { code, out } = await pia(['history', file]);
    expect(code).toBe(0);
    expect(out).toMatch(/│ 1 +│ 令和7年8月19日 +│ 作成中 +│ 健康課 伊勢 +│ .+│ 0件 +│ 令和7年8月19日公表版/);
    expect(out).toMatch(/│ 2 +│ 令和7年10月1日 +│ 作成中 .+│ 2件 +│ 外部監査の追加/);
    const frozen = await readFile(path.join(temp.dir, '004-ise-yobosesshu', 'revisions', '0002.yaml'), 'utf8');
    expect(frozen.indexOf('rows:')).toBeLessThan(frozen.indexOf('assessment:'));
    expect((await pia(['diff', file, '1', '2', '--json'])).out).toContain('"date": "2025-10-01"');
  });

  it('rows --set replaces the rows of a revision still 作成中', async () => {
    const rowsFile = path.join(temp.dir, 'rows.json');
    const current = JSON.parse((await pia(['rows', file, '2', '--json'])).out) as { rows: { timing: string }[] };
    const changed = current.rows.map((row) => (row.timing === '事前' ? { ...row, timing: '事後' } : row));
    await writeFile(rowsFile, JSON.stringify({ rows: changed }));
    const saved = await pia(['rows', file, '2', '--set', rowsFile]);
    expect(saved).toMatchObject({ code: 0, out: expect.stringContaining('第2版の変更箇所を保存しました（2件）') });
  });

  it('status without a revision lists each one’s state and the steps it may take, with what they ask for', async () => {
    const { code, out } = await pia(['status', file]);
    expect(code).toBe(0);
    expect(out).toContain('第1版 作成中（修正、変更日 令和7年8月19日）');
    expect(out).toContain('  request: 確認を依頼する（作成者）');
    expect(out).toContain('  withdraw: 取り下げる（作成者）\n    -m "<理由>" が必要です');
    const own = await pia(['status', file, '1', 'request'], { env: AUTHOR });
    expect(own.out).toContain('第1版を「確認依頼中」にしました。');
    const refused = await pia(['status', file, '1', 'approve'], { env: AUTHOR });
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('承認は作成した人以外が行ってください。') });
    expect((await pia(['status', file])).out).toContain('    健康課 伊勢 さんは行えません');
    expect((await pia(['status', file, '1', 'approve', '--remark', '確認しました'], { env: REVIEWER })).code).toBe(0);
    expect((await pia(['history', file])).out).toMatch(/第1版 承認済み \d{4}-\d{2}-\d{2} \d{2}:\d{2} 健康課長 確認/);
  });

  it('status refuses without a name, then marks 提出済み with the log entry and warns about contradicting 提出時期', async () => {
    expect((await pia(['status', file, '1', 'submitted'])).code).toBe(2);
    expect((await pia(['status', file, '1', 'submitted'], { env: AUTHOR })).code).toBe(0);
    await approve('2');
    const { code, out, err } = await pia(['status', file, '2', 'submit', '--author', '健康課 山田']);
    expect(code).toBe(0);
    expect(out).toContain('第2版を「提出済み」にしました。');
    expect(err).toContain('提出時期の確認（1件）');
    expect(err).toContain('Ⅲ　リスク対策 ８．監査 実施の有無: ※の項目（重要な変更）ですが提出時期が「事後」です。');
    const history = (await pia(['history', file])).out;
    expect(history).toMatch(/│ 2 +│ 令和7年10月1日 +│ 提出済み/);
    expect(history).toMatch(/第2版 提出済み \d{4}-\d{2}-\d{2} \d{2}:\d{2} 健康課 山田/);
  });

  it('the rows of a submitted revision are frozen: rows --set is refused and the file is untouched', async () => {
    const rowsFile = path.join(temp.dir, 'rows.json');
    const before = JSON.parse((await pia(['rows', file, '2', '--json'])).out) as { rows: unknown[]; editable: boolean };
    expect(before.editable).toBe(false);
    const refused = await pia(['rows', file, '2', '--set', rowsFile]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('第2版は「提出済み」のため、変更箇所も内容も変更できません。');
    expect((JSON.parse((await pia(['rows', file, '2', '--json'])).out) as { rows: unknown[] }).rows).toEqual(before.rows);
  });

  it('render prints the submitted revision’s rows after the imported ones in the 変更箇所 pages', async () => {
    expect(await renderedText()).toContain(squash('[ ]外部監査'));
  });

  it('a status step the table does not have is refused, naming the possible ones; withdrawal needs a reason, kept', async () => {
    const back = await pia(['status', file, '2', 'draft'], { env: AUTHOR });
    expect(back.code).toBe(1);
    expect(back.err).toContain('第2版は「提出済み」です。「作成中」にはできません。この版でできる操作: 「公表済みにする」・「取り下げる」。');
    const noReason = await pia(['status', file, '2', 'withdrawn'], { env: AUTHOR });
    expect(noReason).toMatchObject({ code: 1, err: expect.stringContaining('理由を指定してください') });
    const withdrawn = await pia(['status', file, '2', 'withdrawn', '-m', '外部監査の契約が未締結のため'], { env: AUTHOR });
    expect(withdrawn.code).toBe(0);
    expect((await pia(['history', file])).out).toContain('第2版 取下げ');
    expect((await pia(['history', file])).out).toContain('（理由: 外部監査の契約が未締結のため）');
    // A withdrawn revision's rows are no longer printed.
    expect(await renderedText()).not.toContain(squash('[ ]外部監査'));
  });

  it('errors are Japanese messages with an exit code', async () => {
    expect(await pia(['diff', file, '7', 'draft'])).toMatchObject({ code: 1, err: expect.stringContaining('改訂7はありません') });
    expect(await pia(['revise', file], { env: AUTHOR })).toMatchObject({ code: 2, err: expect.stringContaining('-m') });
    expect(await pia(['status', file, '1', 'approval-please'], { env: AUTHOR })).toMatchObject({ code: 2, err: expect.stringContaining('request（確認を依頼する）') });
    expect(await pia(['revise', file, '-m', 'x', '--date', '2025-13-01'], { env: AUTHOR })).toMatchObject({
      code: 2,
      err: expect.stringContaining('変更日は YYYY-MM-DD の形式の実在する日付'),
    });
  });
});

describe('pia status: the ERROR gate applies to the CLI as to the editor', () => {
  it('refuses 提出済み while pia check reports ERRORs, listing them; the revision stays 作成中', async () => {
    const nagaoka = await copySeed(temp.dir, '002-nagaoka-covid19');
    expect((await pia(['check', '--today', '2025-10-01', nagaoka])).code).toBe(1);
    expect((await pia(['revise', nagaoka, '-m', '取り込み時点の版'], { env: AUTHOR })).code).toBe(0);
    expect((await pia(['status', nagaoka, '1', 'request'], { env: AUTHOR })).code).toBe(0);
    expect((await pia(['status', nagaoka, '1', 'approve'], { env: REVIEWER })).code).toBe(0);
    const refused = await pia(['status', nagaoka, '1', 'submitted'], { env: AUTHOR });
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/整合性チェックで誤り（エラー）が\d+件見つかったため、第1版を「提出済み」にできません。/);
    expect((await pia(['history', nagaoka])).out).toMatch(/│ 1 +│ 令和5年6月8日 +│ 承認済み/);
  });
});

describe('pia revise: the default 変更日', () => {
  it('is today in Japan when the draft has no 公表日: 16:00 UTC on 30 September is already 1 October', async () => {
    const dir = await makeTempDir();
    try {
      const target = await copySeed(dir.dir, '004-ise-yobosesshu');
      await edit(target, 'publishedOn: 2025-08-19', 'publishedOn: null');
      const clock = fixedClock(new Date('2025-09-30T16:00:00Z'));
      const done = await pia(['revise', target, '-m', '公表日未定の版'], { env: AUTHOR, clock });
      expect(done.out).toContain('第1版を作成しました（変更日 令和7年10月1日、');
    } finally {
      await dir.cleanup();
    }
  });
});

describe('pia revise: 変更日 warnings', () => {
  it('warns when the 変更日 is earlier than the previous revision’s or than rows already printed', async () => {
    const dir = await makeTempDir();
    try {
      const target = await copySeed(dir.dir, '004-ise-yobosesshu');
      await pia(['revise', target, '-m', '公表版'], { env: AUTHOR });
      await edit(target, 'headTitle: 健康課長', 'headTitle: 健康課課長');
      const early = await pia(['revise', target, '-m', '遡った版', '--date', '2025-03-01'], { env: AUTHOR });
      expect(early.code).toBe(0);
      expect(early.err).toContain('注意: 変更日 令和7年3月1日 が、前の版（第1版）の変更日 令和7年8月19日 より前です。');
    } finally {
      await dir.cleanup();
    }
  });
});
