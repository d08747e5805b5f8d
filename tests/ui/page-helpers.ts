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
