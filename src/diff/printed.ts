import { diffArrays } from 'diff';
import { isBlank, saysNothing } from '../domain/blank.js';
import type { FirstYearStyle } from '../domain/wareki.js';
import { CHANGE_TABLE_JA } from '../messages.ja.js';
import { childNode, formatValue, keyword, titleOf, type FormRevision, type ResolvedNode } from '../schema/index.js';

/** The 変更前 / 変更後 cells of one changed item. */
export type PrintedChange = { readonly before: string; readonly after: string };

const CHECKED = '[○]';
const UNCHECKED = '[ ]';
const CHECK_KINDS = new Set(['checks', 'checkGroups', 'check', 'checkWithText', 'flag']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A check box as the published tables cite it: `[○]label（text）` or `[ ]label`. */
const checkText = (label: string, value: unknown): string => {
  const checked = isRecord(value) ? value['checked'] === true : value === true;
  const text = isRecord(value) && typeof value['text'] === 'string' && value['text'] !== '' ? `（${value['text']}）` : '';
  return `${checked ? CHECKED : UNCHECKED}${label}${checked ? text : ''}`;
};

/**
 * Only the boxes that changed, each with its state before and after: the published tables write
 * `［　］内部監査` → `［〇］内部監査`, not the whole ＜選択肢＞ list.
 */
const changedChecks = (node: ResolvedNode, before: unknown, after: unknown, revision?: FormRevision): PrintedChange => {
  const kind = keyword<string>(node, 'x-kind');
  if (kind !== 'checks' && kind !== 'checkGroups') {
    const label = titleOf(node, revision) ?? '';
    return { before: checkText(label, before), after: checkText(label, after) };
  }
  const lines = { before: [] as string[], after: [] as string[] };
  for (const key of node.properties.keys()) {
    const child = childNode(node, key)!;
    const old = isRecord(before) ? before[key] : undefined;
    const now = isRecord(after) ? after[key] : undefined;
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    const part =
      kind === 'checkGroups'
        ? changedChecks(child, old, now, revision)
        : { before: checkText(titleOf(child, revision) ?? key, old), after: checkText(titleOf(child, revision) ?? key, now) };
    lines.before.push(part.before);
    lines.after.push(part.after);
  }
  return { before: lines.before.join('\n'), after: lines.after.join('\n') };
};

/** Text of a value the form prints as a list (記録項目の一覧): every non-empty string in order, one per line. */
const flattenText = (value: unknown): string[] => {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(flattenText);
  if (isRecord(value)) return Object.values(value).flatMap(flattenText);
  return [];
};

/** One value as printed in a 変更箇所 cell: choices in brackets, counts with 件, dates in 和暦, texts in full. */
/** How the document prints what a cell shows: its form revision's labels, its way of writing an era's first year. */
export type CellStyle = { readonly revision?: FormRevision; readonly firstYear?: FirstYearStyle };

export const printValue = (node: ResolvedNode, value: unknown, style: CellStyle = {}): string => {
  if (value === null || value === undefined || value === '') return '';
  if (keyword<string>(node, 'x-kind')) return formatValue(node, value, { ...style, maxTextLength: Infinity }) ?? '';
  if (typeof value === 'string') return value;
  return flattenText(value).join('\n');
};

/** An item printed on one line with its own value and a count beside it (委託の有無 [ 委託する ]（ 2 ）件). */
export const printItemLine = (node: ResolvedNode, value: unknown, style: CellStyle = {}): string =>
  ['value', 'count']
    .filter((key) => node.properties.has(key))
    .map((key) => printValue(childNode(node, key)!, isRecord(value) ? value[key] : undefined, style))
    .filter((text) => text !== '')
    .join('　');

const MAX_LINE_EDITS = 1_000;

/**
 * When a long text only lost (or only gained) one block of lines, the published tables cite that block
 * alone: 変更前 the removed lines, 変更後 `削除` (004's VRS rows), or 変更前 `（なし）` and 変更後 the added
 * lines. Anything else is cited in full, as rules.md §7.2 asks for long text.
 */
const textChange = (before: string, after: string): PrintedChange => {
  // Texts changed throughout (thousands of lines each) are cited in full; comparing them line by line would take minutes.
  const parts = diffArrays(before.split('\n'), after.split('\n'), { maxEditLength: MAX_LINE_EDITS });
  if (!parts) return { before, after };
  const removed = parts.filter((p) => p.removed);
  const added = parts.filter((p) => p.added);
  const oneBlock = (blocks: typeof parts): string | undefined => {
    const [block] = blocks;
    if (blocks.length !== 1 || !block) return undefined;
    const text = block.value.join('\n');
    return isBlank(text) ? undefined : text;
  };
  if (before !== '' && after !== '' && added.length === 0) {
    const block = oneBlock(removed);
    if (block !== undefined) return { before: block, after: CHANGE_TABLE_JA.removed };
  }
  if (before !== '' && after !== '' && removed.length === 0) {
    const block = oneBlock(added);
    if (block !== undefined) return { before: CHANGE_TABLE_JA.added, after: block };
  }
  return changedSections(before, after) ?? { before, after };
};

/** A line such as ＜中間サーバー・プラットフォームにおける措置＞ that heads a part of a long text. */
// From a string, which the CLI bundle writes in \u escapes (a regular expression literal it cannot): see tests/cli/smoke.test.ts.
const SECTION_HEADING = new RegExp('^\\s*[＜<].+[＞>]\\s*$');

const sectionsOf = (text: string): string[] => {
  const sections: string[][] = [[]];
  for (const line of text.split('\n')) {
    if (SECTION_HEADING.test(line) && sections.at(-1)!.some((l) => !isBlank(l))) sections.push([]);
    sections.at(-1)!.push(line);
  }
  return sections.map((lines) => lines.join('\n').replace(/\n+$/, ''));
};

/**
 * Long texts of the リスク対策 are written as parts headed ＜…における措置＞. When the parts stay the
 * same in number and only some changed, the published tables cite just those parts (001's 令和7年8月29日
 * rows on the 中間サーバー・プラットフォーム); otherwise undefined, and the whole text is cited.
 */
const changedSections = (before: string, after: string): PrintedChange | undefined => {
  const olds = sectionsOf(before);
  const news = sectionsOf(after);
  if (olds.length < 2 || olds.length !== news.length) return undefined;
  const changed = olds.flatMap((old, i) => (old === news[i] ? [] : [i]));
  if (changed.length === olds.length) return undefined;
  return { before: changed.map((i) => olds[i]).join('\n'), after: changed.map((i) => news[i]).join('\n') };
};

/**
 * The cells of a changed leaf: empty becomes `（なし）` before and `削除` after (rules.md §7.2). Undefined
 * when both print the same (null → '', '' → '―'): the printed form did not change.
 */
export const printChange = (
  node: ResolvedNode,
  before: unknown,
  after: unknown,
  style: CellStyle = {},
  ownLine = false,
): PrintedChange | undefined => {
  if (CHECK_KINDS.has(keyword<string>(node, 'x-kind') ?? '')) return changedChecks(node, before, after, style.revision);
  const print = (value: unknown): string => (ownLine ? printItemLine(node, value, style) : printValue(node, value, style));
  // A 「―」 or 「なし」 says "nothing to state" on the printed form, as an empty cell does.
  const blank = (text: string): string => (saysNothing(text) ? '' : text);
  const old = blank(print(before));
  const now = blank(print(after));
  if (old === now) return undefined;
  const isText = keyword<string>(node, 'x-kind') === undefined && !ownLine;
  const change = isText ? textChange(old, now) : { before: old, after: now };
  return {
    before: change.before === '' ? CHANGE_TABLE_JA.added : change.before,
    after: change.after === '' ? CHANGE_TABLE_JA.removed : change.after,
  };
};
