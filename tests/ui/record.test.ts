/**
 * The revision record in Chromium: the create dialog's form revision, the commit dialog's server-side default
 * 変更日 and warnings, and rows that a submitted revision or a distant comparison shows read-only.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import type { AssessmentResponse, CommitRevisionResponse, ListRevisionsResponse } from '../../src/server/dto.js';
import { useServerAndBrowser, usePagePerTest } from './hooks.js';
import { expectValue, input, openEditor, reveal, waitSaved } from './page-helpers.js';

const shared = useServerAndBrowser();
const current = usePagePerTest(shared, { quick: true });

const api = (id: string, rest = ''): string => `${shared.server.url}/api/assessments/${id}${rest}`;

const editCover = async (request: APIRequestContext, id: string, key: string, value: unknown): Promise<void> => {
  const { data, etag } = (await (await request.get(api(id))).json()) as AssessmentResponse;
  (data['cover'] as Record<string, unknown>)[key] = value;
  expect((await request.put(api(id), { data: { data }, headers: { 'if-match': `"${etag}"` } })).status()).toBe(200);
};

const commit = async (request: APIRequestContext, id: string, baseRevision: number | null, changeDate: string) => {
  const response = await request.post(api(id, '/revisions'), { data: { message: `${changeDate}版`, changeDate, author: '総務課', baseRevision } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as CommitRevisionResponse).revision;
};

/** 確認依頼 → 承認 (by someone else) → 提出, as the state table asks. */
const submit = async (request: APIRequestContext, id: string, n: number): Promise<void> => {
  for (const [status, by] of [['review', '総務課'], ['approved', '総務課長'], ['submitted', '総務課']]) {
    const response = await request.put(api(id, `/revisions/${n}/status`), { data: { status, by } });
    expect(response.status()).toBe(200);
  }
};

describe('the create dialog', () => {
  it('creates a document on the chosen form revision, offering the schema’s revisions of the chosen form', async () => {
    const { page } = current;
    await page.goto(shared.server.url);
    const create = page.locator('pia-assessment-list form.create');
    await create.getByLabel('全項目評価書・様式４').check();
    const revision = create.getByLabel('様式の版');
    expect(await revision.locator('option').allInnerTexts()).toEqual(['令和７年５月', '令和６年10月', '平成30年５月']);
    await revision.selectOption('平成30年５月');
    await create.getByLabel('評価書名（任意）').fill('Heisei form test');
    await create.getByRole('button', { name: '作成する' }).click();
    await page.waitForURL(/\/assessments\/heisei-form-test$/);
    const created = (await (await page.request.get(api('heisei-form-test'))).json()) as AssessmentResponse;
    expect([created.form, created.data['formRevision']]).toEqual(['yoshiki4', '平成30年５月']);
  });
});

describe('the commit dialog', () => {
  const ID = '004-ise-yobosesshu';

  it('starts from the server’s default 変更日 (the cover’s 公表日) and warns, as the date changes, about a date before the previous revision’s', async () => {
    const { page } = current;
    await commit(page.request, ID, null, '2025-08-19');
    await openEditor(page, shared.server.url, ID);
    await reveal(page, '/basicInfo/department/headTitle');
    await input(page, '/basicInfo/department/headTitle').fill('健康課課長');
    await waitSaved(page);
    await page.getByRole('button', { name: '版を確定' }).click();
    const dialog = page.locator('pia-commit-dialog dialog[open]');
    await expect.poll(() => dialog.locator('#change-date').inputValue()).toBe('2025-08-19');
    expect(await dialog.locator('.warnings').count()).toBe(0);
    await dialog.locator('#change-date').fill('2025-08-01');
    await dialog.locator('#change-date').dispatchEvent('change');
    const warnings = dialog.locator('.warnings');
    await warnings.waitFor();
    expect(await warnings.innerText()).toContain('変更日 令和7年8月1日 が、前の版（第1版）の変更日 令和7年8月19日 より前です。');
    await dialog.locator('#change-date').fill('2025-10-01');
    await dialog.locator('#change-date').dispatchEvent('change');
    await expect.poll(() => warnings.count()).toBe(0);
  });
});

