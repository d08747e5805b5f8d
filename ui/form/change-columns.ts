import type { FormId } from '../../src/schema/documents.js';
import { titleOf } from '../../src/schema/labels.js';
import { childNode, choiceOptions, formRoot } from '../../src/schema/resolve.js';

/** The columns of the 変更箇所 table, in the form's order, with their titles and 提出時期's options from the schema. */
export const CHANGE_COLUMNS = ['date', 'item', 'before', 'after', 'timing', 'explanation'] as const;
export type ChangeColumn = (typeof CHANGE_COLUMNS)[number];

const rowNode = (form: FormId) => childNode(childNode(formRoot(form), 'changeHistory')!, '0')!;

export const changeColumnTitle = (form: FormId, column: ChangeColumn): string => {
  const node = childNode(rowNode(form), column);
  return (node && titleOf(node)) ?? column;
};

/** 事前 / 事後 (and '' for an imported row without one). */
export const timingOptions = (form: FormId): string[] => choiceOptions(childNode(rowNode(form), 'timing')!) ?? [];
