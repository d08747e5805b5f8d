/** Committed revisions: list, read one, plan and commit the next one (with its starting 変更箇所 rows). */
import { cumulativeChangeRows } from '../diff/index.js';
import { AppError } from '../errors.js';
import { WORKFLOW_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import type { FormId } from '../schema/index.js';
import type { ConfirmedRow, RevisionInfo, RevisionKind, Termination } from '../domain/revision.js';
import type { Draft, StoreWriter, StoredRevision } from '../store/index.js';
import { changeDateWarnings, defaultChangeDate } from './change-dates.js';
import type { Workflow } from './context.js';
import { requireIsoDate, requireName } from './names.js';
import { PROCEDURE_MESSAGES_JA as P } from './messages.ja.js';
import { newestInRecord, printedRowsOf, proposeRevisionRows, readRecord, type RevisionView } from './record.js';

/** Every revision, oldest first, with its rows, status log and the steps its state allows. */
export const listRevisions = ({ store }: Workflow): Promise<RevisionView[]> => readRecord(store);

/** Revision n with its frozen content. */
export const readRevision = async (
  { store }: Workflow,
  n: number,
): Promise<{ revision: RevisionView; form: FormId; data: Record<string, unknown> }> => {
  const [frozen, record] = await Promise.all([store.readRevision(n), readRecord(store)]);
  return { revision: record.find((candidate) => candidate.number === n)!, form: frozen.form, data: frozen.data };
};

/** What committing the draft now would do: the base it must name, the default 変更日 and its warnings. */
export type CommitPlan = {
  /** The newest revision (null: none yet): a commit naming another base is refused. */
  readonly baseRevision: number | null;
  /** The revision the new one's rows are proposed against (0: none, the first revision has no rows). */
  readonly predecessor: number;
  /** The date asked about, or the default 変更日 (rules.md §7.2). */
  readonly changeDate: string;
  readonly defaultChangeDate: string;
  readonly warnings: readonly string[];
};

const warningsFor = (changeDate: string, draft: Draft, history: readonly RevisionView[]): string[] => {
  const predecessor = newestInRecord(history);
  return changeDateWarnings(changeDate, predecessor, cumulativeChangeRows(draft.data, printedRowsOf(history)));
};

/** The commit dialog's defaults: the one 変更日 rule, and warnings for `changeDate` (the default when omitted). */
export const planCommit = async ({ store, clock }: Workflow, changeDate?: string): Promise<CommitPlan> => {
  const [draft, history] = await Promise.all([store.readDraft(), readRecord(store)]);
  const fallback = defaultChangeDate(draft.data, clock);
  const date = changeDate === undefined ? fallback : requireIsoDate(changeDate, M.changeDate);
  return {
    baseRevision: history.at(-1)?.number ?? null,
    predecessor: newestInRecord(history)?.number ?? 0,
    changeDate: date,
    defaultChangeDate: fallback,
    warnings: warningsFor(date, draft, history),
  };
};

export type CommitRequest = {
  readonly message: string;
  readonly author: string;
  /** The author's account on the team server (kept with the revision; decides who may approve it). */
  readonly account?: string;
  /** What the revision is for; by default that of the 評価 in progress, else 修正 after a publication, else 初回. */
  readonly kind?: RevisionKind;
  /** 変更日; the default rule when omitted. */
  readonly changeDate?: string;
  /** The newest revision when editing began (null: none); omitted: whatever is newest now. */
  readonly baseRevision?: number | null;
  /** The draft version the author saw; the commit is refused if the draft changed since. */
  readonly draftEtag?: string;
};

export type CommitResult = { readonly revision: RevisionView; readonly warnings: readonly string[] };

const staleBase = (file: string, base: number, latest: number): AppError =>
  new AppError('REVISION_CONFLICT', fillMessage(M.commitConflict, { file, base, latest }), {
    file,
    baseRevision: base,
    latestRevision: latest,
  });

const requireCommittable = (draft: Draft): FormId => {
  if (draft.form && draft.issues.length === 0) return draft.form;
  throw new AppError('ASSESSMENT_INVALID', fillMessage(M.commitInvalid, { count: draft.issues.length }), {
    file: draft.file,
    issues: draft.issues,
  });
};

/** The starting rows: the changes against the predecessor's frozen content, all dated with the 変更日 (record.ts). */
const startingRows = async (
  { store }: Workflow,
  form: FormId,
  draft: Draft,
  predecessor: StoredRevision | undefined,
  changeDate: string,
) => {
  if (!predecessor) return [];
  const before = await store.readRevision(predecessor.number);
  return proposeRevisionRows(form, before.data, draft.data, changeDate);
};

/**
 * The kind a commit gets when none is named: the kind of the 評価 in progress (a revision after the newest published
 * one), else a 修正 when the document was published before (in this tool, or on paper: its imported 変更箇所), else
 * the first assessment.
 */
export const defaultKind = (history: readonly RevisionView[], draft: Draft): RevisionKind => {
  const newest = history.filter((revision) => revision.status !== 'withdrawn').at(-1);
  if (newest && !newest.statusLog.some((entry) => entry.status === 'published') && newest.kind !== 'termination') return newest.kind;
  const imported = draft.data['changeHistory'];
  return newest || (Array.isArray(imported) && imported.length > 0) ? 'correction' : 'initial';
};

/** Extra facts a commit of a special kind records (the 事業終了 of a termination revision). */
export type CommitExtra = { readonly termination?: Termination; readonly rows?: (rows: ConfirmedRow[]) => ConfirmedRow[] };

/**
 * Freeze the draft as the next revision, with its starting 変更箇所 rows inside the same file (all or nothing).
 * Refused: a draft with schema issues, a base that is not the newest revision, a draft that changed since the
 * author saw it, no author.
 */
export const commitRevision = async (workflow: Workflow, request: CommitRequest): Promise<CommitResult> => {
  if (request.kind === 'termination') throw new AppError('INVALID_REQUEST', P.kindTermination);
  return workflow.store.transact((writer) => commitWithin(workflow, writer, request));
};

/** The commit, inside a transaction the caller holds (a termination writes the draft first, under the same lock). */
export const commitWithin = async (
  workflow: Workflow,
  writer: StoreWriter,
  request: CommitRequest,
  extra: CommitExtra = {},
): Promise<CommitResult> => {
  const { store, clock } = workflow;
  const author = requireName(request.author, 'AUTHOR_REQUIRED', M.authorRequired);
  const message = requireName(request.message, 'INVALID_REQUEST', M.messageRequired);
  const requestedDate = request.changeDate === undefined ? undefined : requireIsoDate(request.changeDate, M.changeDate);
  const draft = await store.readDraft();
  if (request.draftEtag !== undefined && request.draftEtag !== draft.etag) {
    throw new AppError('REVISION_CONFLICT', fillMessage(M.draftChanged, { id: store.id }), { etag: draft.etag, data: draft.data });
  }
  const form = requireCommittable(draft);
  const history = await readRecord(store);
  const latest = history.at(-1)?.number ?? 0;
  const base = request.baseRevision === null ? 0 : (request.baseRevision ?? latest);
  if (base !== latest) throw staleBase(store.file, base, latest);
  const predecessor = newestInRecord(history);
  const changeDate = requestedDate ?? defaultChangeDate(draft.data, clock);
  const proposed = await startingRows(workflow, form, draft, predecessor, changeDate);
  const rows = extra.rows ? extra.rows(proposed) : proposed;
  const info: RevisionInfo = {
    number: latest + 1,
    createdAt: clock.now().toISOString(),
    author,
    message,
    changeDate,
    baseRevision: base,
    predecessor: predecessor?.number ?? 0,
    kind: extra.termination ? 'termination' : (request.kind ?? defaultKind(history, draft)),
    ...(request.account ? { account: request.account } : {}),
    ...(extra.termination ? { termination: extra.termination } : {}),
  };
  await writer.commitRevision({ info, rows, form, data: draft.data, comments: draft.parsed.doc });
  const committed = (await readRecord(store)).find((revision) => revision.number === info.number)!;
  return { revision: committed, warnings: warningsFor(changeDate, draft, history) };
};
