import { isBlankEntry } from '../domain/blank.js';
import type { FirstYearStyle } from '../domain/wareki.js';
import { CHANGE_TABLE_JA } from '../messages.ja.js';
import {
  canonicalChoice,
  childNode,
  existsInRevision,
  firstYearStyleOf,
  formRevisionOf,
  formRoot,
  isArrayNode,
  isImportant,
  joinPointer,
  keyword,
  type FormId,
  type ResolvedNode,
} from '../schema/index.js';
import { citeItem, type CitationContext } from './citation.js';
import { entryName, hasEntryIds, matchEntry, ownLineKeys } from './entries.js';
import { printChange } from './printed.js';

export type ChangeKind = 'changed' | 'added' | 'removed';

/** One changed item between two revisions, cited and printed as the 変更箇所 table needs it. */
export type ChangeCandidate = {
  readonly kind: ChangeKind;
  /** JSON Pointer of the item in the newer revision (in the older one for a removed entry). */
  readonly pointer: string;
  /** 項目: the official item path, one level per line. */
  readonly item: string;
  readonly before: string;
  readonly after: string;
  /** The form's ※ marks make this a 重要な変更 (rules.md §5.1–5.2). */
  readonly important: boolean;
  /** The stored texts (choice values included), for the reviewers' word diff; undefined for boxes, counts, lists. */
  readonly beforeText?: string;
  readonly afterText?: string;
};

