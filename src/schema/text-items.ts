import type { FormId } from './documents.js';
import { childNode, choiceOptions, formRoot, isArrayNode, joinPointer, keyword, splitPointer, typesOf, type ResolvedNode } from './resolve.js';

/** A printed free-text value of an assessment. */
export type TextItem = { readonly pointer: string; readonly text: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isPrinted = (node: ResolvedNode): boolean => keyword<unknown>(node, 'x-printed') !== false;

/** The imported 変更箇所 rows: printed, but quotes of earlier texts rather than the document's own items. */
const HISTORY = 'changeHistory';

/** Free text: written by people, not picked from ＜選択肢＞ and not a date. */
const isFreeText = (node: ResolvedNode): boolean =>
  node.properties.size === 0 &&
  !isArrayNode(node) &&
  choiceOptions(node) === undefined &&
  keyword<string>(node, 'x-kind') === undefined &&
  typesOf(node).includes('string');

const collect = (node: ResolvedNode, value: unknown, segments: string[], out: TextItem[]): void => {
  if (!isPrinted(node)) return;
  if (isArrayNode(node)) {
    if (Array.isArray(value)) value.forEach((entry, index) => collect(childNode(node, String(index))!, entry, [...segments, String(index)], out));
    return;
  }
  if (node.properties.size > 0) {
    if (!isRecord(value)) return;
    for (const key of node.properties.keys()) collect(childNode(node, key)!, value[key], [...segments, key], out);
    return;
  }
  if (typeof value === 'string' && isFreeText(node)) out.push({ pointer: joinPointer(segments), text: value });
};

/**
 * Every printed free-text value of an assessment, in the schema's order (non-printed parts, choices and dates left
 * out); the imported 変更箇所 rows only with `history`.
 */
export const textItems = (form: FormId, data: unknown, options: { history?: boolean } = {}): TextItem[] => {
  const out: TextItem[] = [];
  const root = formRoot(form);
  const record = isRecord(data) ? data : {};
  for (const key of root.properties.keys()) {
    if (key !== HISTORY || options.history) collect(childNode(root, key)!, record[key], [key], out);
  }
  return out;
};

/** Whether a JSON Pointer names a printed free-text item of the form, not a quote in the 変更箇所 rows. */
export const isTextItem = (form: FormId, pointer: string): boolean => {
  let node: ResolvedNode | undefined = formRoot(form);
  const segments = splitPointer(pointer);
  if (segments[0] === HISTORY) return false;
  for (const segment of segments) {
    node = childNode(node, segment);
    if (!node || !isPrinted(node)) return false;
  }
  return pointer !== '' && isFreeText(node);
};
