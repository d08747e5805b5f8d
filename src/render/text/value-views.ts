import { formatWareki, type FirstYearStyle } from '../../domain/wareki.js';
import { childNode, choiceOptions, keyword, optionNumbers, titleOf, type FormRevision, type ResolvedNode } from '../../schema/index.js';

/** What a value cell holds: plain text, a chosen option with its ＜選択肢＞ list, or printed lines (check boxes). */
export type ValueView = {
  readonly lines: readonly string[];
  /** The lines are items of a list (check-box lines), for the tagged PDF. */
  readonly list: boolean;
  readonly options: { readonly title: string; readonly lines: readonly string[]; readonly width: number } | null;
};

const CHECKED = '[ ○ ]';
const UNCHECKED = '[ ]';
const OPTIONS_TITLE = '＜選択肢＞';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

export const countText = (value: unknown): string => `（ ${text(value)} ） 件`;

export const checkText = (node: ResolvedNode, value: unknown, revision?: FormRevision): string => {
  const title = titleOf(node, revision) ?? '';
  if (isRecord(value)) return `${value['checked'] ? CHECKED : UNCHECKED} ${title} （ ${text(value['text'])} ）`;
  return `${value ? CHECKED : UNCHECKED} ${title}`;
};

/** Approximate printed width (em) of an option line, to size the ＜選択肢＞ box before measurement. */
const emWidth = (line: string): number => [...line].reduce((sum, char) => sum + (char.charCodeAt(0) < 0x2000 ? 0.6 : 1), 0);

const optionLines = (node: ResolvedNode): string[] => {
  const numbers = optionNumbers(node);
  const perRow = keyword<number>(node, 'x-optionsPerRow') ?? 1;
  const labelled = (choiceOptions(node) ?? []).map((option, index) => `${numbers[index]} ${option}`);
  const lines: string[] = [];
  for (let index = 0; index < labelled.length; index += perRow) lines.push(labelled.slice(index, index + perRow).join(' '));
  return lines;
};

const choiceView = (node: ResolvedNode, value: unknown, after: readonly string[]): ValueView => {
  const lines = optionLines(node);
  const width = Math.min(280, Math.max(90, Math.max(...lines.map(emWidth), emWidth(OPTIONS_TITLE)) * 8.5 + 14));
  const chosen = value === null || value === undefined || value === '' ? '[ ]' : `[ ${String(value)} ]`;
  return { lines: [[chosen, ...after.slice(0, 1)].join(' '), ...after.slice(1)], list: false, options: { title: OPTIONS_TITLE, lines, width } };
};

const checkLines = (node: ResolvedNode, value: unknown, revision?: FormRevision): string[] => {
  const record = isRecord(value) ? value : {};
  const rows = keyword<string[][]>(node, 'x-rows') ?? [...node.properties.keys()].map((key) => [key]);
  return rows.map((row) => row.map((key) => checkText(childNode(node, key)!, record[key], revision)).join(' '));
};

const provisionLine = (node: ResolvedNode, value: unknown, revision?: FormRevision): string => {
  const status = isRecord(value) ? value : {};
  const box = (key: string): string => checkText(childNode(node, key)!, status[key], revision);
  return `${box('providing')} ${countText(status['providingCount'])} ${box('transferring')} ${countText(status['transferringCount'])} ${box('none')}`;
};

/**
 * A value as the printed form shows it. `after` holds what the form prints behind the value in the same cell:
 * the count of 委託の有無, a sub-item printed in parentheses (x-printFormat).
 */
/** What decides how a value prints besides the value: the form revision's labels and the document's 元年 style. */
export type PrintOptions = { readonly revision?: FormRevision; readonly firstYear?: FirstYearStyle };

export const valueView = (node: ResolvedNode, value: unknown, print: PrintOptions = {}, after: readonly string[] = []): ValueView => {
  const { revision } = print;
  switch (keyword<string>(node, 'x-kind')) {
    case 'choice':
      return choiceView(node, value, after);
    case 'checks':
      return { lines: [...checkLines(node, value, revision), ...after], list: true, options: null };
    case 'checkGroups': {
      const record = isRecord(value) ? value : {};
      const lines = [...node.properties.keys()].flatMap((key) => {
        const group = childNode(node, key)!;
        return [`・${titleOf(group, revision) ?? ''}`, ...checkLines(group, record[key], revision)];
      });
      return { lines: [...lines, ...after], list: true, options: null };
    }
    case 'check':
    case 'flag':
    case 'checkWithText':
      return { lines: [checkText(node, value, revision), ...after], list: false, options: null };
    case 'provisionStatus':
      return { lines: [provisionLine(node, value, revision), ...after], list: false, options: null };
    case 'count':
      return { lines: [countText(value), ...after], list: false, options: null };
    case 'date':
      return { lines: [typeof value === 'string' ? formatWareki(value, print.firstYear) : '', ...after], list: false, options: null };
    default:
      return { lines: [text(value), ...after], list: false, options: null };
  }
};
