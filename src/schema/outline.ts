import { valueText } from '../domain/value-text.js';
import { formatWareki, type FirstYearStyle } from '../domain/wareki.js';
import type { FormId } from './documents.js';
import { printedLabel, titleOf, type FormRevision } from './labels.js';
import { childNode, formRoot, isArrayNode, keyword, type ResolvedNode } from './resolve.js';

/** One line of the terminal outline: depth for indentation, the printed label, and the value if any. */
export type OutlineLine = { readonly depth: number; readonly label: string; readonly value?: string };

type Options = { revision?: FormRevision; maxTextLength?: number; firstYear?: FirstYearStyle };

const CHECKED = '[ ○ ]';
const UNCHECKED = '[ ]';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const shorten = (text: string, max: number): string => {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

const checkLabel = (node: ResolvedNode, value: unknown, revision?: FormRevision): string => {
  const title = titleOf(node, revision) ?? '';
  if (isRecord(value)) {
    const text = valueText(value['text']);
    return `${value['checked'] ? CHECKED : UNCHECKED} ${title} （ ${text} ）`;
  }
  return `${value ? CHECKED : UNCHECKED} ${title}`;
};

/** A value as the printed form shows it: [ 選択肢 ], [ ○ ] ラベル, （ 2 ）件, 和暦の日付. */
export const formatValue = (node: ResolvedNode, value: unknown, options: Options = {}): string | undefined => {
  const kind = keyword<string>(node, 'x-kind');
  const max = options.maxTextLength ?? 60;
  switch (kind) {
    case 'choice':
      return value === null || value === undefined ? '[ ]' : `[ ${valueText(value)} ]`;
    case 'checks':
      return [...node.properties.keys()]
        .map((key) => checkLabel(childNode(node, key)!, isRecord(value) ? value[key] : undefined, options.revision))
        .join(' ');
    case 'date':
      return typeof value === 'string' ? formatWareki(value, options.firstYear) : '';
    case 'count':
      return value === null || value === undefined ? '（ ）件' : `（ ${valueText(value)} ）件`;
    case 'provisionStatus': {
      const status = isRecord(value) ? value : {};
      const count = (key: string): string => `（ ${valueText(status[key])} ） 件`;
      const box = (key: string): string => `${status[key] ? CHECKED : UNCHECKED} ${titleOf(childNode(node, key)!, options.revision) ?? ''}`;
      return `${box('providing')} ${count('providingCount')} ${box('transferring')} ${count('transferringCount')} ${box('none')}`;
    }
    case 'flag':
    case 'check':
      return value ? CHECKED : UNCHECKED;
    default:
      if (typeof value === 'string') return shorten(value, max);
      if (typeof value === 'number') return String(value);
      return undefined;
  }
};

/** The value printed on a repeated-group entry's label row (`委託事項1 システム運用保守業務委託`), by x-role. */
const entryTitleOf = (entryNode: ResolvedNode, entry: unknown): string => {
  const key = [...entryNode.properties.keys()].find((k) => keyword<string>(childNode(entryNode, k)!, 'x-role') === 'entryTitle');
  const title = key !== undefined && isRecord(entry) ? entry[key] : undefined;
  return typeof title === 'string' && title !== '' ? ` ${title}` : '';
};

const walk = (node: ResolvedNode, value: unknown, depth: number, lines: OutlineLine[], options: Options): void => {
  const kind = keyword<string>(node, 'x-kind');
  if (isArrayNode(node)) {
    const items = Array.isArray(value) ? value : [];
    const itemLabel = keyword<string>(node, 'x-itemLabel');
    items.forEach((item, index) => {
      const child = childNode(node, String(index))!;
      if (keyword<boolean>(node, 'x-fileGroup')) return walk(child, item, depth, lines, options);
      // A list of plain values (the 記録項目 of a 別添) shows each value, not its place in the list.
      if (itemLabel === undefined && child.properties.size === 0) return void lines.push({ depth, label: formatValue(child, item, options) ?? '' });
      lines.push({ depth, label: `${itemLabel ?? ''}${index + 1}${entryTitleOf(child, item)}` });
      walk(child, item, depth + 1, lines, options);
    });
    return;
  }
  if (node.properties.size === 0 || kind === 'checks' || kind === 'checkWithText' || kind === 'provisionStatus') return;
  const record = isRecord(value) ? value : {};
  for (const key of node.properties.keys()) outlineItem(node, key, record[key], depth, lines, options);
};

/** The line of one item (label and the value printed beside it), then its sub-items one level deeper. */
const outlineItem = (parent: ResolvedNode, key: string, value: unknown, depth: number, lines: OutlineLine[], options: Options): void => {
  const node = childNode(parent, key);
  if (!node || keyword<unknown>(node, 'x-printed') === false || keyword<string>(node, 'x-role') === 'entryTitle') return;
  // An optional item the document does not use (an imported row's own date spelling) is not part of it.
  if (value === undefined && !(keyword<string[]>(parent, 'required') ?? []).includes(key)) return;
  // An item's own value, and a count beside it as in 委託の有無, sit on the item's label line.
  if (key === 'value' || (key === 'count' && parent.properties.has('value'))) return;
  const label = printedLabel(node, options.revision);
  const shown = isRecord(value) && node.properties.has('value')
    ? ['value', 'count']
        .filter((part) => node.properties.has(part))
        .map((part) => formatValue(childNode(node, part)!, value[part], options))
        .filter((part) => part !== undefined)
        .join('　')
    : formatValue(node, value, options);
  if (label !== undefined) lines.push({ depth, label, ...(shown !== undefined ? { value: shown } : {}) });
  walk(node, value, label !== undefined ? depth + 1 : depth, lines, options);
};

/**
 * The assessment as an indented outline with official numbering and labels, for reading in a terminal.
 * Sections come in printed order (the schema's x-toc): Ⅱ of every file, then the record-item annex, then Ⅲ.
 */
export const outlineAssessment = (form: FormId, data: unknown, options: Options = {}): OutlineLine[] => {
  const lines: OutlineLine[] = [];
  const root = formRoot(form);
  const record = isRecord(data) ? data : {};
  lines.push({ depth: 0, label: titleOf(root) ?? form });
  const toc = keyword<string[]>(root, 'x-toc') ?? [];
  const tocKeys = new Set(toc.map((pointer) => pointer.split('/')[1]));
  for (const key of root.properties.keys()) {
    if (!tocKeys.has(key)) outlineItem(root, key, record[key], 0, lines, options);
  }
  for (const pointer of toc) {
    const [, key = '', part] = pointer.split('/');
    if (part === undefined) {
      outlineItem(root, key, record[key], 0, lines, options);
      continue;
    }
    // A per-file section: that part of every 特定個人情報ファイル in turn.
    const entries = Array.isArray(record[key]) ? (record[key] as unknown[]) : [];
    const entryNode = childNode(childNode(root, key)!, '0')!;
    for (const entry of entries) outlineItem(entryNode, part, isRecord(entry) ? entry[part] : undefined, 0, lines, options);
  }
  return lines;
};
