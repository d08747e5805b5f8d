import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { autosaveAfter, expectValue, field, input, openEditor, reveal, waitSaved } from './page-helpers.js';
import { usePagePerTest, useServerAndBrowser } from './hooks.js';

const shared = useServerAndBrowser();
const current = usePagePerTest(shared, { quick: true });

const ID = '004-ise-yobosesshu';
const DEPARTMENT = '/basicInfo/department/name';
const SYSTEMS = '/basicInfo/systems';

const api = (path = '', id = ID): string => `${shared.server.url}/api/assessments/${id}${path}`;

const onDisk = async (page: Page, id = ID): Promise<Record<string, any>> =>
  ((await (await page.request.get(api('', id))).json()) as { data: Record<string, any> }).data;

/** Writes the draft through the API, as another program would. */
const saveDraft = async (page: Page, edit: (data: Record<string, any>) => void, id = ID): Promise<void> => {
  const { data, etag } = (await (await page.request.get(api('', id))).json()) as { data: Record<string, any>; etag: string };
  edit(data);
  const response = await page.request.put(api('', id), { data: { data }, headers: { 'if-match': `"${etag}"` } });
  expect(response.status()).toBe(200);
};

const commitFirst = async (page: Page, id = ID): Promise<void> => {
  const commit = await page.request.post(api('/revisions', id), {
    data: { message: '公表版', changeDate: '2025-08-19', author: '担当課', baseRevision: null },
  });
  expect(commit.status()).toBe(201);
};

const systemNames = async (page: Page): Promise<string[]> =>
  page.locator(`section.group[data-pointer="${SYSTEMS}"] > .entry .entry-title`).allInnerTexts();

/** Ctrl+Z / Ctrl+Shift+Z outside any text field (the browser's own undo applies inside one). */
const pressOutsideFields = async (page: Page, keys: string): Promise<void> => {
  await page.locator('pia-editor .toolbar h1').click();
  await page.keyboard.press(keys);
};

describe('restoring from a revision and undoing in the editor', () => {
  it('restores an item from 第1版, undoes it and redoes it, each saved', async () => {
    const { page } = current;
    await commitFirst(page);
    await saveDraft(page, (data) => (data['basicInfo'].department.name = '健康福祉部保健課'));

    await openEditor(page, shared.server.url, ID);
    await page.locator('pia-reference-bar select').selectOption('1');
    expect(await page.locator('pia-reference-bar .count').innerText()).toBe('第1版と異なる項目：1件');
    // The item renders when it is reached (here by a jump, as from the outline), with the revision's text under it.
    const mark = page.locator(`pia-reference-mark[data-pointer="${DEPARTMENT}"]`);
    expect(await mark.count()).toBe(0);
    await reveal(page, DEPARTMENT);
    await mark.waitFor();
    const markText = await mark.locator('.mark').innerText();
    expect(markText).toContain('第1版の記載：');
    expect(markText).toContain('健康福祉部健康課');
    expect(await page.locator('pia-reference-bar .count').innerText()).toBe('第1版と異なる項目：1件');

    await mark.getByRole('button', { name: 'この版の記載に戻す' }).click();
    await expectValue(page, DEPARTMENT, '健康福祉部健康課');
    await mark.waitFor({ state: 'detached' });
    await waitSaved(page);
    expect((await onDisk(page)).basicInfo.department.name).toBe('健康福祉部健康課');

    await pressOutsideFields(page, 'Control+z');
    await expectValue(page, DEPARTMENT, '健康福祉部保健課');
    await waitSaved(page);
    expect((await onDisk(page)).basicInfo.department.name).toBe('健康福祉部保健課');

    await pressOutsideFields(page, 'Control+Shift+z');
    await expectValue(page, DEPARTMENT, '健康福祉部健康課');
    await waitSaved(page);
    expect((await onDisk(page)).basicInfo.department.name).toBe('健康福祉部健康課');
  });

  it('undoes the deletion of a システム, back in its place, with the toolbar button', async () => {
    const { page } = current;
    await openEditor(page, shared.server.url, ID);
    // Ⅰ-2 lies below the first screen: it is rendered in idle time right after it.
    await field(page, `${SYSTEMS}/2`).waitFor();
    const before = await systemNames(page);
    page.once('dialog', (dialog) => void dialog.accept());
    await field(page, `${SYSTEMS}/2`).getByRole('button', { name: 'システム3を削除' }).click();
    await expect.poll(() => systemNames(page)).toHaveLength(before.length - 1);
    await waitSaved(page);
    expect((await onDisk(page)).basicInfo.systems.map((system: { id: string }) => system.id)).not.toContain('system-3');

    await page.locator('pia-editor button.undo').click();
    await expect.poll(() => systemNames(page)).toEqual(before);
    await waitSaved(page);
    expect((await onDisk(page)).basicInfo.systems.map((system: { id: string }) => system.id)).toEqual(['system-1', 'system-2', 'system-3', 'system-4']);
    expect(await page.locator('pia-editor button.redo').isEnabled()).toBe(true);
  });

  it('saves at once on Ctrl+S, even inside a text field, instead of opening the browser’s dialog', async () => {
    const { page } = current;
    await openEditor(page, shared.server.url, ID);
    // This file's pages autosave 100 ms after a change (quick): here no autosave comes within the test, so the
    // save (PATCH) is Ctrl+S's. When the value changed and when the save went out are measured in the page.
    await autosaveAfter(page, 60_000);
    await page.evaluate(`(() => {
      window.__times = {};
      const fetch = window.fetch;
      window.fetch = (url, init) => { if (init && init.method === 'PATCH') window.__times.put ??= performance.now(); return fetch(url, init); };
      document.addEventListener('pia-value-change', () => { window.__times.edit = performance.now(); }, true);
      window.addEventListener('keydown', (event) => { if (event.key === 's') window.__times.prevented = event.defaultPrevented; });
    })()`);
    await input(page, '/cover/specialNotes').fill('Ctrl+Sで保存');
    await input(page, '/cover/specialNotes').press('Control+s');
    await expect.poll(() => page.evaluate('window.__times.put')).toBeDefined();
    await waitSaved(page);
    const times = (await page.evaluate('window.__times')) as { edit: number; put: number; prevented: boolean };
    expect(times.prevented).toBe(true);
    expect(times.put - times.edit).toBeLessThan(1200);
    expect((await onDisk(page)).cover.specialNotes).toBe('Ctrl+Sで保存');
  });
});

