/**
 * The reuse flows in Chromium: 複製 from the list, moving a draft to another form revision, inserting a standard
 * text at the cursor, and the 標準文の更新 page (004 and 001 as they read before the 中間サーバー・プラットフォーム
 * renewal). With PIA_SCREENSHOTS=<dir> each step is also saved as a PNG for a person to look at.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  NETWORK_OTHER,
  RENEWAL_SUMMARY,
  RENEWED_004,
  bundledLibrary,
  ise004BeforeRenewal,
  kitakyushu001BeforeRenewal,
  writeDraft,
} from '../helpers/renewal.js';
import { usePagePerTest, useServerAndBrowser } from './hooks.js';
import { field, focusedPointer, input, openEditor, reveal, waitSaved } from './page-helpers.js';

const shared = useServerAndBrowser();
const current = usePagePerTest(shared, { quick: true });

const ID_001 = '001-kitakyushu-yobosesshu';
const ID_002 = '002-nagaoka-covid19';
const ID_004 = '004-ise-yobosesshu';

const shot = async (page: Page, name: string): Promise<void> => {
  const dir = process.env['PIA_SCREENSHOTS'];
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
};

const onDisk = async (id: string): Promise<Record<string, any>> =>
  parse(await readFile(path.join(shared.server.dataDir, id, 'assessment.yaml'), 'utf8')) as Record<string, any>;

describe('複製 from the list', () => {
  it('shows what the copy leaves blank and the migration report for another revision, then opens the new draft', async () => {
    const { page } = current;
    await page.goto(`${shared.server.url}/`);
    const row = page.locator('pia-assessment-list tbody tr', { hasText: '北九州市' });
    await row.getByRole('button', { name: '複製' }).click();
    const dialog = page.locator('pia-copy-dialog dialog');
    await dialog.locator('ul.cleared li').first().waitFor();
    expect(await dialog.locator('h3').first().innerText()).toBe('引き継がない記載（8件）');
    expect(await dialog.locator('ul.cleared li').first().innerText()).toBe('表紙 > 公表日：令和7年8月29日');
    expect(await dialog.locator('#copy-title').inputValue()).toBe('北九州市　予防接種に関する事務　全項目評価書');

    await dialog.locator('#copy-revision').selectOption('平成30年５月');
    await expect.poll(() => dialog.locator('ul.report li').count()).toBeGreaterThan(0);
    expect(await dialog.locator('ul.report li').first().innerText()).toContain('「5情報（氏名、氏名の振り仮名、性別、生年月日、住所）」から「4情報（氏名、性別、生年月日、住所）」に変わります');
    await dialog.locator('#copy-title').fill('北九州市　予防接種に関する事務　全項目評価書（令和8年度）');
    await shot(page, '01-copy-dialog');

    await dialog.getByRole('button', { name: '複製して開く' }).click();
    await page.waitForURL(/\/assessments\/001-kitakyushu-yobosesshu-copy$/);
    await page.locator('pia-section').first().waitFor();
    expect(await page.locator('pia-editor .toolbar h1').innerText()).toBe('北九州市　予防接種に関する事務　全項目評価書（令和8年度）');
    await shot(page, '02-copy-opened');
    const copy = await onDisk(`${ID_001}-copy`);
    expect(copy['formRevision']).toBe('平成30年５月');
    expect(copy['cover'].publishedOn).toBeNull();
    expect(copy['changeHistory']).toEqual([]);
  });
});

describe('様式の版を移行 in the editor', () => {
  it('shows the report before applying, applies it as one undoable step that autosaves, and keeps the report with links to the items', async () => {
    const { page } = current;
    await openEditor(page, shared.server.url, ID_002);
    await page.locator('pia-editor .toolbar button.migrate').click();
    const dialog = page.locator('pia-migrate-dialog dialog');
    expect(await dialog.locator('p').first().innerText()).toBe('今の様式の版：平成30年５月');
    const preview = dialog.locator('pia-migration-report li');
    await preview.first().waitFor();
    expect(await dialog.locator('pia-migration-report #report-heading').innerText()).toMatch(/^平成30年５月 → 令和７年５月：確認が必要な箇所 1件（そのまま移す項目 \d+件）$/);
    expect(await preview.first().innerText()).toContain('「4情報」と書いている記載（3か所）：');
    // The relabelled item and each text that still says 4情報 are links of their own.
    expect(await preview.first().locator('a').count()).toBe(4);
    await shot(page, '03-migrate-preview');

    await dialog.getByRole('button', { name: '移行する' }).click();
    const report = page.locator('pia-editor > pia-migration-report, pia-migration-report[applied]');
    await report.locator('li').first().waitFor();
    expect(await report.locator('#report-heading').innerText()).toMatch(/^様式の版を令和７年５月に移行しました（平成30年５月から）。確認が必要な箇所：1件$/);
    await waitSaved(page);
    expect((await onDisk(ID_002))['formRevision']).toBe('令和７年５月');
    // The label of the item reads as the new revision prints it.
    await shot(page, '04-migrate-applied');
    const item = '/files/0/overview/basic/recordItems/mainItems/contact/basicInfo';
    await reveal(page, item);
    expect(await field(page, item).innerText()).toContain('5情報（氏名、氏名の振り仮名、性別、生年月日、住所）');

    // The link goes to the item: its check box of 主な記録項目 gets the focus; a text that uses the old word too.
    await report.locator('li a').first().click();
    await expect.poll(() => focusedPointer(page)).toBe('/files/0/overview/basic/recordItems/mainItems/contact');
    await report.locator('.mentions a').first().click();
    await expect.poll(() => focusedPointer(page)).toMatch(/^\/files\/0\/overview\/acquisitionUse\/usage/);

    // One step back: the draft is on its old revision again, and saved so.
    await page.locator('pia-editor .toolbar h1').click();
    await page.keyboard.press('Control+z');
    await waitSaved(page);
    expect((await onDisk(ID_002))['formRevision']).toBe('平成30年５月');
    // The report of a move undone is gone with it.
    await expect.poll(() => report.locator('section').count()).toBe(0);
  });
});

describe('標準文を挿入 in the editor', () => {
  it('inserts the chosen text at the cursor of the last text field, with a preview first, and records the span', async () => {
    const { page } = current;
    const pointer = '/files/0/riskMeasures/acquisition/otherRisks';
    await openEditor(page, shared.server.url, ID_004);
    await reveal(page, pointer);
    const box = input(page, pointer);
    const before = await box.inputValue();
    await box.click();
    await page.keyboard.press('Control+Home');
    await page.locator('pia-editor .toolbar button.insert-snippet').click();
    const picker = page.locator('pia-snippet-picker dialog');
    await picker.locator('.list label').first().waitFor();
    await shot(page, '05a-snippet-picker-open');
    expect(await picker.locator('.target').innerText()).toBe(
      '挿入先：Ⅲ　リスク対策 > ２．特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。） > 特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）におけるその他のリスク及びそのリスクに対する措置',
    );
    expect(await picker.locator('p.hint').first().innerText()).toBe('カーソルの位置（0文字目）に挿入します。');
    // Only the newest versions unless asked: 15 versions, 10 texts.
    expect(await picker.locator('.list label').count()).toBe(10);
    await picker.locator('#snippet-search').fill('ソフトウェア');
    expect(await picker.locator('.list label').count()).toBe(1);
    await picker.locator('.list label').first().click();
    await picker.locator('pre.preview').waitFor();
    expect(await picker.locator('pre.preview').innerText()).toContain('＜中間サーバー・ソフトウェアにおける措置＞');
    await shot(page, '05-snippet-picker');

    await picker.getByRole('button', { name: '挿入する' }).click();
    await expect.poll(() => box.inputValue()).not.toBe(before);
    const text = await box.inputValue();
    expect(text.startsWith('＜中間サーバー・ソフトウェアにおける措置＞')).toBe(true);
    expect(text.endsWith(before)).toBe(true);
    // The inserted text is selected in its field, so the officer sees what came in.
    const body = text.slice(0, text.length - before.length - 1);
    await expect.poll(() => focusedPointer(page)).toBe(pointer);
    expect(await box.evaluate((element) => {
      const area = element as unknown as { selectionStart: number; selectionEnd: number };
      return [area.selectionStart, area.selectionEnd];
    })).toEqual([0, body.length]);
    expect(await page.locator('pia-editor p.notice').innerText()).toContain('に標準文「中間サーバー・ソフトウェアにおける措置');
    await waitSaved(page);
    await shot(page, '06-snippet-inserted');
    const saved = await onDisk(ID_004);
    expect(saved['snippetUses'].at(-1)).toMatchObject({ pointer, snippet: 'chukan-sw-renkei', version: 1 });
  });

  it('says where to click first when no text field was used, and refuses an item that is not text', async () => {
    const { page } = current;
    await openEditor(page, shared.server.url, ID_004);
    await page.locator('pia-editor .toolbar button.insert-snippet').click();
    const picker = page.locator('pia-snippet-picker dialog');
    expect(await picker.getByRole('alert').first().innerText()).toContain('文章を書く項目の記入欄をクリックしてカーソルを置いてから');
    expect(await picker.getByRole('button', { name: '挿入する' }).isDisabled()).toBe(true);
  });
});

describe('標準文の更新 from the editor', () => {
  it('tells the officer of 001 that a standard text has a new version, goes to the update page at 001, and the editor then reads version 2', async () => {
    const { page } = current;
    const pointer = '/files/0/riskMeasures/storage/otherRisks';
    await openEditor(page, shared.server.url, ID_001);
    const notice = page.locator('pia-editor .snippet-outdated');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('この評価書の標準文のうち1件に新しい版があります。');
    expect(await notice.locator('li').allInnerTexts()).toEqual(['中間サーバー・プラットフォームにおける措置（保管・消去におけるその他のリスク）：第1版 → 第2版']);
    await shot(page, '06b-editor-outdated');

    await notice.getByRole('link').click();
    await page.waitForURL(new RegExp(`/snippets#${ID_001}$`));
    const entry = page.locator(`pia-snippet-updates article.assessment[data-id="${ID_001}"]`);
    await entry.waitFor();
    // The page opens at 001's entry, not at the top of the list.
    await expect.poll(async () => (await entry.boundingBox())?.y ?? -1).toBeLessThan(100);
    expect(await entry.locator('table.rows td.summary').allInnerTexts()).toEqual([RENEWAL_SUMMARY]);
    await entry.getByRole('button', { name: 'この評価書を更新' }).click();
    await page.locator('pia-snippet-updates article.result').first().waitFor();
    await entry.waitFor({ state: 'detached' });

    await openEditor(page, shared.server.url, ID_001);
    await reveal(page, pointer);
    expect(await input(page, pointer).inputValue()).toContain('UTM（コンピュータウイルスやハッキングなどの脅威から');
    expect(await page.locator('pia-editor .snippet-outdated').count()).toBe(0);
    expect((await onDisk(ID_001))['rowSummaries']).toEqual([expect.objectContaining({ pointer, summary: RENEWAL_SUMMARY })]);
  });
});

describe('標準文の更新', () => {
  it('lists 001 and 004 before the renewal, shows 004’s hand-edited span three ways, updates per assessment with a choice and then all; the rows survive the commit', async () => {
    const { page } = current;
    const library = await bundledLibrary();
    await writeDraft(shared.server.dataDir, ID_004, 'yoshiki3', await ise004BeforeRenewal(library));
    await writeDraft(shared.server.dataDir, ID_001, 'yoshiki4', await kitakyushu001BeforeRenewal(library));
    const commit = await page.request.post(`${shared.server.url}/api/assessments/${ID_004}/revisions`, {
      data: { message: '更改前', author: '健康課', baseRevision: null },
    });
    expect(commit.status()).toBe(201);

    await page.goto(`${shared.server.url}/`);
    await page.locator('pia-app header nav a').click();
    await page.waitForURL(/\/snippets$/);
    const ise = page.locator(`pia-snippet-updates article.assessment[data-id="${ID_004}"]`);
    await ise.waitFor();
    // The copy of 001 made above carries 001's old text too.
    expect(await page.locator('pia-snippet-updates article.assessment').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')))).toEqual([
      ID_001,
      `${ID_001}-copy`,
      ID_004,
    ]);
    expect(await ise.locator('h4').first().innerText()).toBe('更新すると次に確定する版に記録される変更箇所（2件）');
    expect(await ise.locator('table.rows td.summary').allInnerTexts()).toEqual([RENEWAL_SUMMARY, RENEWAL_SUMMARY]);
    const conflict = ise.locator(`.conflict[data-pointer="${NETWORK_OTHER}"]`);
    expect(await conflict.locator('.three h5').allInnerTexts()).toEqual(['挿入した版（第1版）', '今の記載', '新しい版（第2版）']);
    expect(await conflict.locator('.three section').nth(1).locator('ins').allInnerTexts()).toContain('及びクラウドサービス事業者');
    await conflict.scrollIntoViewIfNeeded();
    await shot(page, '07-updates-page');

    await conflict.getByLabel('今の記載のままにする').check();
    await ise.getByRole('button', { name: 'この評価書を更新' }).click();
    const result = page.locator('pia-snippet-updates article.result').first();
    await result.waitFor();
    expect(await result.locator('p strong').innerText()).toBe('予防接種に関する事務　重点項目評価書：2か所を新しい版に置き換えました。');
    expect(await result.locator('table.rows td.summary').allInnerTexts()).toEqual([RENEWAL_SUMMARY, RENEWAL_SUMMARY]);
    await ise.waitFor({ state: 'detached' });
    await shot(page, '08-updates-done-004');

    await page.locator('pia-snippet-updates button.update-all').click();
    await expect.poll(() => page.locator('pia-snippet-updates article.result').count()).toBe(3);
    expect(await page.locator('pia-snippet-updates p.empty').innerText()).toBe('古い版の標準文を使っている評価書はありません。');
    await shot(page, '09-updates-done-all');

    const next = await page.request.post(`${shared.server.url}/api/assessments/${ID_004}/revisions`, {
      data: { message: '自治体中間サーバ・プラットフォーム更改', author: '健康課', baseRevision: 1, changeDate: '2025-10-01' },
    });
    const { revision } = (await next.json()) as { revision: { rows: { pointer: string; after: string }[] } };
    expect(revision.rows.map((row) => [row.pointer, row.after])).toEqual(RENEWED_004.map((pointer) => [pointer, RENEWAL_SUMMARY]));
  });
});
