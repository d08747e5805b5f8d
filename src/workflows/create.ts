/** A new assessment: blank, on any supported form revision (`pia new --revision`, the editor's create dialog). */
import { AppError, isAppError } from '../errors.js';
import { WORKFLOW_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import { createSkeleton, formRevisions, type FormId } from '../schema/index.js';
import type { AssessmentStore, Library } from '../store/index.js';
import type { Clock } from './clock.js';

export type NewAssessment = {
  readonly form: FormId;
  /** 様式の版 as the stamp prints it (令和６年10月); written with any digit width; the newest when omitted. */
  readonly formRevision?: string;
  readonly title?: string;
  readonly organization?: string;
};

const comparable = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/** The form revision named (`令和6年10月` finds `令和６年10月`), by value; INVALID_REQUEST listing the choices if none. */
export const resolveFormRevision = (form: FormId, given: string): string => {
  const choices = formRevisions(form);
  const found = choices.find((choice) => comparable(choice) === comparable(given));
  if (found) return found;
  throw new AppError('INVALID_REQUEST', fillMessage(M.unknownFormRevision, { value: given.slice(0, 40), choices: choices.join('、') }), {
    choices,
  });
};

/** A valid, empty document of the form with every item present, stamped with the chosen form revision. */
export const blankAssessment = (request: NewAssessment): Record<string, unknown> => {
  const data = createSkeleton(request.form);
  if (request.formRevision !== undefined) data['formRevision'] = resolveFormRevision(request.form, request.formRevision);
  const cover = data['cover'] as Record<string, unknown>;
  if (request.title !== undefined) cover['title'] = request.title.trim();
  if (request.organization !== undefined) cover['organization'] = request.organization.trim();
  return data;
};

/** Create the assessment at the store's place (`pia new <dir>`); never overwrites (ASSESSMENT_EXISTS). */
export const createAssessmentAt = async (store: AssessmentStore, request: NewAssessment): Promise<Record<string, unknown>> => {
  const data = blankAssessment(request);
  await store.createDraft(data);
  return data;
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

/**
 * Create the assessment in a data folder (the editor): as `id` when given (ASSESSMENT_EXISTS if taken), else under
 * an id made from the title or today's date, numbered on collision. Returns the id.
 */
export const createAssessmentIn = async (
  library: Library,
  clock: Clock,
  request: NewAssessment & { readonly id?: string },
): Promise<string> => {
  const data = blankAssessment(request);
  return createWithFreshId(library, data, request.id, baseIdFor(request.form, request.title, clock.today()));
};

/**
 * Create `data` as `id` when given (ASSESSMENT_EXISTS if taken), else as `base`, numbered on collision (…-2, …-3);
 * never overwrites. Returns the id. Ids the tool keeps for itself (`snippets`) are skipped like taken ones.
 */
export const createWithFreshId = async (
  library: Library,
  data: Record<string, unknown>,
  id: string | undefined,
  base: string,
): Promise<string> => {
  if (id !== undefined) {
    await library.create(id, data);
    return id;
  }
  for (let n = 1; n <= MAX_ID_ATTEMPTS; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    try {
      await library.create(candidate, data);
      return candidate;
    } catch (error) {
      const taken = isAppError(error) && (error.code === 'ASSESSMENT_EXISTS' || error.details['reserved'] === true);
      if (!taken) throw error;
    }
  }
  throw new Error(`no free id after ${MAX_ID_ATTEMPTS} attempts for ${base}`);
};
