import { isIsoDate } from '../domain/wareki-parse.js';
import { AppError, type ErrorCode } from '../errors.js';
import { WORKFLOW_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';

/** A person's name the record keeps (author of a commit, who took a status step): never blank. */
export const requireName = (name: string | undefined, code: ErrorCode, message: string): string => {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') throw new AppError(code, message);
  return trimmed;
};

/** A real calendar date written YYYY-MM-DD, or INVALID_REQUEST naming what it was meant to be. */
export const requireIsoDate = (value: string, what: string): string => {
  if (isIsoDate(value)) return value;
  throw new AppError('INVALID_REQUEST', fillMessage(M.invalidDate, { what, value: String(value).slice(0, 40) }));
};
