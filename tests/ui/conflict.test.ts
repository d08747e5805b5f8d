import { describe, expect, it } from 'vitest';
import { expectValue, input, openEditor, waitSaved } from './page-helpers.js';
import { useServerAndBrowser } from './hooks.js';

const shared = useServerAndBrowser();

const ID = '004-ise-yobosesshu';

describe('two people editing the same assessment', () => {
  it('gives the second save the conflict dialog, shows theirs beside mine, and loses neither version', async () => {
    const [first, second] = await Promise.all([shared.browser.newContext(), shared.browser.newContext()]);
    const [alice, bob] = await Promise.all([first.newPage(), second.newPage()]);
    await Promise.all([openEditor(alice, shared.server.url, ID), openEditor(bob, shared.server.url, ID)]);

    await input(alice, '/cover/organization').fill('伊勢市長（甲の編集）');
    await waitSaved(alice);
    await input(bob, '/basicInfo/business/name').fill('予防接種に関する事務（乙の編集）');

    const dialog = bob.locator('pia-conflict-dialog dialog[open]');
    await dialog.waitFor();
    const rows = dialog.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const text = await dialog.locator('table').innerText();
    expect(text).toContain('伊勢市長（甲の編集）');
    expect(text).toContain('予防接種に関する事務（乙の編集）');
    expect(await dialog.locator('textarea').inputValue()).toContain('予防接種に関する事務（乙の編集）');

    await dialog.getByRole('button', { name: '保存されている版を採用' }).click();
    await dialog.waitFor({ state: 'detached' });
    await waitSaved(bob);
    await expectValue(bob, '/cover/organization', '伊勢市長（甲の編集）');
    // The edit Bob did not keep stays on the page as a copy.
    const setAside = bob.locator('pia-editor details.notice textarea');
    expect(await setAside.inputValue()).toContain('予防接種に関する事務（乙の編集）');

    // Now Bob edits on top of the kept version; Alice's next save conflicts, and she keeps her own.
    await input(bob, '/basicInfo/business/name').fill('予防接種に関する事務（乙の再編集）');
    await waitSaved(bob);
    await input(alice, '/cover/specialNotes').fill('甲の特記事項');
    const aliceDialog = alice.locator('pia-conflict-dialog dialog[open]');
    await aliceDialog.waitFor();
    await aliceDialog.getByRole('button', { name: 'あなたの編集で上書き' }).click();
    await waitSaved(alice);
    expect(await alice.locator('pia-editor details.notice textarea').inputValue()).toContain('乙の再編集');
    await alice.reload();
    await alice.locator('pia-section').first().waitFor();
    await expectValue(alice, '/cover/specialNotes', '甲の特記事項');
    expect(await alice.locator('pia-editor details.notice textarea').count()).toBe(0);
    await Promise.all([first.close(), second.close()]);
  });
});
