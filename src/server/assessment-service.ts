/** What the assessment routes do, without HTTP: list, read, create and save drafts in one data folder. */
import { AppError, isAppError } from '../errors.js';
import { API_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import { createSkeleton, type FormId } from '../schema/index.js';
import { createDraft, createDraftCache, readDraft, saveDraft, type Draft } from '../store/index.js';
import type {
  AssessmentResponse,
  AssessmentSummary,
  CreateAssessmentRequest,
  ListAssessmentsQuery,
  SaveAssessmentResponse,
} from './dto.js';
import { createKeyedLock, type KeyedLock } from './keyed-lock.js';
import { createSummaryIndex } from './summaries.js';
import { todayInJapan } from './today.js';

export type AssessmentService = {
  /** Runs `task` while no save or commit of the same assessment runs in this process. */
  exclusive: KeyedLock;
  /** The parsed draft as on disk now (from the cache while the file is unchanged). */
  draft: (id: string) => Promise<Draft>;
  list: (query: ListAssessmentsQuery) => Promise<AssessmentSummary[]>;
  get: (id: string) => Promise<AssessmentResponse>;
  create: (request: CreateAssessmentRequest) => Promise<string>;
  /** `ifMatch` is the etag the author loaded, or '*' to overwrite whatever is there. */
  save: (id: string, data: Record<string, unknown>, ifMatch: string) => Promise<SaveAssessmentResponse>;
};

/** How many numbered variants of a generated id are tried before giving up (…-2, …-3). */
const MAX_ID_ATTEMPTS = 1000;

/**
 * Folder names follow the bundled ones (`001-kitakyushu-yobosesshu`): the Latin letters and digits of the
 * title; a title without any (most are Japanese) gives `<form>-<date>`, e.g. yoshiki3-20250819.
 */
export const baseIdFor = (form: FormId, title: string | undefined, today: string): string => {
  const slug = (title ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^0-9a-z]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug !== '' ? slug : `${form}-${today.replaceAll('-', '')}`;
};

const blankAssessment = (request: CreateAssessmentRequest): Record<string, unknown> => {
  const data = createSkeleton(request.form);
  const cover = data['cover'] as Record<string, unknown>;
  if (request.title !== undefined) cover['title'] = request.title.trim();
  if (request.organization !== undefined) cover['organization'] = request.organization.trim();
  return data;
};

export const createAssessmentService = (
  dataDir: string,
  onUnreadable: (id: string, code: string) => void,
): AssessmentService => {
  const lock = createKeyedLock();
  const drafts = createDraftCache();
  const summaries = createSummaryIndex(dataDir, onUnreadable);

  const createWithFreshId = async (base: string, data: Record<string, unknown>): Promise<string> => {
    for (let n = 1; n <= MAX_ID_ATTEMPTS; n += 1) {
      const id = n === 1 ? base : `${base}-${n}`;
      try {
        await createDraft(dataDir, id, data);
        return id;
      } catch (error) {
        if (!isAppError(error) || error.code !== 'ASSESSMENT_EXISTS') throw error;
      }
    }
    throw new Error(`no free id after ${MAX_ID_ATTEMPTS} attempts for ${base}`);
  };

  return {
    exclusive: lock,

    draft: (id) => readDraft(dataDir, id, drafts),

    list: (query) => summaries.list(query),

    get: async (id) => {
      const draft = await readDraft(dataDir, id, drafts);
      if (!draft.form) {
        throw new AppError('UNKNOWN_FORM', fillMessage(API_MESSAGES_JA.unknownForm, { id }), {
          id,
          issues: draft.issues,
        });
      }
      return { id, form: draft.form, data: draft.data, issues: [...draft.issues], etag: draft.etag };
    },

    create: async (request) => {
      const data = blankAssessment(request);
      if (request.id !== undefined) {
        await createDraft(dataDir, request.id, data);
        return request.id;
      }
      return createWithFreshId(baseIdFor(request.form, request.title, todayInJapan(new Date())), data);
    },

    save: (id, data, ifMatch) =>
      lock(id, async () => {
        const saved = await saveDraft(dataDir, id, data, ifMatch, { cache: drafts });
        return { etag: saved.etag, issues: [...saved.issues] };
      }),
  };
};
