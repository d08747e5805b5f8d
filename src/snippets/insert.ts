import { AppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import { isTextItem, type FormId } from '../schema/index.js';
import { hashText } from './hash.js';
import type { Snippet } from './library.js';
import { SNIPPET_MESSAGES_JA as M } from './messages.ja.js';
import { itemPathIn, setValueAt, valueAt } from './pointer.js';
import type { SnippetUse, Span } from './uses.js';

/** Where to put a standard text: a text item, and the selection it replaces (the end of the text by default). */
export type InsertTarget = { readonly pointer: string; readonly start?: number; readonly end?: number };

export type InsertResult = { readonly data: Record<string, unknown>; readonly use: SnippetUse; readonly span: Span };

const pathOf = (form: FormId, data: unknown, pointer: string): string => itemPathIn(form, data, pointer).join(' > ');

/**
 * Put a standard text into a text item and record, non-printed, which span came from which version (with the hash
 * of the text inserted). The text itself is written into the item, so the document stays self-contained; the
 * inserted text keeps lines of its own (a line break is added before or after it where it would join other text).
 */
export const insertSnippet = (form: FormId, data: unknown, snippet: Snippet, target: InsertTarget): InsertResult => {
  const { pointer } = target;
  const copy = structuredClone(data as Record<string, unknown>);
  const value = valueAt(copy, pointer);
  if (!isTextItem(form, pointer) || (value !== undefined && typeof value !== 'string')) {
    throw new AppError('SNIPPET_TARGET_INVALID', fillMessage(M.notText, { path: pathOf(form, data, pointer) }), { pointer });
  }
  const text = value ?? '';
  const start = target.start ?? text.length;
  const end = target.end ?? start;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
    const message = fillMessage(M.badRange, { start, end, length: text.length, path: pathOf(form, data, pointer) });
    throw new AppError('SNIPPET_TARGET_INVALID', message, { pointer });
  }
  const before = start > 0 && text[start - 1] !== '\n' ? '\n' : '';
  const after = end < text.length && text[end] !== '\n' ? '\n' : '';
  if (!setValueAt(copy, pointer, `${text.slice(0, start)}${before}${snippet.body}${after}${text.slice(end)}`)) {
    throw new AppError('SNIPPET_TARGET_INVALID', fillMessage(M.notText, { path: pathOf(form, data, pointer) }), { pointer });
  }
  const use: SnippetUse = { pointer, snippet: snippet.id, version: snippet.version, hash: hashText(snippet.body) };
  const records = copy['snippetUses'];
  copy['snippetUses'] = [...(Array.isArray(records) ? records : []), use];
  const at = start + before.length;
  return { data: copy, use, span: { start: at, end: at + snippet.body.length } };
};
