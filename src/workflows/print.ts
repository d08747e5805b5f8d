/** What the official PDF of the draft or of a revision is made from: content, 変更箇所 appendix, title. */
import { cumulativeChangeRows } from '../diff/index.js';
import type { ChangeRow } from '../domain/revision.js';
import { AppError } from '../errors.js';
import { API_MESSAGES_JA, WORKFLOW_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import { validateAssessment, type FormId, type ValidationIssue } from '../schema/index.js';
import type { Workflow } from './context.js';
import { printedRowsOf, readRecord } from './record.js';

export type PrintSource = {
  readonly form: FormId;
  readonly data: Record<string, unknown>;
  /** The appendix: imported rows, then the rows of every revision whose state prints them (by date). */
  readonly changeRows: readonly ChangeRow[];
  /** 評価書名, or the assessment's id when the cover has none (for file names). */
  readonly title: string;
};

export const titleOf = (data: Record<string, unknown>, fallback: string): string => {
  const cover = data['cover'] as Record<string, unknown> | undefined;
  return typeof cover?.['title'] === 'string' && cover['title'].trim() !== '' ? cover['title'].trim() : fallback;
};

/** The PDF is the official document: it is printed only from content the form's rules accept. */
const requirePrintable = (issues: readonly ValidationIssue[]): void => {
  if (issues.length > 0) throw new AppError('ASSESSMENT_INVALID', fillMessage(M.pdfInvalid, { count: issues.length }), { issues });
};

/**
 * The draft (no `revision`) or revision n, as its PDF prints it. Revision n is printed as it is to be submitted:
 * its own rows count even while it is still 作成中, after those of the earlier revisions that print.
 */
export const printSource = async ({ store }: Workflow, revision?: number): Promise<PrintSource> => {
  const history = await readRecord(store);
  if (revision === undefined) {
    const draft = await store.readDraft();
    if (!draft.form) throw new AppError('UNKNOWN_FORM', fillMessage(API_MESSAGES_JA.unknownForm, { id: store.id }), { id: store.id });
    requirePrintable(draft.issues);
    return {
      form: draft.form,
      data: draft.data,
      changeRows: cumulativeChangeRows(draft.data, printedRowsOf(history)),
      title: titleOf(draft.data, store.id),
    };
  }
  const frozen = await store.readRevision(revision);
  requirePrintable(validateAssessment(frozen.data).issues);
  const own = history.find((candidate) => candidate.number === revision)?.rows ?? [];
  const earlier = printedRowsOf(history.filter((candidate) => candidate.number < revision));
  return {
    form: frozen.form,
    data: frozen.data,
    changeRows: cumulativeChangeRows(frozen.data, [...earlier, own]),
    title: titleOf(frozen.data, store.id),
  };
};
