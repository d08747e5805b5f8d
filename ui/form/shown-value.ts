import type { FormId } from '../../src/schema/documents.js';
import { printedLabel, titleOf, type FormRevision } from '../../src/schema/labels.js';
import { formatValue } from '../../src/schema/outline.js';
import { childNode, formRoot, keyword, nodeAt, type ResolvedNode } from '../../src/schema/resolve.js';
import { msg } from '../messages.ja.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const INDENT = '　';

const scalar = (node: ResolvedNode | undefined, value: unknown, revision: FormRevision | undefined): string | undefined => {
  if (value === undefined || value === null || value === '') return msg('valueBlank');
  const kind = node && keyword<string>(node, 'x-kind');
  if (node && kind && kind !== 'checkGroups') return formatValue(node, value, { ...(revision ? { revision } : {}), maxTextLength: Infinity });
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '[ ○ ]' : '[ ]';
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join('\n');
  return undefined;
};

/** The lines of a group of items: `label：value`, parts indented under their heading. */
const lines = (node: ResolvedNode | undefined, value: unknown, revision: FormRevision | undefined, depth: number): string[] => {
  const pad = INDENT.repeat(depth);
  const shown = scalar(node, value, revision);
  if (shown !== undefined) return [`${pad}${shown}`];
  if (Array.isArray(value)) {
    const noun = node ? (keyword<string>(node, 'x-itemLabel') ?? '') : '';
    const item = node && childNode(node, '0');
    return value.flatMap((entry, index) => [`${pad}${noun}${index + 1}`, ...lines(item, entry, revision, depth + 1)]);
  }
  if (!isRecord(value)) return [`${pad}${JSON.stringify(value)}`];
  return Object.keys(value).flatMap((key) => {
    const child = node && childNode(node, key);
    if (key === 'id' || (child && keyword<boolean>(child, 'x-printed') === false && depth > 0)) return [];
    const label = (child && (printedLabel(child, revision) ?? titleOf(child, revision))) ?? key;
    const own = scalar(child, value[key], revision);
    return own !== undefined && !own.includes('\n') ? [`${pad}${label}：${own}`] : [`${pad}${label}`, ...lines(child, value[key], revision, depth + 1)];
  });
};

/**
 * A value of the draft as a reader checks it in a side-by-side comparison: choices in brackets, boxes as
 * [ ○ ], dates in 和暦, an entry or a group as its items one per line with their official labels; an entry that
 * does not exist is （なし）.
 */
export const shownValue = (form: FormId, pointer: string, value: unknown, revision?: FormRevision): string => {
  if (value === undefined) return msg('valueAbsent');
  const node = nodeAt(formRoot(form), pointer);
  return scalar(node, value, revision) ?? lines(node, value, revision, 0).join('\n');
};
