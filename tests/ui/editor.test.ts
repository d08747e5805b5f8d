import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { autosaveSoon, expectValue, field, focusedPointer, input, openEditor, reveal, saveStatus, waitSaved } from './page-helpers.js';
import { usePagePerTest, useServerAndBrowser } from './hooks.js';

const shared = useServerAndBrowser();
const current = usePagePerTest(shared);

const createJuten = async (title: string): Promise<string> => {
  await current.page.goto(shared.server.url + '/');
  const create = current.page.locator('pia-assessment-list form.create');
  await create.locator('input[value="yoshiki3"]').check();
  await create.locator('input[name="title"]').fill(title);
  await create.locator('input[name="organization"]').fill('テスト市長');
  await create.locator('button[type="submit"]').click();
  await current.page.waitForURL(/\/assessments\/[^/]+$/);
  await current.page.locator('pia-section').first().waitFor();
  return decodeURIComponent(new URL(current.page.url()).pathname.split('/').pop() ?? '');
};

const SYSTEM_FUNCTIONS = '1 接種対象者の登録\n2 接種記録の管理\n3 他市区町村への照会';
const CONSIGNMENT = '/files/0/overview/consignment';

describe('the editor in Chromium', () => {
  it('creates a 重点項目評価書, keeps every kind of answer across a reload, and writes them to the draft file', async () => {
    const id = await createJuten('テスト市　予防接種に関する事務　重点項目評価書');
    await autosaveSoon(current.page);
    await expectValue(current.page, '/cover/title', 'テスト市　予防接種に関する事務　重点項目評価書');

    await input(current.page, '/basicInfo/business/name').fill('予防接種に関する事務');
    await input(current.page, '/basicInfo/systems/0/functions').fill(SYSTEM_FUNCTIONS);
    await field(current.page, '/basicInfo/business/targetCount').getByLabel('3) 1万人以上10万人未満').check();
    await reveal(current.page, '/files/0/overview/basic/personCount');
    await input(current.page, '/files/0/overview/basic/personCount').selectOption({ label: '2） 1万人以上10万人未満' });
    await field(current.page, '/basicInfo/networkLinkage/implementation').getByLabel('実施する', { exact: false }).first().check();
    await input(current.page, '/basicInfo/networkLinkage/legalBasis').fill('番号法第19条第8号');
    const connections = field(current.page, '/basicInfo/systems/0/connections');
    await connections.getByLabel('庁内連携システム').check();
    await connections.getByLabel('その他', { exact: true }).check();
    await connections.locator('input[type=text]').fill('健康管理システム');
    await input(current.page, '/cover/publishedOn').fill('2025-04-01');
    await expect.poll(() => field(current.page, '/cover/publishedOn').locator('.hint').textContent()).toBe('令和7年4月1日');
    await waitSaved(current.page);

    await current.page.reload();
    await current.page.locator('pia-section').first().waitFor();
    await expectValue(current.page, '/basicInfo/business/name', '予防接種に関する事務');
    await expectValue(current.page, '/basicInfo/systems/0/functions', SYSTEM_FUNCTIONS);
    expect(await field(current.page, '/basicInfo/business/targetCount').getByLabel('3) 1万人以上10万人未満').isChecked()).toBe(true);
    await reveal(current.page, '/files/0/overview/basic/personCount');
    expect(await input(current.page, '/files/0/overview/basic/personCount').locator('option:checked').textContent()).toBe(
      '2） 1万人以上10万人未満',
    );
    expect(await connections.getByLabel('庁内連携システム').isChecked()).toBe(true);
    expect(await connections.getByLabel('情報提供ネットワークシステム').isChecked()).toBe(false);
    expect(await connections.locator('input[type=text]').inputValue()).toBe('健康管理システム');
    await expectValue(current.page, '/cover/publishedOn', '2025-04-01');
    await expectValue(current.page, '/basicInfo/networkLinkage/legalBasis', '番号法第19条第8号');

    const saved = parse(await readFile(path.join(shared.server.dataDir, id, 'assessment.yaml'), 'utf8'));
    expect(saved.basicInfo.business.targetCount).toBe('1万人以上10万人未満');
    expect(saved.files[0].overview.basic.personCount).toBe('1万人以上10万人未満');
    expect(saved.basicInfo.networkLinkage.implementation).toBe('実施する');
    expect(saved.basicInfo.systems[0].connections.other).toEqual({ checked: true, text: '健康管理システム' });
    expect(saved.cover.publishedOn).toBe('2025-04-01');
  });

  it('shows the validation message at the item as the user types, and removes it once corrected', async () => {
    await createJuten('検証用　重点項目評価書');
    await reveal(current.page, CONSIGNMENT);
    const count = field(current.page, `${CONSIGNMENT}/status/count`);
    await field(current.page, `${CONSIGNMENT}/status/value`).getByLabel('委託する').check();
    await count.locator('input').fill('-1');
    await expect.poll(() => count.locator('[role=alert]').textContent()).toMatch(/0/);
    expect(await count.getAttribute('invalid')).not.toBeNull();
    await expect.poll(() => current.page.locator('pia-issue-list details.issues summary').textContent()).toContain('1件');
    await count.locator('input').fill('2');
    await expect.poll(() => count.locator('[role=alert]').count()).toBe(0);
  });

  it('adds a 委託事項, hides 再委託 details that do not apply, and removes the entry again', async () => {
    const id = await createJuten('委託事項の追加と削除');
    await autosaveSoon(current.page);
    await reveal(current.page, CONSIGNMENT);
    await field(current.page, `${CONSIGNMENT}/status/value`).getByLabel('委託する').check();
    await current.page.getByRole('button', { name: '委託事項を追加' }).click();
    const entry = field(current.page, `${CONSIGNMENT}/items/0`);
    await entry.waitFor();
    expect(await entry.locator('.entry-title').textContent()).toBe('委託事項1');
    await input(current.page, `${CONSIGNMENT}/items/0/name`).fill('システム運用保守業務委託');
    await expect.poll(() => entry.locator('.entry-title').textContent()).toBe('委託事項1　システム運用保守業務委託');

    await field(current.page, `${CONSIGNMENT}/items/0/reconsignment`).getByLabel('再委託しない').check();
    await field(current.page, `${CONSIGNMENT}/items/0/reconsignmentPermission`).waitFor({ state: 'detached' });
    await field(current.page, `${CONSIGNMENT}/items/0/reconsignment`).getByLabel('再委託する', { exact: false }).first().check();
    await input(current.page, `${CONSIGNMENT}/items/0/reconsignmentPermission`).fill('書面による事前承認');
    await waitSaved(current.page);
    let saved = parse(await readFile(path.join(shared.server.dataDir, id, 'assessment.yaml'), 'utf8'));
    expect(saved.files[0].overview.consignment.items).toHaveLength(1);
    expect(saved.files[0].overview.consignment.items[0]).toMatchObject({ id: 'consignee-1', name: 'システム運用保守業務委託' });

    current.page.once('dialog', (dialog) => void dialog.accept());
    await entry.getByRole('button', { name: '委託事項1を削除' }).click();
    await entry.waitFor({ state: 'detached' });
    await waitSaved(current.page);
    saved = parse(await readFile(path.join(shared.server.dataDir, id, 'assessment.yaml'), 'utf8'));
    expect(saved.files[0].overview.consignment.items).toEqual([]);
    expect(await saveStatus(current.page).textContent()).toContain('保存済み');
  });

  it('warns before the current.page is left with unsaved changes, and saves first when leaving within the app', async () => {
    const id = await createJuten('離脱時の保存');
    const notes = input(current.page, '/cover/specialNotes');
    await notes.click();
    await current.page.keyboard.type('離脱前の記入');
    const dialogType = new Promise<string>((resolve) =>
      current.page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.dismiss();
      }),
    );
    const warned = current.page;
    await warned.close({ runBeforeUnload: true });
    expect(await dialogType).toBe('beforeunload');
    // Dismissing the warning keeps that page open with its edit; closed for good now, so its autosave cannot land
    // after the next page has loaded the draft (which would rightly be a conflict between two tabs).
    await warned.close();

    current.page = await current.context.newPage();
    await current.page.goto(`${shared.server.url}/assessments/${encodeURIComponent(id)}`);
    await current.page.locator('pia-section').first().waitFor();
    await input(current.page, '/cover/organization').fill('一覧へ戻る直前の記入');
    await current.page.getByRole('link', { name: '一覧へ戻る' }).click();
    await current.page.locator('pia-assessment-list td a').first().waitFor();
    const saved = parse(await readFile(path.join(shared.server.dataDir, id, 'assessment.yaml'), 'utf8'));
    expect(saved.cover.organization).toBe('一覧へ戻る直前の記入');
  });

  it('lists the consistency findings of the 全項目 sample and jumps to the item of one', async () => {
    const sample = '001-kitakyushu-yobosesshu';
    const response = await current.page.request.get(`${shared.server.url}/api/assessments/${sample}/checks`);
    const { findings } = (await response.json()) as { findings: { severity: string; pointers: string[] }[] };
    const count = (severity: string): number => findings.filter((f) => f.severity === severity).length;
    expect(findings.length).toBeGreaterThan(0);
    await openEditor(current.page, shared.server.url, sample);
    const summary = current.page.locator('pia-issue-list details.findings summary');
    await expect
      .poll(() => summary.textContent())
      .toBe(`整合性の確認：エラー ${count('ERROR')}件・注意 ${count('WARN')}件・参考 ${count('INFO')}件`);
    await summary.click();
    const index = findings.findIndex((f) => f.pointers[0]?.startsWith('/files/'));
    const first = findings[index];
    expect(first).toBeDefined();
    await current.page.locator('pia-issue-list details.findings li button.reveal').nth(index).click();
    const focused = await focusedPointer(current.page);
    expect(focused).toBeTruthy();
    expect(first?.pointers[0]?.startsWith(String(focused))).toBe(true);
  });
});
