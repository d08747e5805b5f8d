/** Revisions of an assessment over HTTP: commit, list, read, compare, confirm rows, change status. */
import { blockingFindings, checkAssessment } from '../checks/index.js';
import {
  computeChanges,
  cumulativeChangeRows,
  keepConfirmed,
  proposeRows,
  textDiff,
  type ChangeCandidate,
} from '../diff/index.js';
import type { ChangeRow, ConfirmedRow, RevisionStatus } from '../domain/revision.js';
import { AppError } from '../errors.js';
import { API_MESSAGES_JA, REVISION_STATUS_JA, fillMessage } from '../messages.ja.js';
import { validateAssessment, type FormId, type ValidationIssue } from '../schema/index.js';
import {
  commitRevision,
  draftFile,
  listRevisions,
  readRevision,
  saveConfirmedRows,
  setRevisionStatus,
  type RevisionContent,
} from '../store/index.js';
import type { AssessmentService } from './assessment-service.js';
import type {
  ChangedItem,
  CommitRevisionRequest,
  DiffResponse,
  RevisionMeta,
  RevisionResponse,
  TextSegment,
} from './dto.js';
import { todayInJapan } from './today.js';

/** What the PDF of a draft or of a revision is made from. */
export type PrintSource = {
  id: string;
  form?: FormId;
  data: Record<string, unknown>;
  issues: readonly ValidationIssue[];
  changeRows: ChangeRow[];
};

export type RevisionService = {
  /** The draft (no `revision`) or revision n with the 変更箇所 rows its PDF prints. */
  printSource: (id: string, revision?: number) => Promise<PrintSource>;
  list: (id: string) => Promise<RevisionMeta[]>;
  read: (id: string, n: number) => Promise<RevisionResponse>;
  commit: (id: string, request: CommitRevisionRequest) => Promise<RevisionMeta>;
  diff: (id: string, from: number, to: number | 'draft') => Promise<DiffResponse>;
  saveRows: (id: string, n: number, rows: ConfirmedRow[]) => Promise<RevisionMeta>;
  setStatus: (id: string, n: number, status: RevisionStatus) => Promise<RevisionMeta>;
};

type Version = { form: FormId; data: Record<string, unknown>; changeDate: string; revision?: RevisionContent };

const metaOf = ({ form: _form, data: _data, ...meta }: RevisionContent): RevisionMeta => meta;

/** The shape the API promises for text diffs (the `diff` package's own), from the diff module's segments. */
const segmentsOf = (candidate: ChangeCandidate): TextSegment[] | undefined => {
  if (candidate.beforeText === undefined && candidate.afterText === undefined) return undefined;
  return textDiff(candidate.beforeText ?? '', candidate.afterText ?? '').map(({ kind, text }) =>
    kind === 'same'
      ? { value: text }
      : kind === 'added'
        ? { value: text, added: true }
        : { value: text, removed: true },
  );
};

const itemOf = (candidate: ChangeCandidate): ChangedItem => {
  const segments = segmentsOf(candidate);
  return {
    pointer: candidate.pointer,
    citation: candidate.item,
    kind: candidate.kind,
    important: candidate.important,
    before: candidate.before,
    after: candidate.after,
    ...(segments ? { segments } : {}),
  };
};

/** A draft's rows are dated with its 公表日 when it has one (rules.md: every row of a revision gets it), else today. */
const draftChangeDate = (data: Record<string, unknown>, today: string): string => {
  const cover = data['cover'] as Record<string, unknown> | undefined;
  const published = cover?.['publishedOn'];
  return typeof published === 'string' && published !== '' ? published : today;
};

