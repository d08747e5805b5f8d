import os from 'node:os';
import { formatWareki } from '../domain/wareki.js';
import { isRevisionStatus, type ConfirmedRow } from '../domain/revision.js';
import { AppError } from '../errors.js';
import { changeColumnTitles, citationLine, computeChanges, proposeRows, timingWarning } from '../diff/index.js';
import { REVISION_STATUS_JA, revisionStatusChoicesJa } from '../messages.ja.js';
import type { FormId } from '../schema/index.js';
import {
  commitRevision,
  latestRevisionNumber,
  listRevisions,
  loadAssessment,
  readRevision,
  saveConfirmedRows,
  setRevisionStatus,
} from '../store/index.js';
import { requireForm, type Output } from './commands.js';
import { fitWidths, renderTable } from './table.js';

const DRAFT = 'draft';
const terminalWidth = (): number => process.stdout.columns ?? 140;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const todayIso = (): string => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** 変更日 by default: the draft's 公表日 (rules.md §4: every row of a revision gets it), else today. */
const defaultChangeDate = (data: unknown): string => {
  const published = isRecord(data) && isRecord(data['cover']) ? data['cover']['publishedOn'] : undefined;
  return typeof published === 'string' && published !== '' ? published : todayIso();
};

type Version = { readonly label: string; readonly form: FormId; readonly data: unknown; readonly changeDate: string };

const revisionNumber = (file: string, which: string): number => {
  const n = Number(which);
  if (!Number.isInteger(n) || n < 1) {
    throw new AppError('REVISION_NOT_FOUND', `改訂番号は 1 以上の整数か ${DRAFT}（作業中の評価書）で指定してください: ${which}`, { file });
  }
  return n;
};

/** A revision number, or `draft` for the working copy. */
const readVersion = async (file: string, which: string): Promise<Version> => {
  if (which === DRAFT) {
    const loaded = await loadAssessment(file);
    return { label: '作業中の評価書', form: requireForm(loaded), data: loaded.data, changeDate: defaultChangeDate(loaded.data) };
  }
  const n = revisionNumber(file, which);
  const revision = await readRevision(file, n);
  return { label: `改訂${n}`, form: revision.form, data: revision.data, changeDate: revision.changeDate };
};

const proposedRowsBetween = (from: Version, to: Version): ConfirmedRow[] => proposeRows(computeChanges(to.form, from.data, to.data), to.changeDate);

/** `pia revise <file> -m <message>`: freeze the draft as the next revision, with the proposed rows as its starting rows. */
export const reviseCommand = async (
  file: string,
  options: { message?: string; author?: string; date?: string },
  io: Output,
): Promise<number> => {
  if (!options.message) {
    io.err('改訂の説明を -m "<説明>" で指定してください。');
    return 2;
  }
  const base = await latestRevisionNumber(file);
  const changeDate = options.date ?? (await readVersion(file, DRAFT)).changeDate;
  const revision = await commitRevision(file, {
    message: options.message,
    author: options.author ?? os.userInfo().username,
    changeDate,
    baseRevision: base,
  });
  // Rows come from the frozen content, not from the draft, which may have been saved again meanwhile.
  // The first revision is the initial publication: it has no 変更箇所 rows (rules.md §6.2 INITIAL).
  const rows = base > 0 ? proposedRowsBetween(await readVersion(file, String(base)), await readVersion(file, String(revision.number))) : [];
  if (rows.length > 0) await saveConfirmedRows(file, revision.number, rows);
  io.out(`改訂${revision.number}を作成しました（変更日 ${formatWareki(changeDate)}、変更箇所の案 ${rows.length}件）。`);
  if (rows.length > 0) io.out('変更箇所の案は評価書の編集画面で確認・修正してから、提出済みにしてください（pia diff で確認できます）。');
  return 0;
};

/** `pia history <file>`: one row per revision. */
export const historyCommand = async (file: string, io: Output): Promise<number> => {
  const revisions = await listRevisions(file);
  if (revisions.length === 0) {
    io.out(`${file}: まだ改訂はありません（pia revise で作成します）。`);
    return 0;
  }
  const headers = ['改訂', '変更日', '状態', '作成者', '作成日時', '変更箇所', '説明'];
  const rows = revisions.map((r) => [
    String(r.number),
    formatWareki(r.changeDate),
    REVISION_STATUS_JA[r.status],
    r.author,
    r.createdAt.replace('T', ' ').slice(0, 16),
    `${r.rows.length}件`,
    r.message,
  ]);
  for (const line of renderTable(headers, rows, fitWidths([4, 16, 8, 10, 16, 8, 0], terminalWidth()))) io.out(line);
  return 0;
};

/** `pia diff <file> [<revA> <revB>] [--json]`: the proposed 変更箇所 rows between two versions. */
export const diffCommand = async (file: string, versions: readonly string[], json: boolean, io: Output): Promise<number> => {
  if (versions.length === 1 || versions.length > 2) {
    io.err('比べる改訂は二つ指定してください（省略すると最新の改訂と作業中の評価書を比べます）。');
    return 2;
  }
  const latest = await latestRevisionNumber(file);
  if (versions.length === 0 && latest === 0) {
    io.err(`${file}: 比べる改訂がありません。pia revise で最初の改訂を作成してください。`);
    return 1;
  }
  const [fromName = String(latest), toName = DRAFT] = versions;
  const [from, to] = await Promise.all([readVersion(file, fromName), readVersion(file, toName)]);
  const changes = computeChanges(to.form, from.data, to.data);
  const rows = proposeRows(changes, to.changeDate);
  if (json) {
    io.out(JSON.stringify({ from: fromName, to: toName, changes, rows }, null, 2));
    return 0;
  }
  io.out(`${from.label} → ${to.label}: 変更箇所 ${rows.length}件`);
  if (rows.length === 0) return 0;
  const titles = changeColumnTitles(to.form);
  const headers = [titles.item, titles.before, titles.after, titles.timing, titles.explanation];
  const cells = rows.map((row) => [citationLine(row.item), row.before, row.after, row.timing, row.explanation]);
  for (const line of renderTable(headers, cells, fitWidths([30, 0, 0, 8, 14], terminalWidth()))) io.out(line);
  return 0;
};

/** `pia status <file> <n> draft|submitted|published`. */
export const statusCommand = async (file: string, n: string, status: string | undefined, io: Output): Promise<number> => {
  if (!isRevisionStatus(status)) {
    io.err(`状態は ${revisionStatusChoicesJa()} のいずれかを指定してください。`);
    return 2;
  }
  const revision = await readRevision(file, revisionNumber(file, n));
  await setRevisionStatus(file, revision.number, status);
  const warnings = status === DRAFT ? [] : revision.rows.flatMap((row, i) => {
    const warning = timingWarning(row);
    return warning ? [`  ${i + 1}行目 ${citationLine(row.item)}: ${warning}`] : [];
  });
  io.out(`改訂${revision.number}を「${REVISION_STATUS_JA[status]}」にしました。`);
  if (warnings.length > 0) io.err(`提出時期の確認（${warnings.length}件）:\n${warnings.join('\n')}`);
  return 0;
};
