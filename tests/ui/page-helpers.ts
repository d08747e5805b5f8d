/** Locators and waits for the editor page, by JSON Pointer (fields carry data-pointer; CSS pierces shadow roots). */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

export const field = (page: Page, pointer: string): Locator => page.locator(`[data-pointer="${pointer}"]`);

/** The text box or drop-down of a single-value field. */
export const input = (page: Page, pointer: string): Locator =>
  field(page, pointer).locator('input:not([type=radio]):not([type=checkbox]), textarea, select').first();

export const saveStatus = (page: Page): Locator => page.locator('pia-editor .status');

/** Until the page is next loaded, it autosaves `ms` after an edit instead of 1.2 s. */
export const autosaveAfter = async (page: Page, ms: number): Promise<void> => {
  await page.evaluate(`window.piaAutosaveDelayMs = ${ms}`);
};

/**
 * 100 ms (quickAutosave in support.ts does so for a whole context): for a test that waits for its saves but is not
 * about the pause before one, in a file whose other tests are.
 */
export const autosaveSoon = (page: Page): Promise<void> => autosaveAfter(page, 100);

/** Autosave is debounced: wait until the toolbar says the draft on disk is this one. */
export const waitSaved = async (page: Page): Promise<void> => {
  await page.locator('pia-editor .status[data-state="saved"]').waitFor();
};

export const openEditor = async (page: Page, baseUrl: string, id: string): Promise<void> => {
  await page.goto(`${baseUrl}/assessments/${encodeURIComponent(id)}`);
  await page.locator('pia-section').first().waitFor();
};

export const expectValue = async (page: Page, pointer: string, expected: string): Promise<void> => {
  expect(await input(page, pointer).inputValue()).toBe(expected);
};

// Evaluated in the page, as a string because tests are type-checked without the DOM library: the data-pointer of
// the field that holds the keyboard focus, looking through the shadow roots on the way.
const FOCUSED_POINTER = `(() => {
  let e = document.activeElement;
  while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
  let n = e;
  while (n && !(n.dataset && n.dataset.pointer)) n = n.parentNode instanceof ShadowRoot ? n.parentNode.host : n.parentNode;
  return n ? n.dataset.pointer : null;
})()`;

export const focusedPointer = async (page: Page): Promise<string | null> =>
  (await page.evaluate(FOCUSED_POINTER)) as string | null;

/**
 * Jump to an item as the outline and the issue list do. The editor renders a part's items as they come near the
 * window, so a test reaches an item far down the way a user does, by jumping (or scrolling) to it.
 */
export const reveal = async (page: Page, pointer: string): Promise<void> => {
  await page.evaluate(`document.querySelector('pia-app').shadowRoot.querySelector('pia-editor').dispatchEvent(
    new CustomEvent('pia-reveal', { detail: { pointer: ${JSON.stringify(pointer)} }, bubbles: true, composed: true }))`);
  await field(page, pointer).first().waitFor();
};

/**
 * Scroll the editor down until no part or item still waits for the window: each step brings the first placeholder
 * left (parts and items not rendered yet hold one, in their shadow roots) to the top of the window, as a user
 * scrolling on would, and waits two frames for what came near to render. Stepping a window's height at a time
 * through all of 001 (110,000 px at 1280 px, most of it the 変更箇所 table, rendered at once) took 140 steps and,
 * when CI's machine was loaded, the layout test over its timeout.
 */
export const scrollThrough = async (page: Page): Promise<void> => {
  const left = (await page.evaluate(`(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const firstPlaceholder = (root) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.classList.contains('placeholder')) return element;
        const inside = element.shadowRoot && firstPlaceholder(element.shadowRoot);
        if (inside) return inside;
      }
      return null;
    };
    for (let step = 0; step < 200; step += 1) {
      const next = firstPlaceholder(document);
      if (!next) return 0;
      next.scrollIntoView({ block: 'start' });
      await frame();
      await frame();
    }
    return 1;
  })()`)) as number;
  expect(left, 'every part and item rendered').toBe(0);
};
