import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { formatWareki } from '../domain/wareki.js';
import { AppError, isAppError } from '../errors.js';
import { FORM_IDS, createSkeleton, formName, formRevisionOf, isFormId, outlineAssessment, type FormId } from '../schema/index.js';
import { findAssessmentFiles, loadAssessment, saveAssessment, type LoadedAssessment } from '../store/index.js';
import { formatIssue } from './format.js';

export type Output = { out: (line: string) => void; err: (line: string) => void };

/** The form of a loaded assessment; commands that need it refuse a file that names none. */
export const requireForm = (loaded: LoadedAssessment): FormId => {
  if (!loaded.form) throw new AppError('UNKNOWN_FORM', `${loaded.file}: 様式（form）が分かりません。`, { file: loaded.file });
  return loaded.form;
};

/** `pia validate <file|dir>`: every problem of every file; exit 1 if any. */
export const validateCommand = async (target: string, io: Output): Promise<number> => {
  let failed = 0;
  const files = await findAssessmentFiles(target);
  for (const file of files) {
    try {
      const { issues } = await loadAssessment(file);
      if (issues.length === 0) {
        io.out(`✓ ${file}`);
        continue;
      }
      failed += 1;
      io.err(`✗ ${file}: ${issues.length}件の問題があります`);
      for (const issue of issues) io.err(formatIssue(file, issue));
    } catch (error) {
      if (!isAppError(error)) throw error;
      failed += 1;
      io.err(`✗ ${error.messageJa}`);
    }
  }
  if (files.length === 0) io.err(`${target}: 評価書（assessment.yaml）が見つかりません。`);
  return failed > 0 || files.length === 0 ? 1 : 0;
};

/** `pia new --form 3|4 <path>`: a valid empty assessment with every item present. */
export const newCommand = async (formOption: string | undefined, target: string, io: Output): Promise<number> => {
  // --form 3 / 4 is the 様式 number, the last character of the form id (yoshiki3); the id itself works too.
  const form = FORM_IDS.find((id) => formOption !== undefined && (id === formOption || id.slice(-1) === formOption));
  if (!isFormId(form)) {
    io.err(`--form には ${FORM_IDS.map((id) => `${id.slice(-1)}（${formName(id)}）`).join('か ')}を指定してください。`);
    return 2;
  }
  const file = target.endsWith('.yaml') ? target : path.join(target, 'assessment.yaml');
  const exists = await access(file).then(() => true, () => false);
  if (exists) {
    io.err(`${file}: すでにファイルがあります。上書きはしません。`);
    return 1;
  }
  await mkdir(path.dirname(file), { recursive: true });
  await saveAssessment(file, form, createSkeleton(form));
  io.out(`${file} を作成しました（${formName(form)}）。`);
  return 0;
};

/** `pia show <file>`: the assessment as an outline with official numbering and labels. */
export const showCommand = async (file: string, io: Output, full = false): Promise<number> => {
  const loaded = await loadAssessment(file);
  const lines = outlineAssessment(requireForm(loaded), loaded.data, {
    revision: formRevisionOf(loaded.data),
    maxTextLength: full ? 100_000 : 60,
  });
  for (const line of lines) {
    const indent = '  '.repeat(line.depth);
    io.out(line.value !== undefined && line.value !== '' ? `${indent}${line.label}　${line.value}` : `${indent}${line.label}`);
  }
  if (loaded.issues.length > 0) io.err(`（${loaded.issues.length}件の問題があります。pia validate で確認してください）`);
  return 0;
};

/** `pia list <dir>`: one line per assessment: form, number, name, organisation, published date, state. */
export const listCommand = async (target: string, io: Output): Promise<number> => {
  for (const file of await findAssessmentFiles(target)) {
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

/** `pia format <file|dir>`: rewrite files in the canonical layout (form order, block scalars), keeping comments. */
export const formatCommand = async (target: string, io: Output): Promise<number> => {
  for (const file of await findAssessmentFiles(target)) {
    const loaded = await loadAssessment(file);
    await saveAssessment(file, requireForm(loaded), loaded.data, { previous: loaded.parsed });
    io.out(`整形しました: ${file}`);
  }
  return 0;
};
