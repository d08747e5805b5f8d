import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { openEditor, waitSaved } from './page-helpers.js';
import { usePagePerTest, useServerAndBrowser } from './hooks.js';

const shared = useServerAndBrowser();
const current = usePagePerTest(shared, { quick: true });

const ID = '004-ise-yobosesshu';
const COUNT = '/files/0/overview/consignment/status/count';
const REASON = '委託事項２は令和7年3月27日に削除済み。件数は次回の修正で直す';

const findings = (p: Page) => p.locator('pia-issue-list details.findings');
const countFinding = (p: Page) => findings(p).locator('li[data-rule="consignment.count"]');

describe('acknowledging a WARN in the editor', () => {
  it("acknowledges 004's consignment.count with a reason from the keyboard, keeps it across a reload, and withdraws it", async () => {
    await openEditor(current.page, shared.server.url, ID);
    const summary = findings(current.page).locator('summary');
    // 参考 depends on today's date (the annual-review reminder); the WARNs do not. Ten of the rules, and the citation
    // of a replaced document the data folder's standard-text library declares (references.outdated).
    await expect.poll(() => summary.textContent()).toMatch(/^整合性の確認：エラー 0件・注意 11件・参考 \d+件$/);
    await summary.click();
    const item = countFinding(current.page);

    // The reason box takes the focus, so everything below is typed on the keyboard. An empty reason is refused at
    // the box; Escape closes the form without recording anything.
    await item.getByRole('button', { name: '確認済みにする' }).click();
    const reason = item.getByLabel('確認済みとする理由');
    await reason.waitFor();
    await current.page.keyboard.press('Enter');
    await expect.poll(() => item.getByRole('alert').textContent()).toBe('理由を入力してください。');
    await current.page.keyboard.press('Escape');
    await expect.poll(() => reason.count()).toBe(0);

    await item.getByRole('button', { name: '確認済みにする' }).click();
    await reason.waitFor();
    await current.page.keyboard.type(REASON);
    expect(await reason.inputValue()).toBe(REASON);
    await current.page.keyboard.press('Enter');
    await expect.poll(() => item.locator('.reason').textContent()).toBe(`確認済み：${REASON}`);
    await waitSaved(current.page);
    await expect
      .poll(() => summary.textContent())
      .toMatch(/^整合性の確認：エラー 0件・注意 10件・参考 \d+件・確認済み 1件$/);

    const saved = parse(await readFile(path.join(shared.server.dataDir, ID, 'assessment.yaml'), 'utf8'));
    expect(saved.acknowledgements).toEqual([{ ruleId: 'consignment.count', pointer: COUNT, reason: REASON }]);
    const checks = await current.page.request.get(`${shared.server.url}/api/assessments/${ID}/checks`);
    const { findings: served } = (await checks.json()) as { findings: { ruleId: string; acknowledged?: unknown }[] };
    expect(served.find((f) => f.ruleId === 'consignment.count')?.acknowledged).toEqual({ reason: REASON });

    await current.page.reload();
    await current.page.locator('pia-section').first().waitFor();
    await expect.poll(() => countFinding(current.page).locator('.reason').textContent()).toBe(`確認済み：${REASON}`);
    expect(await countFinding(current.page).locator('.severity').textContent()).toBe('確認済み');

    await findings(current.page).locator('summary').click();
    await countFinding(current.page).getByRole('button', { name: '確認を取り消す' }).click();
    await expect.poll(() => countFinding(current.page).getByRole('button', { name: '確認済みにする' }).count()).toBe(1);
    await waitSaved(current.page);
    const withdrawn = parse(await readFile(path.join(shared.server.dataDir, ID, 'assessment.yaml'), 'utf8'));
    expect(withdrawn.acknowledgements).toEqual([]);
  });
});
