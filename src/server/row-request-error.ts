/**
 * A refused 変更箇所 row, named as the officer sees it: its row number in the table and the column's printed title
 * (from the schema), instead of ajv's `/rows/3/timing`.
 */
import { changeColumnTitles, type ChangeColumn } from '../diff/index.js';
import { valueText } from '../domain/value-text.js';
import { API_MESSAGES_JA, ROW_FIELDS_JA, fillMessage } from '../messages.ja.js';

type RowValidationError = { instancePath: string; keyword: string; params?: Record<string, unknown> };

const ROW_PATH = /^\/rows\/(\d+)(?:\/(\w+))?$/;

// The changeRow definition is shared by both forms (common.schema.json), so either form's titles are the same.
const columnTitles = changeColumnTitles('yoshiki3') as Record<string, string>;
const fieldName = (field: string): string => columnTitles[field as ChangeColumn] ?? ROW_FIELDS_JA[field] ?? field;

const choiceText = (value: unknown): string => (value === '' ? '空欄' : `「${valueText(value)}」`);

/** The Japanese message for a rows request error, or undefined when the error is not about one row. */
export const rowRequestMessage = (error: RowValidationError | undefined): string | undefined => {
  const match = error && ROW_PATH.exec(error.instancePath);
  if (!error || !match) return undefined;
  const row = Number(match[1]) + 1;
  const params = error.params ?? {};
  if (match[2] === undefined) {
    if (error.keyword === 'required') return fillMessage(API_MESSAGES_JA.missingRowField, { row, field: fieldName(String(params['missingProperty'])) });
    if (error.keyword === 'additionalProperties') {
      return fillMessage(API_MESSAGES_JA.unknownRowField, { row, field: String(params['additionalProperty']).slice(0, 100) });
    }
    return fillMessage(API_MESSAGES_JA.invalidRowShape, { row, columns: Object.values(columnTitles).join('・') });
  }
  const field = fieldName(match[2]);
  if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    return fillMessage(API_MESSAGES_JA.invalidRowChoice, { row, field, choices: params['allowedValues'].map(choiceText).join('・') });
  }
  return fillMessage(API_MESSAGES_JA.invalidRow, { row, field });
};
