/** `pia publish`, `pia verify`, `pia withhold`, `pia withheld`: the publication of a revision and its 非公表 parts. */
import path from 'node:path';
import { fillMessage } from '../messages.ja.js';
import { createPublicationTools } from '../publishing.js';
import { formRevisionOf, itemPath, splitPointer } from '../schema/index.js';
import { isPublicationText, readFileBytes, readImages, writeBundle } from '../store/index.js';
import {
  listWithheld,
  publishRevision,
  removeWithheld,
  variantName,
  verifyPdf,
  withholdInDraft,
  type Verification,
  type VerifySource,
  type WithholdRequest,
} from '../workflows/index.js';
import { workflowAt } from './commands.js';
import { pathIn, type CliIo } from './io.js';
import { CLI_MESSAGES_JA as M } from './messages.ja.js';
import { revisionNumber } from './revisions.js';

/**
 * `pia publish <file> <n> [-o <dir>]`: the bundle of a submitted or published revision (公表版, 提出版, the
 * revision's YAML, its images, manifest.json with the SHA-256 of each), written into `<dir>` (default: a folder
 * `<評価書ID>-r<n>` beside the assessment).
 */
export const publishCommand = async (file: string, n: string, out: string | undefined, io: CliIo): Promise<number> => {
  const workflow = await workflowAt(file, io);
  const number = revisionNumber(n);
  const { files, manifest } = await publishRevision(workflow, number, createPublicationTools());
  const dir = out ?? path.join(path.dirname(file), `${workflow.store.id}-r${number}`);
  await writeBundle(pathIn(io, dir), files);
  io.out(fillMessage(M.published, { dir, number, count: files.length }));
  for (const entry of manifest.files) io.out(`  ${entry.sha256}  ${entry.name}`);
  return 0;
};

const verdictLine = (result: Verification): string => {
  switch (result.verdict) {
    case 'unstamped':
      return M.verifyUnstamped;
    case 'redline':
      return fillMessage(M.verifyRedline, { assessment: result.assessment, revision: result.revision, against: result.against });
    default: {
      const named = { assessment: result.assessment, number: result.revision, variant: variantName(result.variant) };
      return fillMessage(
        { needsSource: M.verifyNeedsSource, otherSource: M.verifyOtherSource, unaltered: M.verifyUnaltered, altered: M.verifyAltered }[result.verdict],
        named,
      );
    }
  }
};

/**
 * `pia verify <pdf> [<yaml>]`: whether a PDF is an unaltered rendering of the revision its stamp names, re-rendered
 * from the bundle's YAML, from the record of an assessment (its assessment.yaml), or from the YAML a 提出版 carries.
 * Exit 0 only for an unaltered PDF.
 */
export const verifyCommand = async (pdfFile: string, yamlFile: string | undefined, io: CliIo): Promise<number> => {
  const pdf = await readFileBytes(pathIn(io, pdfFile));
  let source: VerifySource | undefined;
  if (yamlFile !== undefined) {
    const yamlPath = pathIn(io, yamlFile);
    const text = new TextDecoder('utf-8').decode(await readFileBytes(yamlPath));
    source = isPublicationText(text, yamlFile)
      ? { kind: 'yaml', text, name: yamlFile, images: (names) => readImages(yamlPath, names) }
      : { kind: 'record', workflow: await workflowAt(yamlFile, io) };
  }
  const result = await verifyPdf(pdf, source, createPublicationTools());
  const line = `${pdfFile}: ${verdictLine(result)}`;
  if (result.verdict === 'unaltered') {
    io.out(line);
    io.out(fillMessage(M.verifySource, { sha: result.sourceSha256 }));
    return 0;
  }
  io.err(line);
  return 1;
};

/**
 * `pia withhold <file> <pointer> (--text <文> | --all) -m <理由>`: flag a span (every occurrence of the text in the
 * item) or the whole value 非公表; `pia withhold <file> --remove <番号>` removes flag n as `pia withheld` lists it.
 */
export const withholdCommand = async (
  file: string,
  pointer: string | undefined,
  options: { readonly text?: string; readonly all?: boolean; readonly remove?: string; readonly reason?: string },
  io: CliIo,
): Promise<number> => {
  const workflow = await workflowAt(file, io);
  if (options.remove !== undefined) {
    const index = Number(options.remove) - 1;
    if (!(await removeWithheld(workflow, index))) {
      io.err(fillMessage(M.withheldNoSuch, { number: options.remove }));
      return 1;
    }
    io.out(fillMessage(M.withheldRemoved, { number: options.remove }));
    return 0;
  }
  if (pointer === undefined || !pointer.startsWith('/') || (options.text === undefined) === (options.all !== true)) {
    io.err(M.withholdUsage);
    return 2;
  }
  const base = { pointer, reason: options.reason ?? '' };
  const request: WithholdRequest = options.all ? { ...base, whole: true } : { ...base, text: options.text! };
  const { entry } = await withholdInDraft(workflow, request);
  io.out(fillMessage(M.withheldAdded, { pointer: entry.pointer, what: entry.text === undefined ? M.withheldWhole : `「${entry.text}」` }));
  return 0;
};

/** `pia withheld <file>`: the draft's 非公表 flags, numbered, with what each covers now. */
export const withheldCommand = async (file: string, io: CliIo): Promise<number> => {
  const workflow = await workflowAt(file, io);
  const draft = await workflow.store.readDraft();
  const flags = await listWithheld(workflow);
  if (flags.length === 0) {
    io.out(fillMessage(M.withheldNone, { file }));
    return 0;
  }
  for (const flag of flags) {
    const item = draft.form ? itemPath(draft.form, splitPointer(flag.entry.pointer), { revision: formRevisionOf(draft.data) }).join(' > ') : flag.entry.pointer;
    const what = flag.entry.text === undefined ? M.withheldWhole : `「${flag.entry.text}」`;
    const state = { span: M.withheldSpan, whole: M.withheldWholeState, stale: M.withheldStale, invalid: M.withheldInvalid }[flag.state];
    io.out(fillMessage(M.withheldLine, { number: flag.index + 1, item: item || flag.entry.pointer, what, state, reason: flag.entry.reason }));
  }
  return flags.some((flag) => flag.state === 'stale' || flag.state === 'invalid') ? 1 : 0;
};
