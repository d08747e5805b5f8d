import { isAppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import { createPublicationTools } from '../publishing.js';
import type { ValidationIssue } from '../schema/index.js';
import { DEFAULT_TEMPLATES_DIR, writeFileAtomic } from '../store/index.js';
import { printVariant, redlineRequest, type RenderRequest } from '../workflows/index.js';
import { workflowAt } from './commands.js';
import { formatIssue } from './format.js';
import { pathIn, type CliIo } from './io.js';
import { CLI_MESSAGES_JA as M } from './messages.ja.js';
import { revisionNumber } from './revisions.js';

export type RenderChoice = {
  readonly output?: string;
  /** A committed revision instead of the draft. */
  readonly revision?: string;
  /** The 公表版 (withheld parts replaced) instead of the 提出版. */
  readonly public?: boolean;
  /** A reviewer's redline: the changes since this revision marked. */
  readonly against?: string;
};

const suffixOf = (choice: RenderChoice): string =>
  [choice.revision ? `-r${choice.revision}` : '', choice.against ? `-redline-r${choice.against}` : '', choice.public ? `-${M.publicSuffix}` : ''].join('');

/**
 * `pia render <file> [--revision <n>] [--public] [--against <n>] [-o out.pdf]`: the official PDF of the draft or of
 * a revision, written atomically: the 提出版 (everything), the 公表版 (withheld parts replaced), or a redline with
 * the changes since revision `--against` marked. A document the form's rules refuse is not printed; its issues are
 * listed instead.
 */
export const renderCommand = async (file: string, choice: RenderChoice, io: CliIo, templatesDir = DEFAULT_TEMPLATES_DIR): Promise<number> => {
  const workflow = await workflowAt(file, io);
  const tools = createPublicationTools(templatesDir);
  const revision = choice.revision === undefined ? undefined : revisionNumber(choice.revision);
  let request: RenderRequest;
  try {
    request =
      choice.against !== undefined
        ? (await redlineRequest(workflow, { from: revisionNumber(choice.against), to: revision ?? 'draft' }, tools)).request
        : (await printVariant(workflow, revision, choice.public ? 'public' : 'submission', tools)).request;
  } catch (error) {
    const issues = isAppError(error) ? error.details['issues'] : undefined;
    if (!isAppError(error) || error.code !== 'ASSESSMENT_INVALID' || !Array.isArray(issues)) throw error;
    for (const issue of issues as ValidationIssue[]) io.err(formatIssue(file, issue));
    io.err(error.messageJa);
    return 1;
  }
  const target = choice.output ?? `${file.replace(/\.ya?ml$/, '')}${suffixOf(choice)}.pdf`;
  const pdf = await tools.render(request);
  await writeFileAtomic(pathIn(io, target), pdf);
  io.out(fillMessage(M.rendered, { file: target, pages: tools.inspect(pdf).pages }));
  return 0;
};
