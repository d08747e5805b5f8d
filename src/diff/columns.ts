import type { ChangeRow } from '../domain/assessment.gen.js';
import { childNode, formRoot, titleOf, type FormId } from '../schema/index.js';

export type ChangeColumn = keyof ChangeRow;
const COLUMNS: readonly ChangeColumn[] = ['date', 'item', 'before', 'after', 'timing', 'explanation'];

/** The 変更箇所 table's column headings (変更日, 項目, 変更前の記載 …), read from the schema's changeRow titles. */
export const changeColumnTitles = (form: FormId): Record<ChangeColumn, string> => {
  const row = childNode(childNode(formRoot(form), 'changeHistory')!, '0')!;
  return Object.fromEntries(COLUMNS.map((column) => [column, titleOf(childNode(row, column)!) ?? column])) as Record<ChangeColumn, string>;
};
