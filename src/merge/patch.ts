/**
 * Delta saves: the editor sends the changes it made since the version it holds instead of the whole draft (001 is
 * 250 KB of JSON; an edit is a few hundred bytes). A patch is a list of JSON Patch operations (RFC 6902: add,
 * replace, remove; RFC 6901 pointers), made by `patchBetween` and applied by `applyPatch`. Applying the patch of
 * two versions to the first gives the second exactly (key order included), so a delta save writes the bytes the
 * whole-document save of the same data writes. Pure; the UI and the server import it.
 */
import { sequenceEdits } from '../diff/index.js';
import { splitPointer } from '../schema/index.js';
import { isRecord, type Doc } from './values.js';

export type PatchOperation =
  | {
      readonly op: 'add' | 'replace';
      readonly path: string;
      readonly value: unknown;
    }
  | { readonly op: 'remove'; readonly path: string };

/** Why an operation cannot be applied: what a client is told (with the operation's index and path). */
export type PatchFault = 'root' | 'segment' | 'parent' | 'missing' | 'index' | 'value' | 'op';

export type PatchOutcome =
  | { readonly ok: true; readonly data: Doc }
  | {
      readonly ok: false;
      readonly index: number;
      readonly path: string;
      readonly fault: PatchFault;
    };

const escapeSegment = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const child = (pointer: string, segment: string | number): string => `${pointer}/${escapeSegment(String(segment))}`;

/** Equal as JSON data, with keys in the same order (keys the schema does not know are printed in their order). */
const equal = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => equal(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  const others = Object.keys(right);
  return keys.length === others.length && keys.every((key, index) => others[index] === key && equal(left[key], right[key]));
};

/**
 * Whether applying adds and removes to `before` gives `after`'s key order: the keys both have in the same order,
 * and new keys only after them (an add puts its key last).
 */
const keysInOrder = (before: Record<string, unknown>, after: Record<string, unknown>): boolean => {
  const kept = Object.keys(before).filter((key) => Object.hasOwn(after, key));
  let next = 0;
  let added = false;
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) {
      added = true;
      continue;
    }
    if (added || kept[next] !== key) return false;
    next += 1;
  }
  return true;
};

const diffRecords = (before: Record<string, unknown>, after: Record<string, unknown>, pointer: string, out: PatchOperation[]): void => {
  for (const key of Object.keys(before)) if (!Object.hasOwn(after, key)) out.push({ op: 'remove', path: child(pointer, key) });
  for (const key of Object.keys(after)) {
    if (Object.hasOwn(before, key)) diff(before[key], after[key], child(pointer, key), out);
    else out.push({ op: 'add', path: child(pointer, key), value: after[key] });
  }
};

/** Whether entries first..last of `after` are those of `before` with one entry moved from one end to the other. */
const movedFrom = (
  before: readonly unknown[],
  after: readonly unknown[],
  first: number,
  last: number,
): { from: number; to: number } | undefined => {
  const shifted = (offset: number): boolean => {
    for (let index = first; index < last; index += 1) if (!equal(before[index + offset], after[index + 1 - offset])) return false;
    return true;
  };
  if (equal(before[first], after[last]) && shifted(1)) return { from: first, to: last };
  if (equal(before[last], after[first]) && shifted(0)) return { from: last, to: first };
  return undefined;
};

/**
 * Arrays: entries inserted or removed in one place (an entry added or deleted in the editor) are sent alone; the
 * same length compares entry by entry; anything else replaces the list.
 */
const diffArrays = (before: readonly unknown[], after: readonly unknown[], pointer: string, out: PatchOperation[]): void => {
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && equal(before[head], after[head])) head += 1;
  let tail = 0;
  while (tail < shorter - head && equal(before[before.length - 1 - tail], after[after.length - 1 - tail])) tail += 1;
  const end = before.length - tail;
  if (before.length === after.length) {
    const moved = head < end - 1 ? movedFrom(before, after, head, end - 1) : undefined;
    if (moved !== undefined) {
      // One entry moved (↑ / ↓ in the editor): it goes and comes back elsewhere, the others are not sent.
      out.push({ op: 'remove', path: child(pointer, moved.from) }, { op: 'add', path: child(pointer, moved.to), value: after[moved.to] });
      return;
    }
    let differing = 0;
    for (let index = head; index < end; index += 1) if (!equal(before[index], after[index])) differing += 1;
    // Entries edited in place: each sends its own changes.
    if (differing <= 2) {
      for (let index = head; index < end; index += 1) diff(before[index], after[index], child(pointer, index), out);
      return;
    }
  }
  spliceEntries(before.slice(head, end), after.slice(head, after.length - tail), head, pointer, out);
};

/**
 * Entries removed and inserted in several places (a row deleted here and one added there): the edits of the
 * sequence (src/diff), applied from the last so each index still counts in the version the patch starts from.
 */
