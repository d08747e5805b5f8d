import { EXCEPTION_CODES, type ConfirmedRow } from '../domain/revision.js';
import { AppError } from '../errors.js';
import { CHANGE_TABLE_JA } from '../messages.ja.js';

const TEXT_FIELDS = ['item', 'before', 'after', 'explanation'] as const;
const TIMINGS: readonly string[] = [CHANGE_TABLE_JA.prior, CHANGE_TABLE_JA.posterior, ''];
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const problemOf = (row: unknown): string | undefined => {
  if (typeof row !== 'object' || row === null) return '行の形式が正しくありません';
  const record = row as Record<string, unknown>;
  if (typeof record['date'] !== 'string' || !ISO_DATE.test(record['date'])) return '変更日は YYYY-MM-DD の形式で入力してください';
  const text = TEXT_FIELDS.find((field) => typeof record[field] !== 'string');
  if (text) return `${text} は文字で入力してください`;
  if (!TIMINGS.includes(String(record['timing']))) return `提出時期は「${CHANGE_TABLE_JA.prior}」か「${CHANGE_TABLE_JA.posterior}」です`;
  if (typeof record['important'] !== 'boolean') return 'important（重要な変更か）は true か false です';
  const exception = record['exception'];
  if (exception !== undefined && !(EXCEPTION_CODES as readonly unknown[]).includes(exception)) return `理由コードは ${EXCEPTION_CODES.join(' / ')} のいずれかです`;
  return undefined;
};

/** Refuse rows that the table could not print, before anything is written. */
export const checkConfirmedRows = (rows: readonly ConfirmedRow[], file: string): void => {
  const issues = rows.flatMap((row, index) => {
    const problem = problemOf(row);
    return problem ? [`${index + 1}行目: ${problem}`] : [];
  });
  if (issues.length > 0) {
    throw new AppError('ASSESSMENT_INVALID', `${file}: 変更箇所の行に問題があります。${issues.join(' / ')}`, { file, issues });
  }
};
