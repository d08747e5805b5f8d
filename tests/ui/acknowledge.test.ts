import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { parse } from 'yaml';
import { openEditor, waitSaved } from './page-helpers.js';
import { useServerAndBrowser } from './hooks.js';

const shared = useServerAndBrowser();
let context: BrowserContext;
let page: Page;
beforeEach(async () => {
  context = await shared.browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

const ID = '004-ise-yobosesshu';
const COUNT = '/files/0/overview/consignment/status/count';
const REASON = '委託事項２は令和7年3月27日に削除済み。件数は次回の修正で直す';

const findings = (p: Page) => p.locator('pia-issue-list details.findings');
const countFinding = (p: Page) => findings(p).locator('li[data-rule="consignment.count"]');

describe('acknowledging a WARN in the editor', () => {
  it("acknowledges 004's consignment.count with a reason from the keyboard, keeps it across a reload, and withdraws it", async () => {
    await openEditor(page, shared.server.url, ID);
    const summary = findings(page).locator('summary');
    // 参考 depends on today's date (the annual-review reminder); the WARNs do not.
    await expect.poll(() => summary.textContent()).toMatch(/^整合性の確認：エラー 0件・注意 11件・参考 \d+件$/);
    await summary.click();
    const item = countFinding(page);

    // The reason box takes the focus, so everything below is typed on the keyboard. An empty reason is refused at
    // the box; Escape closes the form without recording anything.
    await item.getByRole('button', { name: '確認済みにする' }).click();
    const reason = item.getByLabel('確認済みとする理由');
    await reason.waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => item.getByRole('alert').textContent()).toBe('理由を入力してください。');
    await page.keyboard.press('Escape');
    await expect.poll(() => reason.count()).toBe(0);

    await item.getByRole('button', { name: '確認済みにする' }).click();
    await reason.waitFor();
    await page.keyboard.type(REASON);
    expect(await reason.inputValue()).toBe(REASON);
    await page.keyboard.press('Enter');
    await expect.poll(() => item.locator('.reason').textContent()).toBe(`確認済み：${REASON}`);
    await waitSaved(page);
    await expect
      .poll(() => summary.textContent())
      .toMatch(/^整合性の確認：エラー 0件・注意 10件・参考 \d+件・確認済み 1件$/);

    const saved = parse(await readFile(path.join(shared.server.dataDir, ID, 'assessment.yaml'), 'utf8'));
    expect(saved.acknowledgements).toEqual([{ ruleId: 'consignment.count', pointer: COUNT, reason: REASON }]);
    const checks = await page.request.get(`${shared.server.url}/api/assessments/${ID}/checks`);
    const { findings: served } = (await checks.json()) as { findings: { ruleId: string; acknowledged?: unknown }[] };
    expect(served.find((f) => f.ruleId === 'consignment.count')?.acknowledged).toEqual({ reason: REASON });

    await page.reload();
    await page.locator('pia-section').first().waitFor();
    await expect.poll(() => countFinding(page).locator('.reason').textContent()).toBe(`確認済み：${REASON}`);
    expect(await countFinding(page).locator('.severity').textContent()).toBe('確認済み');

    await findings(page).locator('summary').click();
    await countFinding(page).getByRole('button', { name: '確認を取り消す' }).click();
    await expect.poll(() => countFinding(page).getByRole('button', { name: '確認済みにする' }).count()).toBe(1);
    await waitSaved(page);
    const withdrawn = parse(await readFile(path.join(shared.server.dataDir, ID, 'assessment.yaml'), 'utf8'));
    expect(withdrawn.acknowledgements).toEqual([]);
  });
});
