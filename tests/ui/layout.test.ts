import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { usePagePerTest, useServerAndBrowser } from './hooks.js';
import { focusedPointer, openEditor, scrollThrough } from './page-helpers.js';

const shared = useServerAndBrowser();
const SAMPLE = '001-kitakyushu-yobosesshu';

// Evaluated in the page (tests are type-checked without the DOM library).
const OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';

const current = usePagePerTest(shared);

const withPage = async (width: number, run: (page: Page) => Promise<void>): Promise<void> => {
  await current.page.setViewportSize({ width, height: 800 });
  await run(current.page);
};

describe('layout and keyboard use', () => {
  it.each([1280, 420])('shows the list and the 全項目 editor without sideways scrolling at %i px', async (width) => {
    await withPage(width, async (page) => {
      await page.goto(`${shared.server.url}/`);
      await page.locator('pia-assessment-list td a').first().waitFor();
      expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
      await openEditor(page, shared.server.url, SAMPLE);
      // Every part rendered, down to the 変更箇所 history table (177 rows; cards on a narrow window).
      await scrollThrough(page);
      await page.locator('[data-pointer="/changeHistory"] pia-entry-table tr[data-row="176"]').waitFor();
      expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
      expect(await page.locator('aside pia-outline').isVisible()).toBe(width >= 1000);
      expect(await page.locator('details.outline-toggle').isVisible()).toBe(width < 1000);
    });
  });

  it('jumps from the 項目一覧 to an item with the keyboard alone on a narrow window', async () => {
    await withPage(420, async (page) => {
      await openEditor(page, shared.server.url, SAMPLE);
      const toggle = page.locator('details.outline-toggle summary');
      await toggle.focus();
      await page.keyboard.press('Enter');
      const target = page.locator('details.outline-toggle pia-outline button', { hasText: '特定個人情報ファイルの取扱いの委託' }).first();
      await target.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => focusedPointer(page)).toMatch(/^\/files\/0\/overview\/consignment/);
      // The focus lands on 委託の有無's radio buttons: the arrow keys change the answer, as in any radio group.
      await page.keyboard.press('ArrowRight');
      await page.locator('pia-editor .status[data-state="dirty"]').waitFor();
    });
  });
});
