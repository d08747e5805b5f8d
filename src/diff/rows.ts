import type { ConfirmedRow, ExceptionCode } from '../domain/revision.js';
import { saysNothing } from '../domain/blank.js';
import { CHANGE_TABLE_JA, EXCEPTION_REASONS_JA, TIMING_WARNINGS_JA } from '../messages.ja.js';
import type { ChangeCandidate } from './changes.js';

/**
 * 提出時期 and its default 提出時期に係る説明 by rules.md §5: a ※ item is a 重要な変更 (事前) unless the officer
 * names an exception, which makes it a 修正 (事後) with the reason appended; anything else is 事後.
 */
export const proposedTiming = (important: boolean, exception?: ExceptionCode): Pick<ConfirmedRow, 'timing' | 'explanation'> => {
  if (important && exception === undefined) return { timing: CHANGE_TABLE_JA.prior, explanation: CHANGE_TABLE_JA.important };
  const reason = important && exception !== undefined ? `（${EXCEPTION_REASONS_JA[exception]}）` : '';
  return { timing: CHANGE_TABLE_JA.posterior, explanation: `${CHANGE_TABLE_JA.notImportant}${reason}` };
};

/** The proposed 変更箇所 rows of one revision, all dated with its 変更日 (rules.md §7.2). */
export const proposeRows = (candidates: readonly ChangeCandidate[], changeDate: string): ConfirmedRow[] =>
  candidates.map((candidate) => ({
    date: changeDate,
    item: candidate.item,
    before: candidate.before,
    after: candidate.after,
    ...proposedTiming(candidate.important),
    pointer: candidate.pointer,
    important: candidate.important,
  }));

/** The officer says a ※ change is not a 重要な変更: the row becomes 事後 with the reason, unless they already edited it. */
export const applyException = (row: ConfirmedRow, exception: ExceptionCode | undefined): ConfirmedRow => {
  const { exception: _previous, ...rest } = row;
  const defaults = proposedTiming(row.important, row.exception);
  const edited = row.timing !== defaults.timing || row.explanation !== defaults.explanation;
  const next = exception === undefined ? rest : { ...rest, exception };
  return edited ? next : { ...next, ...proposedTiming(row.important, exception) };
};

/**
 * Why a confirmed row's 提出時期 contradicts the rule, or undefined when it agrees. These are warnings:
 * the timing is the officer's legal judgement and the published seeds do not always follow the ※ marks.
 */
export const timingWarning = (row: ConfirmedRow): string | undefined => {
  if (row.timing === '') return TIMING_WARNINGS_JA.timingMissing;
  if (row.important && row.exception === undefined && row.timing === CHANGE_TABLE_JA.posterior) {
    return TIMING_WARNINGS_JA.importantFiledAfter;
  }
  if (row.important && row.exception !== undefined && row.timing === CHANGE_TABLE_JA.prior) return TIMING_WARNINGS_JA.exceptionFiledBefore;
  if (row.important && row.exception !== undefined && saysNothing(row.explanation)) return TIMING_WARNINGS_JA.exceptionWithoutExplanation;
  if (!row.important && row.timing === CHANGE_TABLE_JA.prior) return TIMING_WARNINGS_JA.notImportantFiledBefore;
  return undefined;
};

/**
 * Proposals recomputed after the draft changed again keep what the officer already decided for the same
 * item (提出時期, its explanation, the exception); rows the officer wrote by hand (no pointer) are kept at the end.
 */
export const keepConfirmed = (proposed: readonly ConfirmedRow[], confirmed: readonly ConfirmedRow[]): ConfirmedRow[] => {
  const byPointer = new Map(confirmed.filter((row) => row.pointer !== undefined).map((row) => [row.pointer, row]));
  const merged = proposed.map((row) => {
    const decided = byPointer.get(row.pointer);
    if (!decided) return row;
    return { ...row, timing: decided.timing, explanation: decided.explanation, ...(decided.exception ? { exception: decided.exception } : {}) };
  });
  return [...merged, ...confirmed.filter((row) => row.pointer === undefined)];
};

const joinLines = (upper: string, lower: string): string => (upper === '' ? lower : lower === '' ? upper : `${upper}\n${lower}`);

/** 事前 wins: if either part needs a 再評価 before it takes effect, so does the printed row that holds both. */
const mergedTiming = (upper: ConfirmedRow['timing'], lower: ConfirmedRow['timing']): ConfirmedRow['timing'] => {
  if (upper === CHANGE_TABLE_JA.prior || lower === CHANGE_TABLE_JA.prior) return CHANGE_TABLE_JA.prior;
  return upper === CHANGE_TABLE_JA.posterior || lower === CHANGE_TABLE_JA.posterior ? CHANGE_TABLE_JA.posterior : '';
};

/**
 * The officer prints two rows as one (the published tables often cite several items in one row): the lower row
 * joins the upper one line by line. The result is ※ if either part is, and keeps an exception only when every ※
 * part was excused for the same reason, so the rule check still sees an unexcused ※ change. It has no pointer:
 * it is the officer's row now, not a proposal.
 */
export const mergeRows = (upper: ConfirmedRow, lower: ConfirmedRow): ConfirmedRow => {
  const exceptions = new Set([upper, lower].filter((row) => row.important).map((row) => row.exception));
  const [exception] = exceptions.size === 1 ? [...exceptions] : [undefined];
  return {
    date: upper.date,
    item: joinLines(upper.item, lower.item),
    before: joinLines(upper.before, lower.before),
    after: joinLines(upper.after, lower.after),
    timing: mergedTiming(upper.timing, lower.timing),
    explanation: upper.explanation === lower.explanation ? upper.explanation : joinLines(upper.explanation, lower.explanation),
    important: upper.important || lower.important,
    ...(exception !== undefined ? { exception } : {}),
  };
};