const spliceEntries = (
  before: readonly unknown[],
  after: readonly unknown[],
  offset: number,
  pointer: string,
  out: PatchOperation[],
): void => {
  const token = (item: unknown): string => JSON.stringify(item);
  const edits = sequenceEdits(before.map(token), after.map(token));
  let shift = 0;
  const inAfter = edits.map((edit) => {
    const start = edit.from + shift;
    shift += edit.insert.length - (edit.to - edit.from);
    return start;
  });
  for (let e = edits.length - 1; e >= 0; e -= 1) {
    const edit = edits[e]!;
    for (let index = edit.from; index < edit.to; index += 1) out.push({ op: 'remove', path: child(pointer, offset + edit.from) });
    edit.insert.forEach((_, k) =>
      out.push({
        op: 'add',
        path: child(pointer, offset + edit.from + k),
        value: after[inAfter[e]! + k],
      }),
    );
  }
};

/** Scalars compare by value (JSON has no NaN); records whose keys moved are replaced whole, keeping `after`'s order. */
const diff = (before: unknown, after: unknown, pointer: string, out: PatchOperation[]): void => {
  if (before === after) return;
  if (isRecord(before) && isRecord(after) && keysInOrder(before, after)) diffRecords(before, after, pointer, out);
  else if (Array.isArray(before) && Array.isArray(after)) diffArrays(before, after, pointer, out);
  else out.push({ op: 'replace', path: pointer, value: after });
};

/**
 * The operations that turn `before` into `after`. Branches the editor did not touch are the same objects in both
 * (edits copy only the path they change), so this walks only what changed.
 */
export const patchBetween = (before: Doc, after: Doc): PatchOperation[] => {
  const out: PatchOperation[] = [];
  if (keysInOrder(before, after)) {
    diffRecords(before, after, '', out);
    return out;
  }
  // The root cannot be replaced: every key goes and comes back in the new order.
  for (const key of Object.keys(before)) out.push({ op: 'remove', path: child('', key) });
  for (const key of Object.keys(after)) out.push({ op: 'add', path: child('', key), value: after[key] });
  return out;
};

/** Array indexes as RFC 6901 writes them: no sign, no leading zero. */
const INDEX = /^(0|[1-9][0-9]{0,8})$/;

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** One operation on `node` at `segments`, copying only the containers on the path; a fault names what is wrong. */
const applyAt = (node: unknown, segments: readonly string[], operation: PatchOperation): { value: unknown } | PatchFault => {
  const [segment, ...rest] = segments as [string, ...string[]];
  if (segment === '__proto__') return 'segment';
  if (!isContainer(node)) return 'parent';
  if (Array.isArray(node)) {
    const append = segment === '-' && operation.op === 'add' && rest.length === 0;
    if (!append && !INDEX.test(segment)) return 'segment';
    const index = append ? node.length : Number(segment);
    const limit = operation.op === 'add' && rest.length === 0 ? node.length : node.length - 1;
    if (index > limit) return 'index';
    const copy = [...node];
    if (rest.length > 0) {
      const inner = applyAt(node[index], rest, operation);
      if (typeof inner === 'string') return inner;
      copy[index] = inner.value;
    } else if (operation.op === 'remove') copy.splice(index, 1);
    else if (operation.op === 'add') copy.splice(index, 0, operation.value);
    else copy[index] = operation.value;
    return { value: copy };
  }
  const has = Object.hasOwn(node, segment);
  if (rest.length > 0) {
    if (!has) return 'parent';
    const inner = applyAt(node[segment], rest, operation);
    return typeof inner === 'string' ? inner : { value: { ...node, [segment]: inner.value } };
  }
  if (operation.op !== 'add' && !has) return 'missing';
  if (operation.op === 'remove') {
    const { [segment]: _removed, ...others } = node;
    return { value: others };
  }
  return { value: { ...node, [segment]: operation.value } };
};

const isOperation = (operation: unknown): operation is PatchOperation => {
  if (!isRecord(operation) || typeof operation['path'] !== 'string') return false;
  if (operation['op'] === 'remove') return true;
  return (
    (operation['op'] === 'add' || operation['op'] === 'replace') && Object.hasOwn(operation, 'value') && operation['value'] !== undefined
  );
};

/**
 * `data` with the operations applied in order (a new object; `data` and every branch not on a path are shared,
 * never changed). The first operation that cannot apply (a path through nothing, an index out of range, the root,
 * an operation without its value) stops it: nothing of the patch applies then.
 */
export const applyPatch = (data: Doc, operations: readonly unknown[]): PatchOutcome => {
  let current: unknown = data;
  for (const [index, operation] of operations.entries()) {
    const path = isRecord(operation) && typeof operation['path'] === 'string' ? operation['path'] : '';
    if (!isOperation(operation))
      return {
        ok: false,
        index,
        path,
        fault: isRecord(operation) && (operation['op'] === 'add' || operation['op'] === 'replace') ? 'value' : 'op',
      };
    if (!path.startsWith('/'))
      return {
        ok: false,
        index,
        path,
        fault: path === '' ? 'root' : 'segment',
      };
    const applied = applyAt(current, splitPointer(path), operation);
    if (typeof applied === 'string') return { ok: false, index, path, fault: applied };
    current = applied.value;
  }
  return { ok: true, data: current as Doc };
};
