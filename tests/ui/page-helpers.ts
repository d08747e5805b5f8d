/** Locators and waits for the editor page, by JSON Pointer (fields carry data-pointer; CSS pierces shadow roots). */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

export const field = (page: Page, pointer: string): Locator => page.locator(`[data-pointer="${pointer}"]`);

/** The text box or drop-down of a single-value field. */
export const input = (page: Page, pointer: string): Locator =>
  field(page, pointer).locator('input:not([type=radio]):not([type=checkbox]), textarea, select').first();

export const saveStatus = (page: Page): Locator => page.locator('pia-editor .status');

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

/** Scroll the whole editor through the window, so every item has been rendered. */
export const scrollThrough = async (page: Page): Promise<void> => {
  for (let step = 0; step < 500; step += 1) {
    const done = (await page.evaluate(`(() => {
      window.scrollBy(0, window.innerHeight);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    })()`)) as boolean;
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    if (done) return;
  }
};
