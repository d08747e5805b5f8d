/** `pia validate`, `new`, `show`, `list`, `format`: reading and writing drafts. */
import path from 'node:path';
import { formatWareki } from '../domain/wareki.js';
import { AppError, isAppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import { FORM_IDS, formName, formRevisionOf, isFormId, outlineAssessment, type FormId } from '../schema/index.js';
import { findAssessmentFiles, loadAssessment, openAssessmentFile, openSnippetStore, type SnippetStore } from '../store/index.js';
import { createAssessmentAt, formatDraft, type Workflow } from '../workflows/index.js';
import { formatIssue } from './format.js';
import { pathIn, type CliIo } from './io.js';
import { reportConflicts, reportIncoming } from './merge-report.js';
import { CLI_MESSAGES_JA as M } from './messages.ja.js';

/** The assessment files a target names (a file, or every assessment.yaml below a folder), said when there are none. */
export const assessmentFiles = async (target: string, io: CliIo): Promise<string[]> => {
  const files = await findAssessmentFiles(pathIn(io, target));
  if (files.length === 0) io.err(fillMessage(M.notFound, { target }));
  return files;
};

/** Library stores by folder: each re-reads its files only when they changed, so one per folder serves every command. */
const snippetStores = new Map<string, SnippetStore>();

/**
 * The standard-text library of a data folder: `dataDir` when given (--data), else the folder the assessment's folder
 * lies in (`assessments/` for `assessments/004-…/assessment.yaml`).
 */
export const snippetStoreFor = (io: CliIo, file: string | undefined, dataDir?: string): SnippetStore => {
  const dir = path.resolve(dataDir !== undefined ? pathIn(io, dataDir) : path.dirname(path.dirname(pathIn(io, file ?? '.'))));
  let store = snippetStores.get(dir);
  if (!store) snippetStores.set(dir, (store = openSnippetStore(dir)));
  return store;
};

/**
 * The use-case context of one assessment file (opening it removes temp files a crash left beside it), with the
 * standard-text library of its data folder.
 */
export const workflowAt = async (file: string, io: CliIo, dataDir?: string): Promise<Workflow> => ({
  store: await (io.openStore ?? openAssessmentFile)(pathIn(io, file)),
  clock: io.clock,
  snippets: snippetStoreFor(io, file, dataDir),
});

/** `pia validate <file|dir>`: every problem of every file; exit 1 if any. */
export const validateCommand = async (target: string, io: CliIo): Promise<number> => {
  let failed = 0;
  const files = await assessmentFiles(target, io);
  for (const file of files) {
    try {
      const { issues } = await loadAssessment(file);
      if (issues.length === 0) {
        io.out(`✓ ${file}`);
        continue;
      }
      failed += 1;
      io.err(fillMessage(M.problems, { file, count: issues.length }));
      for (const issue of issues) io.err(formatIssue(file, issue));
    } catch (error) {
      if (!isAppError(error)) throw error;
      failed += 1;
      io.err(`✗ ${error.messageJa}`);
    }
  }
  return failed > 0 || files.length === 0 ? 1 : 0;
};

/** --form 3 / 4 is the 様式 number, the last character of the form id (yoshiki3); the id itself works too. */
const formFrom = (option: string | undefined): FormId | undefined =>
  FORM_IDS.find((id) => option !== undefined && (id === option || id.slice(-1) === option));

/** `pia new --form 3|4 [--revision <様式の版>] <path>`: a valid empty assessment with every item present. */
export const newCommand = async (
  options: { form?: string; revision?: string },
  target: string,
  io: CliIo,
): Promise<number> => {
  const form = formFrom(options.form);
  if (!isFormId(form)) {
    io.err(fillMessage(M.formOption, { choices: FORM_IDS.map((id) => `${id.slice(-1)}（${formName(id)}）`).join('か ') }));
    return 2;
  }
  const file = target.endsWith('.yaml') ? target : path.join(target, 'assessment.yaml');
  const { store } = await workflowAt(file, io);
  try {
    const data = await createAssessmentAt(store, { form, ...(options.revision !== undefined ? { formRevision: options.revision } : {}) });
    io.out(fillMessage(M.created, { file, form: formName(form), revision: formRevisionOf(data) ?? '' }));
    return 0;
  } catch (error) {
    if (!isAppError(error) || error.code !== 'ASSESSMENT_EXISTS') throw error;
    io.err(fillMessage(M.exists, { file }));
    return 1;
  }
};

/** `pia show <file>`: the assessment as an outline with official numbering and labels. */
export const showCommand = async (file: string, io: CliIo, full = false): Promise<number> => {
  const loaded = await loadAssessment(pathIn(io, file));
  if (!loaded.form) throw new AppError('UNKNOWN_FORM', `${file}: 様式（form）が分かりません。`, { file });
  const lines = outlineAssessment(loaded.form, loaded.data, {
    revision: formRevisionOf(loaded.data),
    maxTextLength: full ? 100_000 : 60,
  });
  for (const line of lines) {
    const indent = '  '.repeat(line.depth);
    io.out(line.value !== undefined && line.value !== '' ? `${indent}${line.label}　${line.value}` : `${indent}${line.label}`);
  }
  if (loaded.issues.length > 0) io.err(fillMessage(M.showIssues, { count: loaded.issues.length }));
  return 0;
};

/** `pia list <dir>`: one line per assessment: form, number, name, organisation, published date, state. */
export const listCommand = async (target: string, io: CliIo): Promise<number> => {
  for (const file of await findAssessmentFiles(pathIn(io, target))) {
    try {
      const { form, data, issues } = await loadAssessment(file);
      const cover = (data['cover'] ?? {}) as Record<string, unknown>;
      const kind = form ? formName(form) : '様式不明';
      const published = typeof cover['publishedOn'] === 'string' ? formatWareki(cover['publishedOn']) : '公表日未設定';
      const state = issues.length === 0 ? '検証OK' : `問題${issues.length}件`;
      io.out(`${file}\t${kind}\t${String(cover['number'] ?? '-')}\t${String(cover['title'] ?? '')}\t${String(cover['organization'] ?? '')}\t${published}\t${state}`);
    } catch (error) {
      if (!isAppError(error)) throw error;
      io.out(`${file}\t読み込みエラー\t${error.messageJa}`);
    }
  }
  return 0;
};

/**
 * `pia format <file|dir>`: rewrite files in the canonical layout (form order, block scalars), keeping comments. A
 * file someone saved between the read and the write is formatted as they saved it, and what came in is said.
 */
export const formatCommand = async (target: string, io: CliIo): Promise<number> => {
  let failed = 0;
  for (const file of await assessmentFiles(target, io)) {
    try {
      const written = await formatDraft(await workflowAt(file, io));
      if (written.status === 'conflict') {
        reportConflicts(io, file, written);
        failed += 1;
        continue;
      }
      io.out(fillMessage(M.formatted, { file }));
      reportIncoming(io, file, written.incoming);
    } catch (error) {
      // The file moved and what is on disk now does not even parse (a text editor is half-way): nothing to merge with.
      if (!isAppError(error) || error.code !== 'REVISION_CONFLICT') throw error;
      io.err(fillMessage(M.conflict, { file }));
      failed += 1;
    }
  }
  return failed > 0 ? 1 : 0;
};