export const createRevisionService = (dataDir: string, assessments: AssessmentService): RevisionService => {
  /** The draft file of an assessment that exists: an unknown id is ASSESSMENT_NOT_FOUND, not an empty history. */
  const fileOf = async (id: string): Promise<string> => {
    await assessments.draft(id);
    return draftFile(dataDir, id);
  };

  const meta = async (id: string, n: number): Promise<RevisionMeta> =>
    metaOf(await readRevision(draftFile(dataDir, id), n));

  const version = async (id: string, which: number | 'draft'): Promise<Version> => {
    if (which === 'draft') {
      const draft = await assessments.get(id);
      return { form: draft.form, data: draft.data, changeDate: draftChangeDate(draft.data, todayInJapan(new Date())) };
    }
    const revision = await readRevision(await fileOf(id), which);
    return { form: revision.form, data: revision.data, changeDate: revision.changeDate, revision };
  };

  return {
    printSource: async (id, n) => {
      const file = await fileOf(id);
      const history = await listRevisions(file);
      if (n === undefined) {
        const draft = await assessments.draft(id);
        // 変更箇所: the imported rows, then the confirmed rows of every submitted or published revision.
        return {
          id,
          ...(draft.form ? { form: draft.form } : {}),
          data: draft.data,
          issues: draft.issues,
          changeRows: cumulativeChangeRows(draft.data, history),
        };
      }
      const revision = await readRevision(file, n);
      // Revision n printed as it is to be submitted: its own rows count even while it is still 作成中.
      const upToN = [...history.filter((earlier) => earlier.number < n), { ...revision, status: 'submitted' as const }];
      return {
        id,
        form: revision.form,
        data: revision.data,
        issues: validateAssessment(revision.data).issues,
        changeRows: cumulativeChangeRows(revision.data, upToN),
      };
    },

    list: async (id) => listRevisions(await fileOf(id)),

    read: async (id, n) => {
      const revision = await readRevision(await fileOf(id), n);
      return { meta: metaOf(revision), data: revision.data };
    },

    commit: (id, request) =>
      assessments.exclusive(id, async () => {
        const draft = await assessments.draft(id);
        if (draft.issues.length > 0) {
          throw new AppError(
            'ASSESSMENT_INVALID',
            fillMessage(API_MESSAGES_JA.commitInvalid, { count: draft.issues.length }),
            {
              issues: draft.issues,
            },
          );
        }
        const file = draftFile(dataDir, id);
        const base = request.baseRevision ?? 0;
        const revision = await commitRevision(file, {
          message: request.message,
          author: request.author,
          changeDate: request.changeDate,
          baseRevision: base,
        });
        // As `pia revise` does: the proposed rows, computed from the frozen contents, are the revision's starting rows;
        // the first revision is the initial publication and has none.
        if (base === 0) return revision;
        const [before, after] = await Promise.all([readRevision(file, base), readRevision(file, revision.number)]);
        const rows = proposeRows(computeChanges(after.form, before.data, after.data), revision.changeDate);
        if (rows.length > 0) await saveConfirmedRows(file, revision.number, rows);
        return { ...revision, rows };
      }),

    diff: async (id, fromNumber, to) => {
      const [from, target] = await Promise.all([version(id, fromNumber), version(id, to)]);
      const candidates = computeChanges(target.form, from.data, target.data);
      const proposed = proposeRows(candidates, target.changeDate);
      const rows = !target.revision
        ? proposed
        : // Against its own base a revision's rows are the officer's: commit stored the proposals, both sides are
          // frozen so they cannot have changed, and rows the officer dropped, merged or rewrote must not come back.
          fromNumber === target.revision.baseRevision
          ? [...target.revision.rows]
          : keepConfirmed(proposed, target.revision.rows);
      return { from: fromNumber, to, rows, items: candidates.map(itemOf) };
    },

    saveRows: async (id, n, rows) => {
      await saveConfirmedRows(await fileOf(id), n, rows);
      return meta(id, n);
    },

    setStatus: (id, n, status) =>
      assessments.exclusive(id, async () => {
        const revision = await readRevision(await fileOf(id), n);
        if (status !== 'draft') {
          // What is submitted or published is the frozen content: its ERROR findings block the step.
          const findings = blockingFindings(
            checkAssessment(revision.form, revision.data, { today: todayInJapan(new Date()) }),
          );
          if (findings.length > 0) {
            throw new AppError(
              'ASSESSMENT_INVALID',
              fillMessage(API_MESSAGES_JA.statusBlocked, {
                count: findings.length,
                n,
                status: REVISION_STATUS_JA[status],
              }),
              { findings },
            );
          }
        }
        await setRevisionStatus(draftFile(dataDir, id), n, status);
        return meta(id, n);
      }),
  };
};
