/**
 * 変更日: one default for every front end, and the warnings that a date would put the appendix out of order
 * (rules.md §7.2–7.3: the appendix is sorted by date, so a revision dated before rows already printed slips
 * between them).
 */
import type { ChangeRow } from '../domain/revision.js';
import { formatWareki } from '../domain/wareki.js';
import { WORKFLOW_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import type { Clock } from './clock.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** rules.md §7.2: 変更日 = the revision's 公表日 (the draft's cover); without one, today in Japan. */
export const defaultChangeDate = (data: unknown, clock: Clock): string => {
  const published = isRecord(data) && isRecord(data['cover']) ? data['cover']['publishedOn'] : undefined;
  return typeof published === 'string' && published !== '' ? published : clock.today();
};

/** The revision a new one follows, as far as its date matters. */
export type DatedRevision = { readonly number: number; readonly changeDate: string };

/**
 * Warnings (never refusals: the officer may have a reason) when `changeDate` is earlier than the predecessor's
 * 変更日 or than the newest row the appendix already prints.
 */
export const changeDateWarnings = (
  changeDate: string,
  predecessor: DatedRevision | undefined,
  printedRows: readonly ChangeRow[],
): string[] => {
  const warnings: string[] = [];
  const date = formatWareki(changeDate);
  if (predecessor && changeDate < predecessor.changeDate) {
    warnings.push(
      fillMessage(M.earlierThanPredecessor, { date, number: predecessor.number, previous: formatWareki(predecessor.changeDate) }),
    );
  }
  const latest = printedRows.reduce<string>((max, row) => (row.date && row.date > max ? row.date : max), '');
  const saidAlready = warnings.length > 0 && latest === predecessor?.changeDate;
  if (changeDate < latest && !saidAlready) {
    warnings.push(fillMessage(M.earlierThanPrinted, { date, latest: formatWareki(latest) }));
  }
  return warnings;
};
