/** What a merge-aware write of a draft tells the user: the items that came in, or the items in conflict. */
import type { IncomingChange, MergeConflict } from '../merge/index.js';
import { fillMessage } from '../messages.ja.js';
import { formRevisionOf, formRoot, formatValue, isFormId, nodeAt } from '../schema/index.js';
import type { DraftConflict } from '../workflows/index.js';
import type { CliIo } from './io.js';
import { CLI_MESSAGES_JA as M } from './messages.ja.js';

/** Items named in the one line about a merge; the rest are counted. */
const LISTED = 5;

/** One line naming what came in from a version saved after the read; nothing when nothing came in. */
export const reportIncoming = (io: CliIo, file: string, incoming: readonly IncomingChange[]): void => {
  const labels = [...new Set(incoming.map((change) => change.label))];
  if (labels.length === 0) return;
  const more = labels.length > LISTED ? fillMessage(M.andMore, { count: labels.length - LISTED }) : '';
  io.out(fillMessage(M.mergedIn, { file, count: labels.length, items: labels.slice(0, LISTED).join('、') + more }));
};

/** A value of a conflict as the form prints it, on one line; missing entries and blanks said in words. */
const shown = (theirs: Record<string, unknown>, conflict: MergeConflict, value: unknown): string => {
  if (value === undefined && conflict.kind === 'entry') return M.entryRemoved;
  if (value === undefined || value === null || value === '') return M.blank;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(conflict.kind === 'order' ? ' → ' : ' / ');
  const form = theirs['form'];
  const node = isFormId(form) ? nodeAt(formRoot(form), conflict.pointer) : undefined;
  const revision = formRevisionOf(theirs);
  const options = { maxTextLength: Number.POSITIVE_INFINITY, ...(revision ? { revision } : {}) };
  return (node && formatValue(node, value, options)) ?? JSON.stringify(value);
};

/** Nothing was written: each item both changed, by its official label and pointer, with this command's value and the saved one. */
export const reportConflicts = (io: CliIo, file: string, { conflicts, theirs }: DraftConflict): void => {
  io.err(fillMessage(M.mergeConflict, { file, count: conflicts.length }));
  for (const conflict of conflicts) {
    io.err(fillMessage(M.conflictItem, { label: conflict.label, pointer: conflict.pointer }));
    io.err(fillMessage(M.conflictMine, { value: shown(theirs.data, conflict, conflict.mine) }));
    io.err(fillMessage(M.conflictTheirs, { value: shown(theirs.data, conflict, conflict.theirs) }));
  }
  io.err(M.conflictHint);
};
