import { itemPath, splitPointer, type FormId, type FormRevision } from '../schema/index.js';

export type CitationContext = { readonly revision?: FormRevision; readonly fileCount?: number };

/**
 * 項目 of a 変更箇所 row: the official item path built from the schema's numbering and labels, one level
 * per line as the table cell prints it (`Ⅱ　特定個人情報ファイルの概要` / `３．特定個人情報の入手・使用` /
 * `②入手方法`). `citationLine` joins the levels with a space for one-line displays.
 */
export const citeItem = (form: FormId, segments: readonly string[], context: CitationContext = {}): string =>
  itemPath(form, segments, context).join('\n');

export const citePointer = (form: FormId, pointer: string, context: CitationContext = {}): string =>
  citeItem(form, splitPointer(pointer), context);

export const citationLine = (item: string): string => item.split('\n').join(' ');
