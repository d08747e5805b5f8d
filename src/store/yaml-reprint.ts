import { randomBytes } from 'node:crypto';
import { Document, Pair, YAMLMap, YAMLSeq, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';

/**
 * Printing a draft again after a small edit, in the time of the edit rather than of the document. A save of 001
 * (250 KB of YAML) spent ~20 ms building a fresh YAML document from the data and printing all of it, although an
 * editor's save changes one item. Here the document printed last time is the starting point: every mapping entry
 * and list item whose data did not change is taken over as it is, node and printed text, and only the path down to
 * what changed is built and printed anew. The text is the one a full print gives (tests/store/yaml-reprint.test.ts).
 *
 * Nothing here changes a node of the previous document: reused nodes are shared, changed ones are new.
 */

/** The data each printed document was built from (the schema-ordered copy, which nobody else holds). */
const builtFrom = new WeakMap<Document, unknown>();

/** Entries and items this far down keep their printed text; deeper ones are printed with their parent. */
const MEMO_DEPTH = 5;

type Stringify = (ctx: Record<string, unknown>, onComment?: () => void, onChompKeep?: () => void) => string;
type Printable = { toString: Stringify };

/**
 * Each context key once. A key built per print is a chain of ~20 small strings; kept by every memo (30,000 with 20
 * drafts of 001 open), those chains were a fifth of the server's heap, marked again by every full collection.
 */
const contextKeys = new Map<string, string>();

/** What a node's text depends on besides the node: where it is printed (indentation, flow, key position). */
const contextKey = (ctx: Record<string, unknown>): string => {
  const key = `${String(ctx['indent'])}|${String(ctx['indentAtStart'])}|${String(ctx['inFlow'])}|${String(ctx['implicitKey'])}|${String(ctx['allNullValues'])}|${String(ctx['forceBlockIndent'])}|${String(ctx['type'])}`;
  let kept = contextKeys.get(key);
  if (kept === undefined) {
    kept = key;
    contextKeys.set(key, kept);
  }
  return kept;
};

/**
 * Printing for bytes (printedBytes): an entry printed last time and unchanged is not printed again, and its text is
 * not copied into the new one either (joining and encoding 001's 250 KB took most of a save). The print puts a
 * token in its place, and the bytes are made from the tokens: each entry's bytes are encoded once and copied
 * from then on. A token keeps the first and the last character of the entry's text, and a line break if the text
 * has one, which is all a parent's print looks at.
 */
// The YAML printer escapes control characters in values, but a comment read from a file is printed as it is:
// the random part keeps one from ever reading as a token.
const OPEN = `\u0000${randomBytes(8).toString('hex')}:`;
const CLOSE = '\u0001';

type Memo = {
  readonly id: number;
  readonly key: string;
  readonly text: string;
  /** The entries whose tokens `text` holds. */
  readonly refs: ReadonlyMap<number, Memo> | undefined;
  token?: string;
  bytes?: Buffer;
};

let nextId = 0;
/** While printing for bytes: per print under way (innermost last), the entries whose tokens its text holds. */
let collecting: Map<number, Memo>[] | undefined;

const tokenOf = (memo: Memo): string =>
  (memo.token ??= `${memo.text[0]}${OPEN}${memo.id}${memo.text.includes('\n') ? '\n' : ''}${CLOSE}${memo.text[memo.text.length - 1]}`);

/** Bytes made of pieces, in one unpooled buffer (Buffer.concat of 250 KB took a millisecond here). */
const join = (pieces: readonly Buffer[]): Buffer => {
  const bytes = Buffer.allocUnsafeSlow(pieces.reduce((total, piece) => total + piece.length, 0));
  let at = 0;
  for (const piece of pieces) at += piece.copy(bytes, at);
  return bytes;
};

/** The UTF-8 bytes of a text with tokens, each token replaced by its entry's bytes. */
const expand = (text: string, refs: ReadonlyMap<number, Memo> | undefined): Buffer => {
  const pieces: Buffer[] = [];
  let from = 0;
  for (let open = text.indexOf(OPEN); open !== -1; open = text.indexOf(OPEN, from)) {
    const close = text.indexOf(CLOSE, open);
    const memo = refs?.get(Number.parseInt(text.slice(open + OPEN.length, close), 10));
    if (!memo || close === -1 || open < from + 1) throw new Error('not a token of this print');
    if (open - 1 > from) pieces.push(Buffer.from(text.slice(from, open - 1), 'utf8'));
    pieces.push(bytesOf(memo));
    from = close + 2;
  }
  if (from < text.length) pieces.push(Buffer.from(text.slice(from), 'utf8'));
  return pieces.length === 1 ? pieces[0]! : join(pieces);
};

const bytesOf = (memo: Memo): Buffer => (memo.bytes ??= expand(memo.text, memo.refs));

/** On an entry memoized here: what its last print kept (undefined until then, or when it could not be kept). */
const MEMO = Symbol('memo');
type Memoized = Printable & { [MEMO]?: Memo | undefined };

/**
 * Keep the text a node or entry prints to in a given context. A print that reported a trailing comment or a
 * kept final newline (`|+`) to its parent is not kept: the parent's text depends on that report. Only prints for
 * bytes use what is kept (a kept text may hold tokens); any other print prints the node again.
 */
const memoize = (item: Printable): boolean => {
  if (Object.hasOwn(item, 'toString')) return false;
  (item as Memoized)[MEMO] = undefined;
  item.toString = printMemoized;
  return true;
};

/**
 * The print of every memoized entry: one function reading the entry's memo from the entry, not a closure per entry
 * (with 20 drafts of 001 open, 30,000 closures and their contexts, marked by every full collection).
 */
function printMemoized(this: Memoized, ...args: Parameters<Stringify>): string {
  const print = (Object.getPrototypeOf(this) as Printable).toString;
  const [ctx, onComment, onChompKeep] = args;
  const within = collecting;
  if (!within || !ctx || typeof ctx !== 'object' || !('doc' in ctx)) return print.apply(this, args);
  const key = contextKey(ctx);
  const memo = this[MEMO];
  if (memo?.key === key) {
    if (memo.text === '') return '';
    within[within.length - 1]!.set(memo.id, memo);
    return tokenOf(memo);
  }
  let reported = false;
  const refs = new Map<number, Memo>();
  within.push(refs);
  let text: string;
  try {
    text = print.call(
      this,
      ctx,
      onComment && (() => ((reported = true), onComment())),
      onChompKeep && (() => ((reported = true), onChompKeep())),
    );
  } finally {
    within.pop();
  }
  const outer = within[within.length - 1]!;
  for (const [id, ref] of refs) outer.set(id, ref);
  // Kept flat: a text made of thousands of pieces would be walked piece by piece by every print that joins it.
  if (!reported) text.charCodeAt(0);
  this[MEMO] = reported ? undefined : { id: (nextId += 1), key, text, refs: refs.size > 0 ? refs : undefined };
  return text;
}

/**
 * The UTF-8 bytes `print` gives for `doc`, made from the bytes of the entries printed before where they are
 * reused. Should the tokens not come out as printed (a comment holding the marks), the document is printed whole.
 */
export const printedBytes = (doc: Document, print: (doc: Document) => string): Buffer => {
  const root = new Map<number, Memo>();
  collecting = [root];
  let text: string;
  try {
    text = print(doc);
  } finally {
    collecting = undefined;
  }
  try {
    return expand(text, root);
  } catch {
    return Buffer.from(print(doc), 'utf8');
  }
};

/**
 * Memoize the entries and items of a collection, down to MEMO_DEPTH. An entry memoized already is one a reprint
 * took over, in the same place: everything below it was memoized with it, so the walk does not go down there
 * (on a delta save, only the path that changed is walked, not 001's 3,000 entries).
 */
const memoizeTree = (node: unknown, depth: number): void => {
  if (depth > MEMO_DEPTH || !(isMap(node) || isSeq(node))) return;
  for (const item of node.items) {
    if (memoize(item as Printable)) memoizeTree(isPair(item) ? item.value : item, depth + 1);
  }
};

type Built = { readonly node: unknown; readonly same: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type Fresh = (value: unknown, previous: unknown) => Node;

/**
 * The node for `value`, given the node `previous` printed for `before`: the previous node itself when nothing in
 * it changed (`same`), else a new collection of reused and new children, or a fresh node (`fresh`) where the
 * shape changed. Keys keep their order in `value`; an entry counts as the same only in the same place.
 */
const rebuild = (doc: Document, value: unknown, before: unknown, previous: unknown, fresh: Fresh): Built => {
  // The very data printed last time (data is never changed in place): its node as it is, without looking inside.
  if (value === before && typeof value === 'object' && value !== null && (isMap(previous) || isSeq(previous))) return { node: previous, same: true };
  if (isRecord(value) && isRecord(before) && isMap(previous)) {
    const keys = Object.keys(value);
    const old = previous.items;
    let same = keys.length === old.length && keys.length === Object.keys(before).length;
    const map = new YAMLMap(doc.schema);
    copyNodeComments(previous, map);
    keys.forEach((key, index) => {
      const oldPair = old[index] !== undefined && isScalar(old[index].key) && old[index].key.value === key ? old[index] : old.find((pair) => isScalar(pair.key) && pair.key.value === key);
      const child = key in before ? rebuild(doc, value[key], before[key], oldPair?.value, fresh) : { node: fresh(value[key], undefined), same: false };
      if (child.same && oldPair === old[index]) {
        map.items.push(oldPair!);
        return;
      }
      same = false;
      map.items.push(new Pair(oldPair?.key ?? fresh(key, undefined), child.node));
    });
    return same ? { node: previous, same } : { node: map, same };
  }
  if (Array.isArray(value) && Array.isArray(before) && isSeq(previous) && previous.items.length === before.length) {
    let same = value.length === before.length;
    const seq = new YAMLSeq(doc.schema);
    copyNodeComments(previous, seq);
    value.forEach((item, index) => {
      const child = index < before.length ? rebuild(doc, item, before[index], previous.items[index], fresh) : { node: fresh(item, undefined), same: false };
      if (!child.same) same = false;
      seq.items.push(child.node);
    });
    return same ? { node: previous, same } : { node: seq, same };
  }
  const unchanged = value === before && isScalar(previous) && (value === null || typeof value !== 'object');
  return unchanged ? { node: previous, same: true } : { node: fresh(value, previous), same: false };
};

type Commented = { commentBefore?: string | null; comment?: string | null; spaceBefore?: boolean };

const copyNodeComments = (from: Commented, to: Commented): void => {
  if (from.commentBefore) to.commentBefore = from.commentBefore;
  if (from.comment) to.comment = from.comment;
  if (from.spaceBefore) to.spaceBefore = true;
};

/**
 * The document for `data` (schema-ordered already): from the document printed last time when there is one,
 * else null (the caller builds it whole). `freshNode` builds a node for changed data the way a whole build does
 * (block scalars, comments carried over from the node it replaces).
 */
export const reprintedDocument = (data: unknown, previous: Document | undefined, freshNode: (doc: Document, value: unknown, previous: unknown) => Node): Document | null => {
  if (!previous || !builtFrom.has(previous)) return null;
  const doc = new Document();
  doc.commentBefore = previous.commentBefore;
  doc.comment = previous.comment;
  doc.contents = rebuild(doc, data, builtFrom.get(previous), previous.contents, (value, replaced) => freshNode(doc, value, replaced)).node as Node;
  return doc;
};

/** Whether `doc` was printed here (its next print reprints only what changed), not parsed from a file. */
export const isPrinted = (doc: Document): boolean => builtFrom.has(doc);

/** Record what a printed document was built from, and let its entries keep their text for the next print. */
export const rememberPrinted = (doc: Document, data: unknown): void => {
  builtFrom.set(doc, data);
  memoizeTree(doc.contents, 1);
};
