import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { autosaveSoon, input, openEditor, waitSaved } from './page-helpers.js';
import { useServerAndBrowser } from './hooks.js';

const ID = '002-nagaoka-covid19';
const NAME = '/basicInfo/business/name';

const shared = useServerAndBrowser();

const commit = async (page: Page, message: string, changeDate: string): Promise<void> => {
  await page.getByRole('button', { name: '版を確定' }).click();
  const dialog = page.locator('pia-commit-dialog dialog[open]');
  await dialog.locator('#message').fill(message);
  // The server's default 変更日 arrives first; the officer then picks another.
  await expect.poll(() => dialog.locator('#change-date').inputValue()).not.toBe('');
  await dialog.locator('#change-date').fill(changeDate);
  await dialog.locator('#author').fill('長岡市 健康課');
  await dialog.getByRole('button', { name: '確定する' }).click();
  await dialog.waitFor({ state: 'detached' });
};

describe('revisions and compare in Chromium', () => {
  it('commits two revisions and shows the changed item as a 変更箇所 row and side by side', async () => {
    const page = await shared.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
    await openEditor(page, shared.server.url, ID);
    await autosaveSoon(page);
    await commit(page, '取り込み時点の版', '2023-06-08');
    await page.locator('pia-editor .notice', { hasText: '第1版を確定しました。' }).waitFor();

    const name = await input(page, NAME).inputValue();
    await input(page, NAME).fill(`${name}（追加接種を含む）`);
    await waitSaved(page);
    await commit(page, '事務の名称に追加接種を明記', '2025-04-01');
    await page.locator('pia-editor .notice', { hasText: '第2版を確定しました。' }).waitFor();

    await page.getByRole('link', { name: '版の比較' }).click();
    await page.waitForURL(/\/compare$/);
    const table = page.locator('pia-change-table table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    // The officer may rewrite every text of the row, so the proposal fills its text boxes.
    expect(await page.getByLabel('項目（1行目）', { exact: true }).inputValue()).toContain('事務の名称');
    expect(await page.getByLabel('変更後の記載（1行目）', { exact: true }).inputValue()).toContain('（追加接種を含む）');
    expect(await rows.first().innerText()).toContain('令和7年4月1日');
    const inserted = page.locator('pia-compare article .after ins');
    expect(await inserted.allInnerTexts()).toContain('（追加接種を含む）');

    const explanation = page.getByLabel('提出時期に係る説明（1行目）', { exact: true });
    await explanation.fill('事務の範囲の明確化であり、重要な変更にあたらない。');
    await page.getByRole('button', { name: '変更箇所を保存' }).click();
    await page.locator('pia-compare [role=status]', { hasText: '変更箇所を保存しました。' }).waitFor();

    // The confirmed rows are stored with revision 2: a fresh compare shows the officer's explanation, not the proposal.
    await page.reload();
    await page.locator('pia-change-table table tbody tr').first().waitFor();
    expect(await page.getByLabel('提出時期に係る説明（1行目）', { exact: true }).inputValue()).toBe(
      '事務の範囲の明確化であり、重要な変更にあたらない。',
    );

    // 002 has ERROR-level findings, so the server refuses to mark it 提出済み and the page lists why.
    const checks = await page.request.get(`${shared.server.url}/api/assessments/${ID}/checks`);
    const errors = ((await checks.json()) as { findings: { severity: string }[] }).findings.filter((f) => f.severity === 'ERROR');
    expect(errors.length).toBeGreaterThan(0);
    const history = page.locator('pia-revision-history');
    const take = async (name: string, by: string): Promise<void> => {
      await history.locator('tbody tr').last().getByRole('button', { name }).click();
      const step = history.locator('dialog[open]');
      await step.getByLabel('操作する人の名前').fill(by);
      await step.getByRole('button', { name }).click();
    };
    // The internal review comes first: asked for by the officer, approved by someone else.
    await take('確認を依頼する', '長岡市 健康課');
    await history.locator('[role=status]', { hasText: '「確認を依頼する」を行いました（確認依頼中）' }).waitFor();
    await take('承認する', '長岡市 健康課長');
    await history.locator('[role=status]', { hasText: '「承認する」を行いました（承認済み）' }).waitFor();
    await take('提出済みにする', '長岡市 健康課');
    await history.locator('[role=alert]').waitFor();
    expect(await history.locator('[role=alert] li').count()).toBe(errors.length);
    expect(await history.locator('tbody tr').last().locator('.tag').textContent()).toBe('承認済み');
    await page.close();
  });

  it('says so when the compare page\'s code cannot be loaded, and shows the page once it can', async () => {
    // The compare page is a chunk of its own, loaded when first opened (ui/components/pia-app/page-chunks.ts).
    const page = await shared.browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
    const chunk = /\/assets\/pia-compare-[^/]+\.js$/;
    await page.route(chunk, (route) => route.abort());
    await page.goto(`${shared.server.url}/assessments/${ID}/compare`);
    await page.getByRole('alert').filter({ hasText: 'この画面を読み込めませんでした。ページを再読み込みしてください。' }).waitFor();
    await page.unroute(chunk);
    await page.reload();
    await page.getByRole('heading', { name: /^版の比較/ }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });
});
