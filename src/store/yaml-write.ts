import { Document, Scalar, isCollection, isMap, isPair, isScalar, isSeq, visit, type Node } from 'yaml';
import { AppError } from '../errors.js';
import { fillMessage, VALIDATION_MESSAGES_JA } from '../messages.ja.js';
import {
  MAX_NESTING,
  MAX_VALUES,
  childNode,
  formRoot,
  isArrayNode,
  joinPointer,
  ownValueCount,
  tooDeepAt,
  type FormId,
  type ResolvedNode,
} from '../schema/index.js';
import type { ParsedYaml } from './yaml-parse.js';
import { printedBytes, rememberPrinted, reprintedDocument } from './yaml-reprint.js';

export { isPrinted } from './yaml-reprint.js';

/**
 * The ordered copy of each object ordered lately, by the object: data is never changed in place (the store, its
 * caches and the merge share it), so an object ordered before orders the same. A delta save changes a few objects
 * on one path and shares the rest with the version it was made from, so ordering it walks only that path, and the
 * ordered copy shares with the previous one what yaml-reprint.ts can then reuse without looking inside.
 */
const ordered = new WeakMap<object, { readonly node: ResolvedNode | undefined; readonly value: unknown }>();

/**
 * How deep and how large a value is, as the limits count (limits.ts: collections nested, keys and values as YAML
 * writes them), kept per object like `ordered`: a delta save measures only the objects on the path it changed
 * instead of walking 001's 3,100 values on every save. Both figures stop just past their limit, so the walk ends
 * on data nested without end (or referring to itself); such data is never kept, and limits.ts finds where it is.
 */
type Size = { readonly height: number; readonly values: number };
const sizes = new WeakMap<object, Size>();
const TOO_DEEP: Size = { height: MAX_NESTING + 1, values: 0 };

const sizeOf = (value: unknown, depth: number): Size => {
  if (typeof value !== 'object' || value === null) return { height: 0, values: 1 };
  const known = sizes.get(value);
  if (known) return known;
  if (depth >= MAX_NESTING) return TOO_DEEP;
  let values = ownValueCount(value);
  let below = 0;
  for (const child of Object.values(value)) {
    const size = sizeOf(child, depth + 1);
    if (size.height > MAX_NESTING - depth - 1) return TOO_DEEP;
    below = Math.max(below, size.height);
    values = Math.min(values + size.values, MAX_VALUES + 1);
  }
  const size = { height: below + 1, values };
  sizes.set(value, size);
  return size;
};

/**
 * Rebuild data with keys in the schema's (= the official form's) order; unknown keys keep their order after.
 * Runs on every save, so it builds each object once, without intermediate arrays.
 */
export const orderBySchema = (value: unknown, node: ResolvedNode | undefined): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  const known = ordered.get(value);
  if (known && known.node === node) return known.value;
  const result = orderObject(value, node);
  ordered.set(value, { node, value: result });
  return result;
};

const orderObject = (value: object, node: ResolvedNode | undefined): unknown => {
  if (Array.isArray(value)) {
    const items = node && isArrayNode(node) ? node : undefined;
    return value.map((item, index) => orderBySchema(item, items && childNode(items, String(index))));
  }
  const record = value as Record<string, unknown>;
  const entries: [string, unknown][] = [];
  if (node) {
    for (const key of node.properties.keys()) {
      if (key in record) entries.push([key, orderBySchema(record[key], childNode(node, key))]);
    }
  }
  for (const key of Object.keys(record)) {
    if (!node?.properties.has(key)) entries.push([key, orderBySchema(record[key], node && childNode(node, key))]);
  }
  // fromEntries, not assignment: a key `__proto__` stays a key.
  return Object.fromEntries(entries);
};

type Commented = { commentBefore?: string | null; comment?: string | null; spaceBefore?: boolean };

const copyComments = (from: Commented | null | undefined, to: Commented | null | undefined): void => {
  if (!from || !to) return;
  if (from.commentBefore) to.commentBefore = from.commentBefore;
  if (from.comment) to.comment = from.comment;
  if (from.spaceBefore) to.spaceBefore = true;
};

/**
 * Carry comments of the file being replaced over to the new document, item by item (by key in mappings, by
 * position in sequences). The seed assessments note uncertain transcriptions in comments; saving must not drop them.
 */