describe('a commit of a draft someone else saved meanwhile', () => {
  const ID = '002-nagaoka-covid19';
  const HEAD = '/basicInfo/department/headTitle';

  it('is refused, the other save is merged into the editor with a clear message, and committing again freezes both', async () => {
    const { page } = current;
    await openEditor(page, shared.server.url, ID);
    await reveal(page, HEAD);
    await input(page, HEAD).fill('所属長（確定する人）');
    await waitSaved(page);
    const seen = ((await (await page.request.get(api(ID))).json()) as AssessmentResponse).etag;
    // A colleague's save lands between the editor's save and its commit request.
    const sent: Record<string, unknown>[] = [];
    await page.route(`**/api/assessments/${ID}/revisions`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      sent.push(route.request().postDataJSON() as Record<string, unknown>);
      if (sent.length === 1) await editCover(page.request, ID, 'organization', '長岡市長（同僚が保存）');
      return route.continue();
    });
    await page.getByRole('button', { name: '版を確定' }).click();
    const dialog = page.locator('pia-commit-dialog dialog[open]');
    await dialog.locator('#message').fill('担当部署の変更');
    await dialog.locator('#author').fill('総務課');
    await dialog.getByRole('button', { name: '確定する' }).click();

    const alert = dialog.locator('[role=alert]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('確定する直前に、ほかの人がこの評価書を保存したため、確定しませんでした。');
    expect(sent[0]?.['draftEtag']).toBe(seen);
    expect(((await (await page.request.get(api(ID, '/revisions'))).json()) as { items: unknown[] }).items).toEqual([]);
    expect(await dialog.locator('ul.moved-in li').allInnerTexts()).toEqual(['表紙 評価実施機関名']);
    expect(await page.locator('pia-merge-notice [role=status]').innerText()).toContain('表紙 評価実施機関名');
    await expectValue(page, '/cover/organization', '長岡市長（同僚が保存）');
    await expect.poll(() => dialog.locator('#message').inputValue()).toBe('担当部署の変更');
    await page.screenshot({ path: path.join(tmpdir(), 'pia-commit-draft-moved.png') });

    await dialog.getByRole('button', { name: '確定する' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(sent).toHaveLength(2);
    const frozen = ((await (await page.request.get(api(ID, '/revisions/1'))).json()) as { data: Record<string, any> }).data;
    expect([frozen['cover'].organization, frozen['basicInfo'].department.headTitle]).toEqual(['長岡市長（同僚が保存）', '所属長（確定する人）']);
  });
});

describe('the compare page', () => {
  const ID = '001-kitakyushu-yobosesshu';

  it('shows the rows of a submitted revision read-only, and a distant comparison as a view of each revision’s rows', async () => {
    const { page } = current;
    await commit(page.request, ID, null, '2025-08-29');
    await editCover(page.request, ID, 'organization', '北九州市長　武内和久');
    await commit(page.request, ID, 1, '2025-10-01');
    await editCover(page.request, ID, 'title', '北九州市　予防接種に関する事務　全項目評価書（改）');
    await commit(page.request, ID, 2, '2025-11-01');
    await submit(page.request, ID, 1);
    await submit(page.request, ID, 2);
    await submit(page.request, ID, 3);

    await page.goto(`${shared.server.url}/assessments/${ID}/compare`);
    const rows = page.locator('pia-change-table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    const note = page.locator('pia-compare .read-only');
    expect(await note.innerText()).toBe('第3版は「提出済み」のため、変更箇所は変更できません（表示のみ）。');
    expect(await page.getByRole('button', { name: '変更箇所を保存' }).count()).toBe(0);
    expect(await page.locator('pia-change-table textarea, pia-change-table select').count()).toBe(0);
    expect(await rows.first().innerText()).toContain('全項目評価書（改）');

    await page.locator('pia-compare select[name=from]').selectOption('1');
    await page.getByRole('button', { name: '比較する' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await note.innerText()).toContain('表示している変更箇所は第2・3版に記録されたもの');
    expect(await page.getByRole('button', { name: '変更箇所を保存' }).count()).toBe(0);
    const history = page.locator('pia-revision-history');
    // Only the newest revision can be withdrawn, so only its row offers it.
    expect(await history.locator('tbody tr').first().getByRole('button').allInnerTexts()).toEqual(['公表済みにする', '取り下げる']);
    expect(await history.locator('tbody tr').last().getByRole('button').allInnerTexts()).toEqual(['公表済みにする']);
    expect(await history.locator('tbody tr').first().locator('.log').innerText()).toContain('提出済み');
  });
});

describe('事業終了 from the history page', () => {
  it('records the end of a published assessment as a revision of its own, with the suffixed 評価書名', async () => {
    const { page } = current;
    const ID = '004-ise-yobosesshu';
    const request = page.request;
    // Whatever earlier tests of this file left: revisions still 作成中 are withdrawn, the draft is committed and published.
    const existing = ((await (await request.get(api(ID, '/revisions'))).json()) as ListRevisionsResponse).items;
    for (const meta of existing.filter((one) => one.status === 'draft').reverse())
      expect((await request.put(api(ID, `/revisions/${meta.number}/status`), { data: { status: 'withdrawn', by: '総務課', reason: '試験' } })).status()).toBe(200);
    const published = await commit(request, ID, existing.at(-1)?.number ?? null, '2025-10-01');
    await submit(request, ID, published.number);
    expect((await request.put(api(ID, `/revisions/${published.number}/status`), { data: { status: 'published', by: '総務課' } })).status()).toBe(200);
    await page.goto(`${shared.server.url}/assessments/${ID}/compare`);
    const history = page.locator('pia-revision-history');
    await history.getByRole('button', { name: '事業終了を記録する' }).click();
    const dialog = history.locator('dialog[open]');
    await dialog.getByLabel('事業の終了日').fill('2026-03-31');
    await dialog.getByLabel('事業終了の版の公表日').fill('2026-04-10');
    await dialog.getByLabel('評価書名に付ける語').selectOption('事業終了');
    await dialog.getByLabel('操作する人の名前').fill('総務課');
    await dialog.getByRole('button', { name: '事業終了を記録する' }).click();
    await history.locator('[role=status]', { hasText: `事業終了を第${published.number + 1}版として確定しました。` }).waitFor();
    await expect.poll(() => history.locator('tbody tr').count(), { timeout: 15_000 }).toBe(published.number + 1);
    expect(await history.locator('tbody tr').first().getByRole('button').allInnerTexts()).toEqual(['確認を依頼する', '取り下げる']);
    const draft = (await (await request.get(api(ID))).json()) as AssessmentResponse;
    expect((draft.data['cover'] as Record<string, unknown>)['title']).toBe('予防接種に関する事務　重点項目評価書【令和8年3月31日 事業終了】');
  });
});
