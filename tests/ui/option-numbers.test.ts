import { describe, expect, it } from 'vitest';
import { field, openEditor, reveal } from './page-helpers.js';
import { usePagePerTest, useServerAndBrowser } from './hooks.js';

const shared = useServerAndBrowser();
const current = usePagePerTest(shared);

describe('the editor numbers ＜選択肢＞ options as the PDF prints them', () => {
  it('keeps the mixed 1） / 2) of Ⅲ３ 特定個人情報の使用の記録 and the 1) of Ⅰ１③, and heads Ⅲ with its ※', async () => {
    await openEditor(current.page, shared.server.url, '001-kitakyushu-yobosesshu');
    // The editor renders items as they are reached: jump to each as a user would.
    await reveal(current.page, '/files/0/riskMeasures/use/risk2/useRecord/value');
    const record = field(current.page, '/files/0/riskMeasures/use/risk2/useRecord/value');
    expect((await record.locator('label.option').allTextContents()).map((text) => text.trim())).toEqual([
      '1） 記録を残している',
      '2) 記録を残していない',
    ]);
    await reveal(current.page, '/basicInfo/business/targetCount');
    const target = field(current.page, '/basicInfo/business/targetCount');
    expect(await target.locator('option').allTextContents()).toContain('5) 30万人以上');
    const headings = await current.page.locator('pia-section h2').allTextContents();
    expect(headings.some((text) => text.startsWith('Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策 ※（７．リスク１⑨を除く。）'))).toBe(true);
  });
});