const carryComments = (from: Node | null | undefined, to: Node | null | undefined): void => {
  if (!from || !to) return;
  copyComments(from, to);
  if (isMap(from) && isMap(to)) {
    for (const pair of to.items) {
      if (!isScalar(pair.key)) continue;
      const key = pair.key.value;
      const old = from.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (!old) continue;
      copyComments(old.key as Commented, pair.key);
      carryComments(old.value as Node, pair.value as Node);
    }
  } else if (isSeq(from) && isSeq(to)) {
    to.items.forEach((item, index) => carryComments(from.items[index] as Node, item as Node));
  }
};

/**
 * Stable, readable YAML: schema key order, literal blocks for multi-line text, no line folding. The previous
 * document's comments are carried over to the node at `commentsAt` (the root unless the data wraps it).
 */
/** Multi-line text as literal blocks (`|-`), so it reads as written. */
const markBlockScalars = (node: Document | Node): void => {
  visit(node, {
    Scalar(_key, scalar: Scalar) {
      if (typeof scalar.value === 'string' && scalar.value.includes('\n')) scalar.type = Scalar.BLOCK_LITERAL;
    },
  });
};

/** A node for changed data inside a reprinted document, made as a whole build makes it. */
const freshNode = (doc: Document, value: unknown, replaced: unknown): Node => {
  const node = doc.createNode(value) as Node;
  markBlockScalars(node);
  carryComments(replaced as Node | undefined, node);
  return node;
};

export const buildYamlDocument = (data: unknown, previous?: Document, commentsAt: readonly string[] = []): Document => {
  const doc = new Document(data);
  markBlockScalars(doc);
  if (previous && commentsAt.length === 0) {
    doc.commentBefore = previous.commentBefore;
    doc.comment = previous.comment;
  }
  const target = commentsAt.length === 0 ? doc.contents : doc.getIn(commentsAt, true);
  if (previous && isCollection(previous.contents)) carryComments(previous.contents, target as Node);
  return doc;
};

// No directives: the documents are built here and never have any (no %YAML line, no ---); looking for tag
// directives would walk the whole document on every save.
const printYaml = (doc: Document): string =>
  doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true, singleQuote: true, directives: false });

export const stringifyYaml = (data: unknown, previous?: Document, commentsAt: readonly string[] = []): string =>
  printYaml(buildYamlDocument(data, previous, commentsAt));

/**
 * An assessment as saved (form order, block scalars, the previous document's comments), with the document printed:
 * it holds the same comments as the file, so it can be the comment source of the next save without parsing the file,
 * and the next save of a document printed here reprints only what changed (yaml-reprint.ts).
 * Data nested deeper or holding more values than any assessment is refused: the YAML writer recurses per level and
 * would overflow the stack, and a file it could not read back (yaml-parse.ts has the same limits) must not be written.
 */
export type PrintedAssessment = { readonly bytes: Buffer; readonly text: string; readonly doc: Document };

export const printAssessment = (form: FormId, data: unknown, previous?: Document): PrintedAssessment => {
  const size = sizeOf(data, 0);
  if (size.height > MAX_NESTING) {
    throw new AppError('DOCUMENT_TOO_DEEP', fillMessage(VALIDATION_MESSAGES_JA.tooDeep, { limit: MAX_NESTING }), {
      pointer: joinPointer(tooDeepAt(data) ?? []),
    });
  }
  if (size.values > MAX_VALUES) {
    throw new AppError('DOCUMENT_TOO_LARGE', fillMessage(VALIDATION_MESSAGES_JA.tooManyValues, { limit: MAX_VALUES }));
  }
  const ordered = orderBySchema(data, formRoot(form));
  const doc = reprintedDocument(ordered, previous, freshNode) ?? buildYamlDocument(ordered, previous);
  rememberPrinted(doc, ordered);
  const bytes = printedBytes(doc, printYaml);
  return {
    bytes,
    doc,
    // Decoding costs as much as encoding: only writers that need the text pay for it.
    get text() {
      return bytes.toString('utf8');
    },
  };
};

/** The YAML text an assessment is saved as: form order, block scalars, and the previous file's comments. */
export const serializeAssessment = (form: FormId, data: unknown, previous?: ParsedYaml): string =>
  printAssessment(form, data, previous?.doc).text;
