import { isAppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import { imageFilesOf, renderPdfBuffer } from '../render/index.js';
import type { ValidationIssue } from '../schema/index.js';
import { DEFAULT_TEMPLATES_DIR, readFonts, readTemplates, writeFileAtomic } from '../store/index.js';
import { printSource } from '../workflows/index.js';
import { workflowAt } from './commands.js';
import { formatIssue } from './format.js';
import { pathIn, type CliIo } from './io.js';
import { CLI_MESSAGES_JA as M } from './messages.ja.js';

/**
 * `pia render <file> [-o out.pdf]`: the official PDF of the draft, written atomically, with the cumulative 変更箇所
 * appendix. A draft the form's rules refuse is not printed; its issues are listed instead.
 */
export const renderCommand = async (
  file: string,
  out: string | undefined,
  io: CliIo,
  templatesDir = DEFAULT_TEMPLATES_DIR,
): Promise<number> => {
  const workflow = await workflowAt(file, io);
  let source;
  try {
    source = await printSource(workflow);
  } catch (error) {
    const issues = isAppError(error) ? error.details['issues'] : undefined;
    if (!isAppError(error) || error.code !== 'ASSESSMENT_INVALID' || !Array.isArray(issues)) throw error;
    for (const issue of issues as ValidationIssue[]) io.err(formatIssue(file, issue));
    io.err(error.messageJa);
    return 1;
  }
  const target = out ?? `${file.replace(/\.ya?ml$/, '')}.pdf`;
  const [fonts, templates, images] = await Promise.all([
    readFonts(),
    readTemplates(templatesDir),
    workflow.store.readImages(imageFilesOf(source.data)),
  ]);
  const { pdf, pages } = await renderPdfBuffer(source.form, source.data, { fonts, templates, images }, { changeRows: source.changeRows });
  await writeFileAtomic(pathIn(io, target), pdf);
  io.out(fillMessage(M.rendered, { file: target, pages }));
  return 0;
};
