import { execFileSync } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { imageFilesOf, layoutAssessment, renderPdfBuffer } from '../../src/render/index.js';
import { CONTENT_WIDTH, PAGE } from '../../src/render/layout/geometry.js';
import { loadAssessment, readImages } from '../../src/store/index.js';
import { makeTempDir, seedFile } from '../helpers/seeds.js';
import { pdfText, renderAssets } from '../helpers/render.js';

type Data = Record<string, unknown>;

describe('事務の内容 diagrams', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let file: string;
  let data: Data;

  beforeAll(async () => {
    temp = await makeTempDir();
    file = path.join(temp.dir, 'assessment.yaml');
    await copyFile(seedFile('001-kitakyushu-yobosesshu'), file);
    // A real picture wider and taller than the page: the cover of 伊勢市's PDF at 150 dpi.
    const cover = await renderPdfBuffer('yoshiki3', (await loadAssessment(seedFile('004-ise-yobosesshu'))).data, await renderAssets());
    await writeFile(path.join(temp.dir, 'cover.pdf'), cover.pdf);
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', path.join(temp.dir, 'cover.pdf'), path.join(temp.dir, 'flow')]);
    data = structuredClone((await loadAssessment(file)).data);
    (data['businessAnnex'] as Data)['diagrams'] = [{ file: 'flow.png', caption: '予防接種事務の流れ' }];
  });
  afterAll(() => temp.cleanup());

  it('scales a diagram down to fit the page, keeps its proportions, and prints its caption', async () => {
    const images = await readImages(file, imageFilesOf(data));
    const assets = { ...(await renderAssets()), images };
    const tree = layoutAssessment('yoshiki4', data, assets);
    const drawn = tree.pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'image' ? [item] : [])));
    expect(drawn).toHaveLength(1);
    const { rect } = drawn[0]!;
    expect(rect.width).toBeLessThanOrEqual(CONTENT_WIDTH + 0.01);
    expect(rect.x).toBeGreaterThanOrEqual(PAGE.marginX - 0.01);
    expect(rect.y + rect.height).toBeLessThanOrEqual(PAGE.height - PAGE.marginBottom + 0.01);
    // 1240 × 1754 px at 150 dpi: the aspect ratio survives the scaling.
    expect(rect.height / rect.width).toBeCloseTo(1754 / 1240, 2);

    const { pdf } = await renderPdfBuffer('yoshiki4', data, assets);
    const listed = execFileSync('pdfimages', ['-list', '-'], { input: pdf, encoding: 'utf8' });
    expect(listed.trim().split('\n').length - 2).toBe(1);
    expect(pdfText(pdf, temp.dir, 'with-diagram')).toContain('予防接種事務の流れ');
  });

  it('refuses a diagram file that is missing or outside the assessment folder, naming it', async () => {
    for (const name of ['missing.png', '../outside.png']) {
      const error = await readImages(file, [name]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('IMAGE_NOT_FOUND');
      expect((error as AppError).messageJa).toContain(name);
    }
  });
});