describe('restoring from a revision in the long 全項目 sample, whose items render as they are reached', () => {
  const SAMPLE = '001-kitakyushu-yobosesshu';
  const MEASURES = '/files/0/riskMeasures/network/risk4/measures';
  const ADDED = '\n・令和7年度に再点検する。';

  it('marks an item rendered after a jump and the 変更箇所 history table; restores each and undoes it', async () => {
    const { page } = current;
    await commitFirst(page, SAMPLE);
    await saveDraft(
      page,
      (data) => {
        data['files'][0].riskMeasures.network.risk4.measures += ADDED;
        data['changeHistory'][1].dateText = '令和４年２月８日';
      },
      SAMPLE,
    );
    await openEditor(page, shared.server.url, SAMPLE);
    await page.locator('pia-reference-bar select').selectOption('1');
    expect(await page.locator('pia-reference-bar .count').innerText()).toBe('第1版と異なる項目：2件');

    // Ⅲ is far below the cover: neither its field nor its mark exists until the outline jumps there.
    const mark = page.locator(`pia-reference-mark[data-pointer="${MEASURES}"]`);
    expect(await field(page, MEASURES).count()).toBe(0);
    await page.locator('aside pia-outline button').filter({ hasText: /情報提供ネットワークシステムとの接続/ }).first().click();
    await mark.waitFor();
    expect(await mark.locator('.mark').innerText()).toContain('第1版の記載：');
    await mark.getByRole('button', { name: 'この版の記載に戻す' }).click();
    await mark.waitFor({ state: 'detached' });
    expect(await input(page, MEASURES).inputValue()).not.toContain(ADDED);
    await pressOutsideFields(page, 'Control+z');
    await mark.waitFor();
    expect(await input(page, MEASURES).inputValue()).toContain(ADDED);

    // The history rows carry no ids, so the history is compared, marked and restored as one item.
    await page.locator('aside pia-outline button').filter({ hasText: /（別添３）\s*変更箇所/ }).first().click();
    const historyMark = page.locator('section[data-pointer="/changeHistory"] > pia-reference-mark');
    const secondDate = page.locator('[data-pointer="/changeHistory"] pia-entry-table tr[data-row="1"] td.date');
    await historyMark.waitFor();
    // The table prints a row's 変更日 as the imported document spelled it, when it kept that spelling.
    expect(await secondDate.textContent()).toBe('令和４年２月８日');
    await historyMark.getByRole('button', { name: /この版の記載に戻す/ }).click();
    await historyMark.waitFor({ state: 'detached' });
    expect(await secondDate.textContent()).toBe('令和4年2月8日');
    await page.locator('pia-editor button.undo').click();
    await historyMark.waitFor();
    expect(await secondDate.textContent()).toBe('令和４年２月８日');

    await waitSaved(page);
    const saved = await onDisk(page, SAMPLE);
    expect(saved['files'][0].riskMeasures.network.risk4.measures).toMatch(/令和7年度に再点検する。$/);
    expect(saved['changeHistory'][1].dateText).toBe('令和４年２月８日');
  });
});

describe('restoring from a revision on the compare page', () => {
  it('takes a changed item back into the draft from the older revision, and undoes that', async () => {
    const { page } = current;
    await saveDraft(page, (data) => (data['disclosure'].inquiry.response = '対応を記録し、再発防止策を講じる。'));
    await page.goto(`${shared.server.url}/assessments/${ID}/compare`);
    const article = page.locator('pia-compare article', { hasText: '②対応' });
    await article.waitFor();
    await article.getByRole('button', { name: 'この版の記載に戻す' }).click();
    const notice = page.locator('pia-compare .restore-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('を第1版の記載に戻し、下書きに保存しました。');
    await article.waitFor({ state: 'detached' });
    expect((await onDisk(page)).disclosure.inquiry.response).toBe('対応について記録を残す。対応策や再発防止策について協議を行う。');

    await notice.getByRole('button', { name: '元に戻す' }).click();
    await page.locator('pia-compare .restore-notice', { hasText: '戻した記載を取り消しました。' }).waitFor();
    expect((await onDisk(page)).disclosure.inquiry.response).toBe('対応を記録し、再発防止策を講じる。');
    await page.locator('pia-compare article', { hasText: '②対応' }).waitFor();
  });
});
