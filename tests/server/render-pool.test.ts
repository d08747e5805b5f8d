/** The server's PDF worker pool: the same bytes as rendering in-thread, the renderer's errors intact, concurrent jobs. */
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { renderPdfBuffer } from '../../src/render/index.js';
import { createRenderPool } from '../../src/server/render-pool.js';
import { DEFAULT_TEMPLATES_DIR, parseAssessment } from '../../src/store/index.js';
import { renderAssets } from '../helpers/render.js';
import { seedFile } from '../helpers/seeds.js';

const pool = createRenderPool(2);
afterAll(() => pool.close());

const seed = async (dir: string): Promise<Record<string, unknown>> => {
  const file = seedFile(dir);
  return parseAssessment(await readFile(file), file).data as Record<string, unknown>;
};

const job = (data: Record<string, unknown>) => ({
  form: data['form'] as 'yoshiki3' | 'yoshiki4',
  data,
  changeRows: undefined,
  images: {},
  templatesDir: DEFAULT_TEMPLATES_DIR,
});

describe('the PDF render pool', () => {
  it('renders in a worker exactly the bytes the renderer gives in-thread, for several PDFs at once', async () => {
    const samples = await Promise.all(['004-ise-yobosesshu', '002-nagaoka-covid19', '004-ise-yobosesshu'].map(seed));
    const pooled = await Promise.all(samples.map((data) => pool.render(job(data))));
    const inThread = await renderPdfBuffer('yoshiki3', samples[0]!, await renderAssets());
    expect(pooled[0]!.equals(inThread.pdf)).toBe(true);
    expect(pooled[2]!.equals(inThread.pdf)).toBe(true);
    expect(pooled[1]!.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('passes the renderer’s own error back, code and Japanese message, and keeps serving', async () => {
    const data = await seed('004-ise-yobosesshu');
    (data['cover'] as Record<string, unknown>)['specialNotes'] = '絵文字😀を含む特記事項';
    const failed = await pool.render(job(data)).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).code).toBe('FONT_MISSING_GLYPH');
    expect((failed as AppError).messageJa).toContain('😀');
    const next = await pool.render(job(await seed('004-ise-yobosesshu')));
    expect(next.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('starts new workers after close', async () => {
    await pool.close();
    const again = await pool.render(job(await seed('004-ise-yobosesshu')));
    expect(again.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
