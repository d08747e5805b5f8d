/**
 * What counts as an empty answer: the one definition the checks, the diff, the editor and the schema's
 * validation keywords share (pure, so the browser imports it too).
 *
 * - **blank**: nothing written: `null`, absent, or a string of whitespace only. A required item that is blank
 *   is missing.
 * - **a "none" answer**: the forms' deliberate 「－」「―」 (also `-`, `ー`, `‐` alone) and 「なし」, which rules.md
 *   names as the answer for 特記事項 and 様式４ Ⅵ２④⑤. It *is* an answer, so a required item holding it is
 *   filled; it states that there is nothing, so it cannot stand for a description the form asks for.
 * - **says nothing** = blank or a none answer: an item that must stay empty (再委託しない ⇒ 再委託事項) may
 *   hold either, and a detail another answer calls for (発生あり ⇒ その内容) is missing with either.
 */
// From a string, which the CLI bundle writes in \u escapes (a regular expression literal it cannot): see tests/cli/smoke.test.ts.
const NONE_ANSWER = new RegExp('^\\s*(?:[―－\\-ー‐─]+|なし)\\s*$');

export const isBlank = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

export const isNoneAnswer = (value: unknown): boolean => typeof value === 'string' && NONE_ANSWER.test(value);

export const saysNothing = (value: unknown): boolean => isBlank(value) || isNoneAnswer(value);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An entry of a repeated group (システム, 委託事項, 提供先, 移転先 …) that holds no answer at all: every text says
 * nothing, every box is unticked, no choice or count is given (its `id` aside). It is a *printed-empty slot*:
 * the form prints its block with labels and empty boxes, and nothing in it is a statement about the business.
 */
export const isBlankEntry = (value: unknown): boolean => {
  if (value === false || saysNothing(value)) return true;
  if (Array.isArray(value)) return value.every(isBlankEntry);
  if (isRecord(value)) return Object.entries(value).every(([key, part]) => key === 'id' || isBlankEntry(part));
  return false;
};

/** The entries of a repeated group that hold answers (printed-empty slots left out). */
export const answeredEntries = <T>(entries: readonly T[]): T[] => entries.filter((entry) => !isBlankEntry(entry));
