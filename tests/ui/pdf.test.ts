import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './hooks.js';
import { input, openEditor } from './page-helpers.js';

const run = promisify(execFile);
const ID = '002-nagaoka-covid19';

const shared = useServerAndBrowser();

describe('the PDF in Chromium', () => {
  it('previews the PDF in the page and downloads a valid PDF with the edited text', async () => {
    const context = await shared.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await openEditor(page, shared.server.url, ID);
    await input(page, '/cover/specialNotes').fill('本評価書はブラウザ試験で編集した。');
    await page.getByRole('button', { name: 'PDFプレビューを表示' }).click();
    await page.locator('pia-pdf-preview iframe').waitFor({ state: 'attached' });
    // The frame shows the PDF the page fetched (a blob: URL): the Content-Security-Policy lets it in.
    await expect.poll(() => page.frames().some((frame) => frame.url().startsWith('blob:'))).toBe(true);
    expect(refused).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('pia-pdf-preview a.download').click(),
    ]);
    const dir = await mkdtemp(path.join(tmpdir(), 'pia-pdf-'));
    try {
      const file = path.join(dir, 'download.pdf');
      await download.saveAs(file);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      expect((await readFile(file)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { stdout } = await run('pdftotext', ['-layout', file, '-']);
      expect(stdout.replace(/\s+/g, '')).toContain('本評価書はブラウザ試験で編集した。');
    } finally {
      await rm(dir, { recursive: true, force: true });
      await context.close();
    }
  });
});
