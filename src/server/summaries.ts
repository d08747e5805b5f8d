/**
 * The list page's rows. Parsing and validating a 全項目評価書 takes tens of milliseconds, so each row is kept
 * until its stamp (the draft's inode, mtime and size, and the revisions folder's mtime) changes: a list of many
 * assessments then costs one directory read and two stats per assessment.
 */
import { isAppError } from '../errors.js';
import { formName } from '../schema/index.js';
import type { Draft, DraftStamp, Library } from '../store/index.js';
import type { AssessmentSummary, ListAssessmentsQuery } from './dto.js';

type Cached = { version: string; summary: AssessmentSummary | undefined };
/** Reading is I/O plus CPU-bound parsing; a few at a time keeps memory flat when a folder is first listed. */
const PARALLEL_READS = 4;

const coverText = (data: Record<string, unknown>, key: string): string => {
  const cover = data['cover'];
  const value = typeof cover === 'object' && cover !== null ? (cover as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : '';
};

type RevisionState = Pick<AssessmentSummary, 'status' | 'revisionCount'>;

/** The newest revision's status (read from its header and status log, never its content) and the count. */
const revisionState = async (library: Library, id: string): Promise<RevisionState> => {
  const revisions = await library.assessment(id).listRevisions();
  return { revisionCount: revisions.length, status: revisions.at(-1)?.status ?? 'draft' };
};

const summarize = (draft: Draft, stamp: DraftStamp, revisions: RevisionState): AssessmentSummary | undefined => {
  if (!draft.form) return undefined;
  return {
    id: draft.id,
    form: draft.form,
    formName: formName(draft.form),
    title: coverText(draft.data, 'title'),
    organization: coverText(draft.data, 'organization'),
    updatedAt: stamp.updatedAt.toISOString(),
    issueCount: draft.issues.length,
    ...revisions,
  };
};

/** Full-width and half-width letters match each other, and case does not matter. */
const normalize = (text: string): string => text.normalize('NFKC').toLocaleLowerCase('ja');

const matches = (summary: AssessmentSummary, query: ListAssessmentsQuery): boolean => {
  if (query.form && summary.form !== query.form) return false;
  if (query.status && summary.status !== query.status) return false;
  const q = normalize(query.q?.trim() ?? '');
  return q === '' || normalize(summary.title).includes(q) || normalize(summary.organization).includes(q);
};

export type SummaryIndex = { list: (query: ListAssessmentsQuery) => Promise<AssessmentSummary[]> };

/**
 * `onUnreadable` hears of drafts that cannot be listed (YAML broken by hand, unknown form), which are left out
 * of the list rather than failing it.
 */
export const createSummaryIndex = (library: Library, onUnreadable: (id: string, code: string) => void): SummaryIndex => {
  const cache = new Map<string, Cached>();

  const summaryOf = async (stamp: DraftStamp): Promise<AssessmentSummary | undefined> => {
    const cached = cache.get(stamp.id);
    if (cached?.version === stamp.version) return cached.summary;
    try {
      const [draft, revisions] = await Promise.all([library.assessment(stamp.id).readDraft(), revisionState(library, stamp.id)]);
      const summary = summarize(draft, stamp, revisions);
      if (!summary) onUnreadable(stamp.id, 'UNKNOWN_FORM');
      cache.set(stamp.id, { version: stamp.version, summary });
      return summary;
    } catch (error) {
      if (!isAppError(error)) throw error;
      // Remembered like a row, so a broken file is reported once per version, not on every listing.
      onUnreadable(stamp.id, error.code);
      cache.set(stamp.id, { version: stamp.version, summary: undefined });
      return undefined;
    }
  };

  return {
    list: async (query) => {
      const stamps = await library.list();
      const present = new Set(stamps.map((stamp) => stamp.id));
      for (const id of cache.keys()) if (!present.has(id)) cache.delete(id);
      const summaries: (AssessmentSummary | undefined)[] = [];
      for (let i = 0; i < stamps.length; i += PARALLEL_READS) {
        summaries.push(...(await Promise.all(stamps.slice(i, i + PARALLEL_READS).map(summaryOf))));
      }
      return summaries.filter(
        (summary): summary is AssessmentSummary => summary !== undefined && matches(summary, query),
      );
    },
  };
};
