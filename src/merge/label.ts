import { citationLine, citeItem, type CitationContext } from '../diff/index.js';
import { formRevisionOf, splitPointer, type FormId } from '../schema/index.js';
import { isRecord } from './values.js';

const fileCount = (data: unknown): number => (isRecord(data) && Array.isArray(data['files']) ? data['files'].length : 1);

const contextOf = (data: unknown): CitationContext => {
  const revision = formRevisionOf(data);
  return { ...(revision ? { revision } : {}), fileCount: fileCount(data) };
};

/**
 * The official item path of a place of `data` on one line, as the 変更箇所 table cites it (`Ⅰ　基本情報 ６．…
 * ①部署`), numbered for the document's form revision and its number of files.
 */
export const labelAt = (form: FormId, pointer: string | readonly string[], data: unknown): string =>
  citationLine(citeItem(form, typeof pointer === 'string' ? splitPointer(pointer) : pointer, contextOf(data)));
