import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySeed, makeTempDir } from '../helpers/seeds.js';
import { pia } from '../helpers/cli.js';

const COUNT = '/files/0/overview/consignment/status/count';
const REASON = '委託事項２は令和7年3月27日に削除済み。件数は次回の修正で直す';

let temp: { dir: string; cleanup: () => Promise<void> };
let file: string;
beforeAll(async () => {
  temp = await makeTempDir();
  file = await copySeed(temp.dir, '004-ise-yobosesshu');
});
afterAll(() => temp.cleanup());

describe('pia acknowledge and pia check', () => {
  it('refuses unknown rules, ERROR rules, empty reasons and WARNs the document does not have, leaving the file as it was', async () => {
    const before = await readFile(file, 'utf8');
    const unknown = await pia(['acknowledge', file, 'consignment.cnt', '-m', REASON]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('「consignment.cnt」という点検規則はありません');
    const error = await pia(['acknowledge', file, 'required.empty', '-m', REASON]);
    expect(error.code).toBe(1);
    expect(error.err).toContain('[required.empty] はエラーの規則です。確認済みにできるのは警告だけです');
    const blank = await pia(['acknowledge', file, 'consignment.count', '-m', '　']);
    expect(blank.code).toBe(1);
    expect(blank.err).toContain('理由を -m "<理由>" で指定してください');
    const absent = await pia(['acknowledge', file, 'provision.count', '-m', REASON, '--today', '2025-10-01']);
    expect(absent.code).toBe(1);
    expect(absent.err).toContain('[provision.count] の警告はありません');
    const wrongItem = await pia(['acknowledge', file, 'consignment.count', '--pointer', '/cover/title', '-m', REASON]);
    expect(wrongItem.err).toContain(`この規則の今の警告の項目: ${COUNT}`);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('appends the acknowledgement to the draft, keeping its comments, and check shows it as 確認済み with the reason', async () => {
    const before = await readFile(file, 'utf8');
    const done = await pia([
      'acknowledge',
      file,
      'consignment.count',
      '--pointer',
      COUNT,
      '-m',
      REASON,
      '--today',
      '2025-10-01',
    ]);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(done.out).toContain('[consignment.count] の警告1件を確認済みにしました');
    const after = await readFile(file, 'utf8');
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect(after.slice(before.trimEnd().length)).toBe(
      `\nacknowledgements:\n  - ruleId: consignment.count\n    pointer: ${COUNT}\n    reason: ${REASON}\n`,
    );
    expect((await pia(['validate', file])).code).toBe(0);

    const check = await pia(['check', '--today', '2025-10-01', file]);
    expect(check.code).toBe(0);
    expect(check.out).toContain('エラー 0件、警告 9件、確認済み 1件、情報 0件');
    expect(check.out).toMatch(
      /確認済み \[consignment\.count\] .*件数は2件ですが、委託事項は1件です。（理由: 委託事項２は/,
    );
    const [report] = JSON.parse((await pia(['check', '--json', '--today', '2025-10-01', file])).out) as {
      findings: { ruleId: string; acknowledged?: { reason: string } }[];
    }[];
    expect(report?.findings.find((f) => f.ruleId === 'consignment.count')?.acknowledged).toEqual({ reason: REASON });
    expect(report?.findings.filter((f) => f.acknowledged)).toHaveLength(1);
  });

  it('gives an existing acknowledgement a new reason instead of adding a second one, and pia show never prints it', async () => {
    const done = await pia(['acknowledge', file, 'consignment.count', '--pointer', COUNT, '-m', '件数は公表済みのとおり']);
    expect(done.code).toBe(0);
    expect(done.out).toContain('理由を書き換えました');
    const text = await readFile(file, 'utf8');
    expect(text.match(/ruleId:/g)).toHaveLength(1);
    expect(text).toContain('reason: 件数は公表済みのとおり');
    const show = await pia(['show', '--full', file]);
    expect(show.code).toBe(0);
    expect(show.out).not.toContain('件数は公表済みのとおり');
    expect(show.out).not.toContain('確認済みの警告');
  });
});
