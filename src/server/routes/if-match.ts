import { AppError } from '../../errors.js';
import { API_MESSAGES_JA } from '../../messages.ja.js';

/** The etag an If-Match header names: `"abc"`, `W/"abc"` or `*`; the first one when a list is sent. */
export const parseIfMatch = (header: string | undefined): string | undefined => {
  const first = header?.split(',')[0]?.trim();
  if (!first) return undefined;
  if (first === '*') return '*';
  return first.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
};

/**
 * Writes are compare-and-swap on the version the writer read: without If-Match, 428. `*` names no version, so it
 * never matches one (409 with the current version), like a made-up etag.
 */
export const requireIfMatch = (header: string | undefined): string => {
  const etag = parseIfMatch(header);
  if (etag === undefined) throw new AppError('PRECONDITION_REQUIRED', API_MESSAGES_JA.preconditionRequired);
  return etag;
};
