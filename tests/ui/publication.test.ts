/**
 * Publication in Chromium: 「非公表にする」 on a selection in the editor (the reason asked, the span marked under its
 * field, the 公表版 without it, and 「非公表を解除」), the bundle of a submitted revision from the revision history,
 * and the redline from the compare page.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { field, input, openEditor, reveal, waitSaved } from './page-helpers.js';
import { valueHash } from '../../src/withheld/index.js';
import { useServerAndBrowser, usePagePerTest } from './hooks.js';

const ID = '004-ise-yobosesshu';
const RISKS = '/files/0/riskMeasures/storage/otherRisks';
const SPAN = '24時間365日';
const MARKER = '（セキュリティ上のリスクがあるため非公表）';

const shared = useServerAndBrowser();
const current = usePagePerTest(shared, { quick: true });

const draftOf = async (page: Page): Promise<Record<string, unknown>> =>
  ((await (await page.request.get(`${shared.server.url}/api/assessments/${ID}`)).json()) as { data: Record<string, unknown> }).data;

const textOf = async (pdf: Buffer, name: string): Promise<string> => {
  const file = path.join(shared.server.dataDir, `${name}.pdf`);
  await writeFile(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
};

describe('publication in the editor', () => {
  it('flags a selected span 非公表 with a reason, shows it marked, leaves it out of the 公表版, and removes the flag', async () => {
    const { page } = current;
    await openEditor(page, shared.server.url, ID);
    // Items render as they are reached: jump to it, as from the outline.
    await reveal(page, RISKS);
    const box = input(page, RISKS);
    const value = await box.inputValue();
    const start = value.indexOf(SPAN);
    const action = page.getByRole('button', { name: '選択した文を非公表にする' });
    // Offered only where it can act: not under every text field, nor in a focused field with nothing selected.
    expect(await action.count()).toBe(0);
    await box.focus();
    await box.evaluate((element, at) => (element as unknown as { setSelectionRange: (a: number, b: number) => void }).setSelectionRange(at, at), start);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    expect(await action.count()).toBe(0);
    // Selected with the keyboard, the action appears right after the field and Tab reaches it with the selection kept.
    for (let i = 0; i < SPAN.length; i += 1) await page.keyboard.press('Shift+ArrowRight');
    await field(page, RISKS).getByRole('button', { name: '選択した文を非公表にする' }).waitFor();
    expect(await action.count()).toBe(1);
    await page.keyboard.press('Tab');
    // A string: tests are type-checked without the DOM library.
    const focused = await page.evaluate(`(() => {
      let element = document.activeElement;
      while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
      return element ? element.textContent.trim() : null;
    })()`);
    expect(focused).toBe('選択した文を非公表にする');
    await page.keyboard.press('Enter');

    const dialog = page.locator('pia-withhold-dialog dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('blockquote').innerText()).toBe(SPAN);
    expect(await dialog.innerText()).toContain(MARKER);
    await dialog.getByLabel('非公表とする理由（必須）').fill('監視の時間帯が分かると攻撃の時期を選ばれるため');
    await dialog.getByRole('button', { name: '非公表にする' }).click();
    await dialog.waitFor({ state: 'detached' });

    const marked = field(page, RISKS).getByRole('region', { name: '非公表の部分（公表版では置き換え）' });
    await marked.waitFor();
    expect(await marked.locator('mark').allInnerTexts()).toEqual([SPAN]);
    // The span is shown in its surroundings, so the author sees which occurrence is meant.
    expect(await marked.locator('.excerpt').innerText()).toMatch(/DDos対策を24時間365日講じる/);
    expect(await marked.innerText()).toContain('理由: 監視の時間帯が分かると攻撃の時期を選ばれるため');
    // The author still reads and edits the full text.
    expect(await box.inputValue()).toContain(SPAN);
    await waitSaved(page);
    expect((await draftOf(page))['withheld']).toEqual([{ pointer: RISKS, text: SPAN, reason: '監視の時間帯が分かると攻撃の時期を選ばれるため' }]);

    const publicPdf = await page.request.get(`${shared.server.url}/api/assessments/${ID}/print/public`);
    const text = await textOf(await publicPdf.body(), 'public');
    expect(text).not.toContain(SPAN);
    expect(text).toContain(`DDos対策を${MARKER}講じる`);

    await marked.getByRole('button', { name: `「${SPAN}」の非公表を解除` }).click();
    await marked.waitFor({ state: 'detached' });
    await waitSaved(page);
    expect((await draftOf(page))['withheld']).toBeUndefined();
  }, 120_000);
});

describe('a value flagged 非公表 whole', () => {
  it('shows the flag and its reason under an item that is not a text (here ＜選択肢＞ with its sub-row)', async () => {
    const { page } = current;
    const api = `${shared.server.url}/api/assessments/${ID}`;
    const { data, etag } = (await (await page.request.get(api)).json()) as { data: Record<string, any>; etag: string };
    const AUTH = '/files/0/riskMeasures/use/risk2/userAuth';
    data['withheld'] = [{ pointer: AUTH, sha256: valueHash(data['files'][0].riskMeasures.use.risk2.userAuth), reason: '認証の方式' }];
    expect((await page.request.put(api, { data: { data }, headers: { 'if-match': `"${etag}"` } })).status()).toBe(200);
    await openEditor(page, shared.server.url, ID);
    await reveal(page, AUTH);
    const marked = field(page, AUTH).getByRole('region', { name: '非公表の部分（公表版では置き換え）' }).first();
    await marked.waitFor();
    expect(await marked.innerText()).toContain('この項目の記載全体');
    expect(await marked.innerText()).toContain('理由: 認証の方式');
  }, 120_000);
});

describe('publication of a revision', () => {
  it('downloads the bundle of a submitted revision from the history, and a redline from the compare page', async () => {
    const { page } = current;
    const api = `${shared.server.url}/api/assessments/${ID}`;
    const committed = await page.request.post(`${api}/revisions`, { data: { message: '公表版', author: '健康課 伊勢', baseRevision: null, changeDate: '2025-08-19' } });
    expect(committed.status()).toBe(201);
    // The internal review comes first (rules.md §3): asked for by the author, approved by someone else.
    for (const step of [{ status: 'review', by: '健康課 伊勢' }, { status: 'approved', by: '健康課長 確認' }, { status: 'submitted', by: '健康課 伊勢' }]) {
      expect((await page.request.put(`${api}/revisions/1/status`, { data: step })).status()).toBe(200);
    }
    await openEditor(page, shared.server.url, ID);
    const name = '/basicInfo/systems/1/name';
    await reveal(page, name);
    await input(page, name).fill('中間サーバー（自治体中間サーバー・プラットフォーム）');
    await waitSaved(page);

    await page.goto(`${shared.server.url}/assessments/${ID}/compare`);
    const history = page.locator('pia-revision-history');
    const row = history.locator('tbody tr').first();
    await row.waitFor();
    const bundleLink = row.getByRole('link', { name: '第1版 公開用一式' });
    await bundleLink.waitFor();
    const [bundle] = await Promise.all([page.waitForEvent('download'), bundleLink.click()]);
    const files = unzipSync(new Uint8Array(await readFile((await bundle.path())!)));
    expect(Object.keys(files).sort()).toEqual([
      '004-ise-yobosesshu-r1/004-ise-yobosesshu-r1-公表版.pdf',
      '004-ise-yobosesshu-r1/004-ise-yobosesshu-r1-提出版.pdf',
      '004-ise-yobosesshu-r1/004-ise-yobosesshu-r1.yaml',
      '004-ise-yobosesshu-r1/manifest.json',
    ]);
    expect(await row.getByRole('link', { name: '公表版' }).getAttribute('href')).toBe(`/api/assessments/${ID}/print/public?revision=1&download=1`);

    await page.locator('pia-compare article').first().waitFor();
    const [redline] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '見え消しPDF' }).click()]);
    const pdf = await readFile((await redline.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await textOf(pdf, 'redline')).toContain('中間サーバー（自治体中間サーバー・プラットフォーム）');

    // A refused download says why, in Japanese, and saves nothing (it used to save the error body as a .pdf).
    const { data, etag } = (await (await page.request.get(api)).json()) as { data: Record<string, any>; etag: string };
    data['basicInfo'].systems[1].name = 123;
    expect((await page.request.put(api, { data: { data }, headers: { 'if-match': `"${etag}"` } })).status()).toBe(200);
    const redlineLink = page.getByRole('link', { name: '見え消しPDF' });
    const refusal = await page.request.get(new URL((await redlineLink.getAttribute('href'))!, shared.server.url).toString());
    expect(refusal.status()).toBe(422);
    const { message } = (await refusal.json()) as { message: string };
    const downloads: unknown[] = [];
    page.on('download', (started) => downloads.push(started));
    await redlineLink.click();
    const alert = page.locator('pia-compare').getByRole('alert');
    await alert.filter({ hasText: message }).waitFor();
    expect(await alert.innerText()).toBe(message);
    expect(downloads).toEqual([]);
  }, 120_000);
});
