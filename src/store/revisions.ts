import { readFile, readdir, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ConfirmedRow, RevisionInfo, RevisionStatus } from '../domain/revision.js';
import { isRevisionStatus } from '../domain/revision.js';
import { AppError } from '../errors.js';
import { formRoot, isFormId, type FormId } from '../schema/index.js';
import { FileExistsError, writeFileAtomic, writeFileExclusive, type WriteHooks } from './atomic-write.js';
import { loadAssessment } from './load.js';
import { revisionStatusChoicesJa } from '../messages.ja.js';
import { decodeUtf8, parseYaml } from './yaml-parse.js';
import { orderBySchema, stringifyYaml } from './yaml-write.js';
import { ISO_DATE, checkConfirmedRows } from './revision-rows.js';

/**
 * On disk, next to assessment.yaml (see assessments/README.md):
 *   revisions/0003.yaml         frozen: { revision: RevisionInfo, assessment: <the committed draft> }; created once, never rewritten
 *   revisions/0003.status.yaml  { status, changedAt }; absent = draft
 *   revisions/0003.rows.yaml    { rows: ConfirmedRow[] }; absent = none confirmed yet
 * Status and rows live in files of their own so that neither edit can overwrite the other or the frozen content.
 */
export type Revision = RevisionInfo & { readonly status: RevisionStatus; readonly rows: readonly ConfirmedRow[] };
export type RevisionContent = Revision & { readonly form: FormId; readonly data: Record<string, unknown> };

export type CommitRequest = {
  readonly message: string;
  readonly author: string;
  /** 変更日 (ISO date) of the revision's rows. */
  readonly changeDate: string;
  /** The revision the draft was edited from; the commit fails if a newer one exists. Omitted: the latest. */
  readonly baseRevision?: number;
  readonly now?: Date;
  readonly hooks?: WriteHooks;
};

const REVISION_FILE = /^(\d{4,})\.yaml$/;

const revisionsDir = (assessmentFile: string): string => path.join(path.dirname(assessmentFile), 'revisions');
const revisionFile = (assessmentFile: string, n: number, suffix = ''): string =>
  path.join(revisionsDir(assessmentFile), `${String(n).padStart(4, '0')}${suffix}.yaml`);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const revisionNumbers = async (assessmentFile: string): Promise<number[]> => {
  const names = await readdir(revisionsDir(assessmentFile)).catch((cause: unknown) => {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [] as string[];
    throw cause;
  });
  return names.flatMap((name) => {
    const match = REVISION_FILE.exec(name);
    return match ? [Number(match[1])] : [];
  }).sort((a, b) => a - b);
};

/** A YAML file of the revision store as data, or undefined when it does not exist. */
const readYaml = async (file: string): Promise<Record<string, unknown> | undefined> => {
  const bytes = await readFile(file).catch((cause: unknown) => {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cause;
  });
  return bytes === undefined ? undefined : (parseYaml(decodeUtf8(bytes, file), file).data as Record<string, unknown>);
};

const notFound = (assessmentFile: string, n: number): AppError =>
  new AppError('REVISION_NOT_FOUND', `${assessmentFile}: 改訂${n}はありません。`, { file: assessmentFile, revision: n });

const readStatus = async (assessmentFile: string, n: number): Promise<RevisionStatus> => {
  const status = (await readYaml(revisionFile(assessmentFile, n, '.status')))?.['status'];
  return isRevisionStatus(status) ? status : 'draft';
};

const readRows = async (assessmentFile: string, n: number): Promise<ConfirmedRow[]> => {
  const rows = (await readYaml(revisionFile(assessmentFile, n, '.rows')))?.['rows'];
  return Array.isArray(rows) ? (rows as ConfirmedRow[]) : [];
};

/** One revision with its frozen content. */
export const readRevision = async (assessmentFile: string, n: number): Promise<RevisionContent> => {
  const frozen = await readYaml(revisionFile(assessmentFile, n));
  if (!frozen) throw notFound(assessmentFile, n);
  const info = frozen['revision'] as RevisionInfo;
  const data = isRecord(frozen['assessment']) ? frozen['assessment'] : {};
  const form = data['form'];
  if (!isFormId(form)) throw new AppError('UNKNOWN_FORM', `${revisionFile(assessmentFile, n)}: 様式（form）が分かりません。`, { file: revisionFile(assessmentFile, n) });
  const [status, rows] = await Promise.all([readStatus(assessmentFile, n), readRows(assessmentFile, n)]);
  return { ...info, status, rows, form, data };
};

