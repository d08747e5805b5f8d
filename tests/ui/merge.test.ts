import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { autosaveSoon, expectValue, input, openEditor, reveal, waitSaved } from './page-helpers.js';
import { usePagePerTest, useServerAndBrowser } from './hooks.js';

const shared = useServerAndBrowser();
/** Two colleagues, each in a browser of their own. */
const first = usePagePerTest(shared);
const second = usePagePerTest(shared);

const ID = '004-ise-yobosesshu';
const DEPARTMENT = '/basicInfo/department/name';
const HEAD = '/basicInfo/department/headTitle';

/** The draft as it is on disk now. */
const onDisk = async (page: Page): Promise<Record<string, any>> =>
  ((await (await page.request.get(`${shared.server.url}/api/assessments/${ID}`)).json()) as { data: Record<string, any> }).data;

/** The two colleagues with the editor open on the same assessment. */
const twoEditors = async (): Promise<{ alice: Page; bob: Page }> => {
  const [alice, bob] = [first.page, second.page];
  await Promise.all([openEditor(alice, shared.server.url, ID), openEditor(bob, shared.server.url, ID)]);
  return { alice, bob };
};

describe('two people editing the same assessment', () => {
  it('merges edits of different items without a dialog and tells each what came in from the other', async () => {
    const { alice, bob } = await twoEditors();
    // Saves soon after each edit: this test waits for one person's save before the other edits. The tests below
    // keep the 1.2 s pause, since there both edit before either saves.
    await Promise.all([autosaveSoon(alice), autosaveSoon(bob)]);
    // A changes Ⅰ６①部署 and saves; B, who opened the page earlier, changes ②所属長 (each jumps to the item first,
    // as the editor renders items as they are reached).
    await reveal(alice, DEPARTMENT);
    await input(alice, DEPARTMENT).fill('健康福祉部健康課（甲）');
    await waitSaved(alice);
    await reveal(bob, HEAD);
    await input(bob, HEAD).fill('健康課長（乙）');
    await waitSaved(bob);

    expect(await bob.locator('pia-conflict-dialog dialog[open]').count()).toBe(0);
    const notice = bob.locator('pia-merge-notice [role=status]');
    expect(await notice.innerText()).toContain('ほかの人の変更を取り込みました（1件）');
    expect(await notice.locator('li').innerText()).toContain('６．評価実施機関における担当部署 ①部署');
    await expectValue(bob, DEPARTMENT, '健康福祉部健康課（甲）');
    const saved = await onDisk(bob);
    expect(saved.basicInfo.department).toEqual({ name: '健康福祉部健康課（甲）', headTitle: '健康課長（乙）' });

    // A's next edit merges B's 所属長 in the same way, still without a dialog.
    await reveal(alice, '/basicInfo/otherBodies');
    await input(alice, '/basicInfo/otherBodies').fill('なし（甲）');
    await waitSaved(alice);
    await expectValue(alice, HEAD, '健康課長（乙）');
    expect(await alice.locator('pia-conflict-dialog dialog[open]').count()).toBe(0);
    expect((await onDisk(alice)).basicInfo).toMatchObject({ department: { name: '健康福祉部健康課（甲）', headTitle: '健康課長（乙）' }, otherBodies: 'なし（甲）' });

    // Applying the merge is one undoable step like any other: B takes A's 部署 back out; A's later edit, merged
    // in by that save, stays.
    await bob.locator('pia-editor button.undo').click();
    await expectValue(bob, DEPARTMENT, '健康福祉部健康課');
    await waitSaved(bob);
    await expectValue(bob, HEAD, '健康課長（乙）');
    expect((await onDisk(bob)).basicInfo).toMatchObject({ department: { name: '健康福祉部健康課', headTitle: '健康課長（乙）' }, otherBodies: 'なし（甲）' });
  });

  it('shows only the item both changed, side by side, and keeps every other change of both', async () => {
    const { alice, bob } = await twoEditors();
    await input(alice, '/cover/specialNotes').fill('甲の特記事項');
    await reveal(alice, '/disclosure/inquiry/response');
    await input(alice, '/disclosure/inquiry/response').fill('甲の対応');
    await waitSaved(alice);
    await input(bob, '/cover/specialNotes').fill('乙の特記事項');
    await reveal(bob, '/disclosure/request/method');
    await input(bob, '/disclosure/request/method').fill('乙の請求方法');

    const dialog = bob.locator('pia-conflict-dialog dialog[open]');
    await dialog.waitFor();
    const items = dialog.locator('fieldset');
    expect(await items.count()).toBe(1);
    const item = items.first();
    expect(await item.locator('legend').innerText()).toBe('表紙 特記事項');
    expect(await item.locator('label.mine .value').innerText()).toBe('乙の特記事項');
    expect(await item.locator('label.theirs .value').innerText()).toBe('甲の特記事項');
    expect(await item.locator('label.base .value').innerText()).toBe('（空欄）');
    expect(await dialog.innerText()).toContain('ほかの項目の変更（1件）は、どちらの分も自動で取り込み済みです。');

    // Saving waits for a choice on every item.
    const save = dialog.getByRole('button', { name: '選んだ記載で保存' });
    expect(await save.isDisabled()).toBe(true);
    await item.locator('label.mine').click();
    await save.click();
    await dialog.waitFor({ state: 'detached' });
    await waitSaved(bob);

    const saved = await onDisk(bob);
    expect(saved.cover.specialNotes).toBe('乙の特記事項');
    expect(saved.disclosure.inquiry.response).toBe('甲の対応');
    expect(saved.disclosure.request.method).toBe('乙の請求方法');
    await reveal(bob, '/disclosure/inquiry/response');
    await expectValue(bob, '/disclosure/inquiry/response', '甲の対応');
  });

  it('keeps an edit that reached the draft after the conflict was found, over the choice made in the dialog', async () => {
    const { alice, bob } = await twoEditors();
    await input(alice, '/cover/specialNotes').fill('甲が後から書いた特記事項');
    await waitSaved(alice);
    await input(bob, '/cover/specialNotes').fill('乙が後から書いた特記事項');
    const dialog = bob.locator('pia-conflict-dialog dialog[open]');
    await dialog.waitFor();
    // The page behind the dialog is inert, so a person cannot type there once it is drawn; a key pressed in the
    // moment before it was drawn still reaches the draft, as this input event does.
    await reveal(bob, '/disclosure/request/method');
    await input(bob, '/disclosure/request/method').evaluate((element, value) => {
      const field = element as unknown as { value: string; dispatchEvent: (event: Event) => boolean };
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }, '開いている間の請求方法');
    await dialog.locator('fieldset label.theirs').click();
    await dialog.getByRole('button', { name: '選んだ記載で保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitSaved(bob);
    const saved = await onDisk(bob);
    expect(saved.cover.specialNotes).toBe('甲が後から書いた特記事項');
    expect(saved.disclosure.request.method).toBe('開いている間の請求方法');
  });
});

describe('the autosave of the long 全項目 sample', () => {
  it('sends only the item typed into (PATCH against the version it holds), and the file on disk gets it', async () => {
    const SAMPLE = '001-kitakyushu-yobosesshu';
    const ITEM = '/cover/specialNotes';
    const { page } = first;
    const saves: { method: string; bytes: number; ifMatch: string | undefined }[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith(`/api/assessments/${SAMPLE}`) && request.method() !== 'GET')
        saves.push({ method: request.method(), bytes: request.postDataBuffer()?.length ?? 0, ifMatch: request.headers()['if-match'] });
    });
    await openEditor(page, shared.server.url, SAMPLE);
    await autosaveSoon(page);
    const loaded = (await (await page.request.get(`${shared.server.url}/api/assessments/${SAMPLE}`)).json()) as { etag: string };
    for (const text of ['差分で保存する一回目', '差分で保存する二回目']) {
      await reveal(page, ITEM);
      await input(page, ITEM).fill(text);
      await waitSaved(page);
    }
    const disk = (await (await page.request.get(`${shared.server.url}/api/assessments/${SAMPLE}`)).json()) as { data: Record<string, any>; etag: string };
    expect(disk.data['cover'].specialNotes).toBe('差分で保存する二回目');
    expect(saves.map((save) => save.method)).toEqual(['PATCH', 'PATCH']);
    // Each save names the version it was made from: the one loaded, then the one the first save wrote.
    expect(saves[0]!.ifMatch).toBe(`"${loaded.etag}"`);
    expect(saves[1]!.ifMatch).not.toBe(saves[0]!.ifMatch);
    // A few hundred bytes, where the whole draft is ~250 KB of JSON.
    for (const save of saves) expect(save.bytes).toBeLessThan(1000);
  });
});
