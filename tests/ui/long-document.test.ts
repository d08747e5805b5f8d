import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { usePagePerTest, useServerAndBrowser } from './hooks.js';
import { field, focusedPointer, input, openEditor, waitSaved } from './page-helpers.js';

const shared = useServerAndBrowser();
const current = usePagePerTest(shared, { quick: true });

/** The 全項目 sample: 72 printed pages, and a 変更箇所 history of 177 imported rows. */
const SAMPLE = '001-kitakyushu-yobosesshu';
const LONG_TEXT = '/files/0/riskMeasures/network/risk4/measures';
const FIELDS = 'pia-field-text, pia-field-choice, pia-field-checks';

type Row = Record<string, string | null>;

const draft = async (): Promise<{ changeHistory: Row[]; files: { riskMeasures: { network: { risk4: { measures: string } } } }[] }> =>
  parse(await readFile(path.join(shared.server.dataDir, SAMPLE, 'assessment.yaml'), 'utf8'));

const outlineButton = (page: Page, label: RegExp) =>
  page.locator('aside pia-outline button').filter({ hasText: label }).first();

const historyTable = (page: Page) => page.locator('[data-pointer="/changeHistory"] pia-entry-table');

const openHistory = async (page: Page): Promise<void> => {
  await openEditor(page, shared.server.url, SAMPLE);
  await outlineButton(page, /（別添３）\s*変更箇所/).click();
  await historyTable(page).locator('tr[data-row="176"]').waitFor();
};

describe('the editor of a long document', () => {
  it('renders a part far below only when it is reached, and the 項目一覧 jumps there and lets the user edit it', async () => {
    const { page } = current;
    await openEditor(page, shared.server.url, SAMPLE);
    await input(page, '/cover/title').waitFor();
    // Ⅲ is thousands of pixels below the cover: nothing of it exists yet.
    expect(await field(page, LONG_TEXT).count()).toBe(0);
    // Nor any item of the parts below the first screen: each holds one placeholder of about their height.
    const lastPart = page.locator('pia-section').last();
    expect(await lastPart.locator('pia-item').count()).toBe(0);
    expect(await lastPart.locator('.placeholder').count()).toBe(1);
    expect(await lastPart.locator('.placeholder').evaluate((element) => element.getBoundingClientRect().height)).toBeGreaterThan(1000);

    await outlineButton(page, /情報提供ネットワークシステムとの接続/).click();
    await expect.poll(() => focusedPointer(page)).toMatch(/^\/files\/0\/riskMeasures\/network\//);
    const text = input(page, LONG_TEXT);
    await text.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('（令和7年度に再点検）');
    await waitSaved(page);
    const saved = await draft();
    expect(saved.files[0]!.riskMeasures.network.risk4.measures).toMatch(/（令和7年度に再点検）$/);
  });

  it('shows the 変更箇所 history as a read-only table and edits one row through its edit action', async () => {
    const { page } = current;
    const before = await draft();
    await openHistory(page);
    const table = historyTable(page);
    expect(await table.locator('tbody tr[data-row]').count()).toBe(177);
    expect(await table.locator(FIELDS).count()).toBe(0);
    const row = table.locator('tr[data-row="4"]');
    expect(await row.locator('td.item').textContent()).toBe(before.changeHistory[4]!['item']);

    await table.getByRole('button', { name: '変更箇所5を編集' }).click();
    // Only that row opens (its 変更日, the 変更日 as printed, 項目, 変更前, 変更後, 提出時期, 説明), with the keyboard in its first field.
    await expect.poll(() => table.locator(FIELDS).count()).toBe(7);
    expect(await focusedPointer(page)).toBe('/changeHistory/4/date');
    await input(page, '/changeHistory/4/explanation').fill('誤記の訂正のため');
    await table.getByRole('button', { name: '変更箇所5の編集を閉じる' }).click();
    await expect.poll(() => table.locator('tr[data-row="4"] td.explanation').textContent()).toBe('誤記の訂正のため');
    expect(await table.locator(FIELDS).count()).toBe(0);
    expect(await page.evaluate(`(() => {
      let e = document.activeElement;
      while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
      return e.getAttribute('aria-label');
    })()`)).toBe('変更箇所5を編集');

    await waitSaved(page);
    const after = await draft();
    expect(after.changeHistory[4]).toEqual({ ...before.changeHistory[4], explanation: '誤記の訂正のため' });
    expect(after.changeHistory.filter((_, index) => index !== 4)).toEqual(before.changeHistory.filter((_, index) => index !== 4));

    // A row added at the end opens for editing at once; removing it (after confirming) takes it away again.
    await table.getByRole('button', { name: '変更箇所を追加' }).click();
    await expect.poll(() => focusedPointer(page)).toBe('/changeHistory/177/date');
    page.once('dialog', (dialog) => void dialog.accept());
    await table.getByRole('button', { name: '変更箇所178を削除' }).click();
    await expect.poll(() => table.locator('tbody tr[data-row]').count()).toBe(177);
    await waitSaved(page);
    expect((await draft()).changeHistory).toHaveLength(177);
  });

  it('marks a history row with an issue, and the issue list opens that row at the field', async () => {
    const { page } = current;
    await openHistory(page);
    const table = historyTable(page);
    await table.getByRole('button', { name: '変更箇所3を編集' }).click();
    await input(page, '/changeHistory/2/timing').fill('いつか');
    await table.getByRole('button', { name: '変更箇所3の編集を閉じる' }).click();
    // Validated off the main thread, with the same schema as the server.
    await expect.poll(() => table.locator('tr[data-row="2"]').getAttribute('class')).toBe('invalid');
    expect(await table.locator('tr.issues').textContent()).toContain('提出時期：＜選択肢＞にない値です:「いつか」');

    await page.locator('pia-issue-list details.issues summary').click();
    await page.locator('pia-issue-list details.issues li button.reveal').first().click();
    await expect.poll(() => focusedPointer(page)).toBe('/changeHistory/2/timing');
    expect(await input(page, '/changeHistory/2/timing').inputValue()).toBe('いつか');
  });
});