/** Every committed revision of an assessment, oldest first (without their content). */
export const listRevisions = async (assessmentFile: string): Promise<Revision[]> => {
  const revisions = await Promise.all(
    (await revisionNumbers(assessmentFile)).map(async (n) => {
      const { form: _form, data: _data, ...revision } = await readRevision(assessmentFile, n);
      return revision;
    }),
  );
  return revisions;
};

/** The number of the newest revision, 0 when none has been committed. */
export const latestRevisionNumber = async (assessmentFile: string): Promise<number> => (await revisionNumbers(assessmentFile)).at(-1) ?? 0;

const conflict = (assessmentFile: string, base: number, latest: number): AppError =>
  new AppError(
    'REVISION_CONFLICT',
    `${assessmentFile}: 改訂${base}をもとに編集している間に、改訂${latest}が作られました。作業中の評価書はそのまま残っています。改訂${latest}との違いを確認してから、もう一度改訂してください。`,
    { file: assessmentFile, baseRevision: base, latestRevision: latest },
  );

/**
 * Freeze the working draft as the next revision. Only a draft without schema issues is committed. The file
 * is created exclusively: of two commits racing on the same base, the second fails with REVISION_CONFLICT
 * and nothing is lost (the draft is only read; the winner's revision is complete).
 */
export const commitRevision = async (assessmentFile: string, request: CommitRequest): Promise<Revision> => {
  const loaded = await loadAssessment(assessmentFile);
  if (!loaded.form || loaded.issues.length > 0) {
    throw new AppError(
      'ASSESSMENT_INVALID',
      `${assessmentFile}: 評価書に${loaded.issues.length}件の問題があるため改訂を確定できません。pia validate で確認してください。`,
      { file: assessmentFile, issues: loaded.issues },
    );
  }
  if (!ISO_DATE.test(request.changeDate)) {
    throw new AppError('ASSESSMENT_INVALID', `変更日は YYYY-MM-DD の形式で指定してください（例: 2025-08-19）:「${request.changeDate}」`, {
      file: assessmentFile,
    });
  }
  const latest = await latestRevisionNumber(assessmentFile);
  const base = request.baseRevision ?? latest;
  if (base !== latest) throw conflict(assessmentFile, base, latest);
  const info: RevisionInfo = {
    number: base + 1,
    createdAt: (request.now ?? new Date()).toISOString(),
    author: request.author,
    message: request.message,
    changeDate: request.changeDate,
    baseRevision: base,
  };
  const text = stringifyYaml({ revision: info, assessment: orderBySchema(loaded.data, formRoot(loaded.form)) }, loaded.parsed.doc, ['assessment']);
  await mkdir(revisionsDir(assessmentFile), { recursive: true });
  try {
    await writeFileExclusive(revisionFile(assessmentFile, info.number), text, request.hooks);
  } catch (error) {
    if (error instanceof FileExistsError) throw conflict(assessmentFile, base, await latestRevisionNumber(assessmentFile));
    throw error;
  }
  return { ...info, status: 'draft', rows: [] };
};

const requireRevision = async (assessmentFile: string, n: number): Promise<void> => {
  if (!(await revisionNumbers(assessmentFile)).includes(n)) throw notFound(assessmentFile, n);
};

/** Store the 変更箇所 rows the officer confirmed for revision n (replacing earlier ones); the frozen content is untouched. */
export const saveConfirmedRows = async (
  assessmentFile: string,
  n: number,
  rows: readonly ConfirmedRow[],
  hooks?: WriteHooks,
): Promise<void> => {
  await requireRevision(assessmentFile, n);
  checkConfirmedRows(rows, revisionFile(assessmentFile, n, '.rows'));
  await writeFileAtomic(revisionFile(assessmentFile, n, '.rows'), stringifyYaml({ rows }), hooks);
};

/** Mark revision n as 作成中 / 提出済み / 公表済み. */
export const setRevisionStatus = async (
  assessmentFile: string,
  n: number,
  status: RevisionStatus,
  options: { now?: Date; hooks?: WriteHooks } = {},
): Promise<void> => {
  if (!isRevisionStatus(status)) {
    throw new AppError('ASSESSMENT_INVALID', `状態は ${revisionStatusChoicesJa()} のいずれかです（指定: ${String(status)}）。`, { file: assessmentFile });
  }
  await requireRevision(assessmentFile, n);
  const changedAt = (options.now ?? new Date()).toISOString();
  await writeFileAtomic(revisionFile(assessmentFile, n, '.status'), stringifyYaml({ status, changedAt }), options.hooks);
};