type Walk = {
  readonly form: FormId;
  readonly before: CitationContext;
  readonly after: CitationContext;
  /** How the newer version writes an era's first year (令和元年 / 令和1年): its cells print dates that way. */
  readonly firstYear: FirstYearStyle;
  readonly out: ChangeCandidate[];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A node compared as one whole: anything the form prints as one value (choices, boxes, texts, lists without ids). */
const isLeaf = (node: ResolvedNode): boolean =>
  keyword<string>(node, 'x-kind') !== undefined || (node.properties.size === 0 && !hasEntryIds(node));

/** A slot counts as ※ if any item inside it is (rules.md §5.2, last paragraph). */
const containsImportant = (node: ResolvedNode, seen = new Set<ResolvedNode>()): boolean => {
  if (keyword<boolean>(node, 'x-important') === true) return true;
  if (seen.has(node)) return false;
  seen.add(node);
  const children = [...node.properties.keys()].map((key) => childNode(node, key)!);
  if (isArrayNode(node)) children.push(childNode(node, '0')!);
  return children.some((child) => containsImportant(child, seen));
};

const pushLeaf = (walk: Walk, node: ResolvedNode, segments: string[], before: unknown, after: unknown, ownLine = false): void => {
  // An option only renamed by a newer form revision is the same answer.
  if (same(canonicalChoice(node, before, walk.before.revision), canonicalChoice(node, after, walk.after.revision))) return;
  const printed = printChange(node, before, after, { ...(walk.after.revision ? { revision: walk.after.revision } : {}), firstYear: walk.firstYear }, ownLine);
  if (!printed) return;
  const texts = typeof before === 'string' || typeof after === 'string';
  walk.out.push({
    kind: 'changed',
    pointer: joinPointer(segments),
    item: citeItem(walk.form, segments, walk.after),
    ...printed,
    important: isImportant(walk.form, segments),
    ...(texts ? { beforeText: typeof before === 'string' ? before : '', afterText: typeof after === 'string' ? after : '' } : {}),
  });
};

/** One row for a whole slot added or removed: its label row and name stand for its contents. */
const pushEntry = (walk: Walk, kind: 'added' | 'removed', path: string[], heading: string, important: boolean): void => {
  const context = kind === 'added' ? walk.after : walk.before;
  const item = citeItem(walk.form, path, context);
  walk.out.push({
    kind,
    pointer: joinPointer(path),
    item,
    before: kind === 'added' ? CHANGE_TABLE_JA.added : heading,
    after: kind === 'added' ? heading : CHANGE_TABLE_JA.removed,
    important,
  });
};

/**
 * A 特定個人情報ファイル added or removed changes every section printed for it (Ⅱ（2）, Ⅲ（2）): one row
 * each, naming the file as its heading prints it, `（2）予防接種情報ファイル`.
 */
const pushFileEntry = (walk: Walk, kind: 'added' | 'removed', entryNode: ResolvedNode, path: string[], entry: unknown): void => {
  const record = isRecord(entry) ? entry : {};
  for (const key of entryNode.properties.keys()) {
    const section = childNode(entryNode, key)!;
    if (keyword<string>(section, 'x-number') === undefined) continue;
    const heading = `（${Number(path.at(-1)) + 1}）${entryName(section, record[key])}`;
    pushEntry(walk, kind, [...path, key], heading, containsImportant(section) || isImportant(walk.form, [...path, key]));
  }
};

const diffEntries = (walk: Walk, node: ResolvedNode, segments: string[], before: unknown, after: unknown): void => {
  const olds = Array.isArray(before) ? before : [];
  const news = Array.isArray(after) ? after : [];
  const entryNode = childNode(node, '0')!;
  const important = containsImportant(entryNode) || isImportant(walk.form, [...segments, '0']);
  const fileGroup = keyword<boolean>(node, 'x-fileGroup') === true;
  const pushSlot = (kind: 'added' | 'removed', path: string[], entry: unknown): void => {
    if (fileGroup) return pushFileEntry(walk, kind, entryNode, path, entry);
    const label = citeItem(walk.form, path, kind === 'added' ? walk.after : walk.before).split('\n').at(-1) ?? '';
    const name = entryName(entryNode, entry);
    pushEntry(walk, kind, path, name === '' ? label : `${label}\n${name}`, important);
  };
  // A printed-empty slot states nothing: showing or hiding one is no change, filling one in adds the slot.
  const answered = (entry: unknown): boolean => entry !== undefined && !isBlankEntry(entry);
  news.forEach((entry, index) => {
    const path = [...segments, String(index)];
    const match = olds[matchEntry(olds, entry)];
    if (answered(match) && answered(entry)) diffValue(walk, entryNode, path, match, entry);
    else if (answered(entry)) pushSlot('added', path, entry);
  });
  olds.forEach((entry, index) => {
    if (answered(entry) && !answered(news[matchEntry(news, entry)])) pushSlot('removed', [...segments, String(index)], entry);
  });
};

/**
 * Data the 変更箇所 table never cites: what the PDF does not print (`x-printed: false`: form id, entry ids, facts,
 * acknowledgements) and printed metadata that is not content (`x-notAChange`: 公表日, 承認日, the form-revision stamp,
 * the imported rows themselves). The schema marks them; no published table lists them as changes.
 */
const isNeverAChange = (node: ResolvedNode): boolean =>
  keyword<unknown>(node, 'x-printed') === false || keyword<unknown>(node, 'x-notAChange') === true;

/** An item only one of the two form revisions has came or went with the form, not with the document's content. */
const inBothRevisions = (walk: Walk, node: ResolvedNode): boolean =>
  [walk.before.revision, walk.after.revision].every((revision) => revision === undefined || existsInRevision(node, revision));

function diffValue(walk: Walk, node: ResolvedNode, segments: string[], before: unknown, after: unknown): void {
  if (isNeverAChange(node) || same(before, after) || !inBothRevisions(walk, node)) return;
  if (hasEntryIds(node)) return diffEntries(walk, node, segments, before, after);
  if (isLeaf(node)) return pushLeaf(walk, node, segments, before, after);
  const olds = isRecord(before) ? before : {};
  const news = isRecord(after) ? after : {};
  // An item with sub-rows prints its own value (and a count beside it) on its label row: one change, cited at the item.
  const ownLine = ownLineKeys(node);
  if (ownLine.length === 1) {
    pushLeaf(walk, childNode(node, 'value')!, segments, olds['value'], news['value']);
  } else if (ownLine.length > 1) {
    const pick = (record: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(ownLine.map((key) => [key, record[key]]));
    pushLeaf(walk, node, segments, pick(olds), pick(news), true);
  }
  for (const key of node.properties.keys()) {
    if (ownLine.includes(key)) continue;
    diffValue(walk, childNode(node, key)!, [...segments, key], olds[key], news[key]);
  }
}

const fileCount = (data: unknown): number => {
  const files = isRecord(data) ? data['files'] : undefined;
  return Array.isArray(files) ? files.length : 1;
};

/**
 * Where a change stands in the printed document (the schema's x-toc: Ⅱ of every file, 別添, then Ⅲ of
 * every file …): parts outside the table of contents (the cover) first, then by section and file number.
 */
const printedRank = (toc: readonly string[], pointer: string): [number, number] => {
  const [key = '', second = '', third = ''] = pointer.split('/').slice(1);
  const perFile = /^\d+$/.test(second);
  const section = toc.indexOf(perFile ? `/${key}/${third}` : `/${key}`);
  return [section === -1 && toc.includes(`/${key}`) ? toc.indexOf(`/${key}`) : section, perFile ? Number(second) : 0];
};

/**
 * Every changed item between two versions of an assessment, in the printed order, walking the schema:
 * leaves are compared as printed values, repeated groups by entry id (reordering is no change).
 */
export const computeChanges = (form: FormId, before: unknown, after: unknown): ChangeCandidate[] => {
  const context = (data: unknown): CitationContext => {
    const revision = formRevisionOf(data);
    return { ...(revision ? { revision } : {}), fileCount: fileCount(data) };
  };
  const walk: Walk = { form, before: context(before), after: context(after), firstYear: firstYearStyleOf(isRecord(after) ? after : {}), out: [] };
  const root = formRoot(form);
  const olds = isRecord(before) ? before : {};
  const news = isRecord(after) ? after : {};
  for (const key of root.properties.keys()) {
    diffValue(walk, childNode(root, key)!, [key], olds[key], news[key]);
  }
  const toc = keyword<string[]>(root, 'x-toc') ?? [];
  const ranked = walk.out.map((change) => ({ change, rank: printedRank(toc, change.pointer) }));
  // Array.prototype.sort is stable: within a section the schema's (= the form's) order stays.
  ranked.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1]);
  return ranked.map(({ change }) => change);
};
