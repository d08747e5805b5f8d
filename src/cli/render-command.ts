import { RENDER_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import { imageFilesOf, renderPdfBuffer } from '../render/index.js';
import { cumulativeChangeRows } from '../diff/index.js';
import { DEFAULT_TEMPLATES_DIR, listRevisions, loadAssessment, readFonts, readImages, readTemplates, writeFileAtomic } from '../store/index.js';
import type { Output } from './commands.js';
import { formatIssue } from './format.js';

/**
 * `pia render <file> -o <out.pdf>`: the official PDF, written atomically. An assessment with validation issues
 * is not rendered, because a published PDF must match a valid document; the issues are listed instead. The
 * 変更箇所 pages print the cumulative appendix (imported rows + rows of submitted/published revisions).
 */
export const renderCommand = async (file: string, out: string | undefined, io: Output, templatesDir = DEFAULT_TEMPLATES_DIR): Promise<number> => {
  const loaded = await loadAssessment(file);
  if (!loaded.form || loaded.issues.length > 0) {
    for (const issue of loaded.issues) io.err(formatIssue(file, issue));
    io.err(fillMessage(RENDER_MESSAGES_JA.invalid, { count: loaded.issues.length }));
    return 1;
  }
  const target = out ?? `${file.replace(/\.ya?ml$/, '')}.pdf`;
  const [fonts, templates, images] = await Promise.all([readFonts(), readTemplates(templatesDir), readImages(file, imageFilesOf(loaded.data))]);
  // 変更箇所: the imported rows, then the confirmed rows of every submitted or published revision.
  const changeRows = cumulativeChangeRows(loaded.data, await listRevisions(file));
  const { pdf, pages } = await renderPdfBuffer(loaded.form, loaded.data, { fonts, templates, images }, { changeRows });
  await writeFileAtomic(target, pdf);
  io.out(`${target} を出力しました（${pages}ページ）。`);
  return 0;
};
