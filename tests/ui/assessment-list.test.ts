import { describe, expect, it } from 'vitest';
import { useServerAndBrowser, usePagePerTest } from './hooks.js';

const shared = useServerAndBrowser();
const current = usePagePerTest(shared);

/** The samples of the repository (assessments/): 001, 002 and 004. */
const SAMPLES = 3;
const LIST = 'pia-assessment-list';

describe('the list of assessments in Chromium', () => {
  it('asks the server for one page at a time (100 rows) and pages with 次へ and 前へ, also through a search', async () => {
    const { page } = current;
    const requests: URLSearchParams[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/assessments' && request.method() === 'GET') requests.push(url.searchParams);
    });
    const rows = page.locator(`${LIST} tbody tr`);
    const range = page.locator(`${LIST} .pager .range`);
    const next = page.locator(`${LIST} .pager button.next`);
    const previous = page.locator(`${LIST} .pager button.previous`);
    await page.goto(`${shared.server.url}/`);
    await expect.poll(() => rows.count()).toBe(SAMPLES);
    expect(requests.map((query) => [query.get('offset'), query.get('limit')])).toEqual([['0', '100']]);
    // Everything fits on one page: no pager.
    expect(await page.locator(`${LIST} .pager`).count()).toBe(0);

    // Pages of two rows, so the three samples make two pages.
    await page.locator(LIST).evaluate((list, size) => ((list as unknown as { pageSize: number }).pageSize = size), 2);
    await expect.poll(() => range.textContent()).toBe(`全${SAMPLES}件中 1〜2件`);
    expect(await rows.count()).toBe(2);
    expect(await previous.isDisabled()).toBe(true);
    const firstPage = await rows.locator('td a').allTextContents();
    await next.click();
    await expect.poll(() => range.textContent()).toBe(`全${SAMPLES}件中 3〜3件`);
    expect(await rows.count()).toBe(1);
    expect(await next.isDisabled()).toBe(true);
    expect(firstPage).not.toContain(await rows.locator('td a').textContent());
    await previous.click();
    await expect.poll(() => range.textContent()).toBe(`全${SAMPLES}件中 1〜2件`);
    expect(await rows.locator('td a').allTextContents()).toEqual(firstPage);

    // From the second page, a search starts again at its own first page.
    await next.click();
    await expect.poll(() => range.textContent()).toBe(`全${SAMPLES}件中 3〜3件`);
    await page.locator(`${LIST} input[type=search]`).fill('重点項目');
    // Two matches fit on one page of two: no pager.
    await expect.poll(() => range.count()).toBe(0);
    expect(await rows.count()).toBe(2);
    expect((await rows.allTextContents()).every((row) => row.includes('重点項目'))).toBe(true);
    expect(requests.at(-1)?.get('offset')).toBe('0');
    expect(requests.every((query) => query.get('limit') !== null)).toBe(true);
  });
});
