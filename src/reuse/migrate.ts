import type { FormRevision as Stamp, MigrationNotes } from '../domain/assessment.gen.js';
import { AppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import {
  childNode,
  emptyValueOf,
  existsInRevision,
  formRevisionOf,
  formRevisions,
  formRoot,
  isArrayNode,
  itemPath,
  joinPointer,
  keyword,
  optionsInRevision,
  splitPointer,
  textItems,
  titleOf,
  type FormId,
  type FormRevision,
  type ResolvedNode,
  type RevisionOption,
} from '../schema/index.js';
import { MIGRATION_MESSAGES_JA as M } from './messages.ja.js';

export type MigrationNote = MigrationNotes[number];

export type Place = { readonly pointer: string; readonly path: readonly string[] };

/** One thing the officer must look at after moving a document to another form revision. */
export type MigrationEntry =
  | (Place & {
      readonly kind: 'label';
      readonly before: string;
      readonly after: string;
      /** Free texts that use the old label's leading word (`word`, e.g. 4情報): they may need the new one. */
      readonly mentions: readonly Place[];
      readonly word: string;
    })
  | (Place & { readonly kind: 'option'; readonly before: string; readonly after: string })
  | (Place & { readonly kind: 'options'; readonly added: readonly string[]; readonly removed: readonly string[] })
  | (Place & { readonly kind: 'added' })
  | (Place & { readonly kind: 'removed'; readonly value: unknown; readonly kept: boolean })
  | (Place & { readonly kind: 'noOption'; readonly value: string })
  | (Place & { readonly kind: 'restored'; readonly value: unknown });

export type MigrationReport = {
  readonly form: FormId;
  readonly from: FormRevision;
  readonly to: FormRevision;
  readonly entries: readonly MigrationEntry[];
  /** Items carried over as they were: same place, same label, same ＜選択肢＞ value. */
  readonly unchanged: number;
};

export type MigrationResult = { readonly data: Record<string, unknown>; readonly report: MigrationReport };

type Walk = {
  readonly form: FormId;
  readonly from: Stamp;
  readonly to: Stamp;
  readonly original: unknown;
  readonly fileCount: number;
  readonly notes: MigrationNote[];
  readonly entries: MigrationEntry[];
  unchanged: number;
};

type Setter = (value: unknown) => void;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const place = (walk: Walk, segments: readonly string[], revision: FormRevision): Place => ({
  pointer: joinPointer(segments),
  path: itemPath(walk.form, segments, { revision, fileCount: walk.fileCount }),
});

/** The word a label starts with (`4情報` of `4情報（氏名、…）`), compared width-insensitively. */
const leadingWord = (label: string): string => label.split('（')[0]!.normalize('NFKC').trim();

/** Free texts of the document that use a label's old leading word (004's その妥当性 says ５情報). */
const mentionsOf = (walk: Walk, word: string, after: string): Place[] => {
  if (word.length < 2 || word === leadingWord(after)) return [];
  return textItems(walk.form, walk.original)
    .filter((item) => item.text.normalize('NFKC').includes(word))
    .map((item) => place(walk, splitPointer(item.pointer), walk.to));
};

const reportLabel = (walk: Walk, node: ResolvedNode, segments: readonly string[]): boolean => {
  const before = titleOf(node, walk.from);
  const after = titleOf(node, walk.to);
  if (before === after || before === undefined || after === undefined) return false;
  const word = leadingWord(before);
  walk.entries.push({ kind: 'label', ...place(walk, segments, walk.to), before, after, word, mentions: mentionsOf(walk, word, after) });
  return true;
};

const sameOption = (a: RevisionOption, b: RevisionOption): boolean =>
  a.current !== undefined || b.current !== undefined ? a.current === b.current : a.text === b.text;

/** The ＜選択肢＞ list itself differs: a new option may fit better than the chosen one. */
const optionChanges = (walk: Walk, segments: readonly string[], olds: RevisionOption[], news: RevisionOption[]): boolean => {
  const added = news.filter((o) => !olds.some((p) => sameOption(o, p))).map((o) => o.text);
  const removed = olds.filter((o) => !news.some((p) => sameOption(o, p))).map((o) => o.text);
  if (added.length === 0 && removed.length === 0) return false;
  walk.entries.push({ kind: 'options', ...place(walk, segments, walk.to), added, removed });
  return true;
};

const noteIndex = (walk: Walk, pointer: string, reason: MigrationNote['reason']): number =>
  walk.notes.findIndex((note) => note.pointer === pointer && note.reason === reason);

/** An unanswered choice whose value an earlier migration noted: back if this revision has its option again. */
const restoreChoice = (walk: Walk, node: ResolvedNode, here: Place, index: number, news: RevisionOption[], set: Setter): boolean => {
  const noted = walk.notes[index]!;
  const source = optionsInRevision(node, noted.from)?.find((option) => option.text === noted.value);
  const target = source && news.find((option) => sameOption(option, source));
  if (!target) return false;
  walk.notes.splice(index, 1);
  set(target.text);
  walk.entries.push({ kind: 'restored', ...here, value: target.text });
  return true;
};

/**
 * A choice value maps to the option standing for the same thing in the target revision; without one it goes to a
 * note and the choice is left unanswered. True when the officer has something to look at.
 */
const migrateChoice = (walk: Walk, node: ResolvedNode, segments: string[], value: unknown, set: Setter): boolean => {
  const olds = optionsInRevision(node, walk.from)!;
  const news = optionsInRevision(node, walk.to)!;
  const listChanged = optionChanges(walk, segments, olds, news);
  const here = place(walk, segments, walk.to);
  const noted = value === null ? noteIndex(walk, here.pointer, 'optionRemoved') : -1;
  if (noted >= 0) return restoreChoice(walk, node, here, noted, news, set) || listChanged;
  // Unanswered, or not an option at all (a draft's mistake the validator reports): nothing to map.
  const source = typeof value === 'string' ? olds.find((option) => option.text === value) : undefined;
  if (typeof value !== 'string' || !source) return listChanged;
  const target = news.find((option) => sameOption(option, source));
  if (!target) {
    walk.notes.push({ from: walk.from, to: walk.to, pointer: here.pointer, item: here.path.join(' > '), value, reason: 'optionRemoved' });
    set(null);
    walk.entries.push({ kind: 'noOption', ...here, value });
    return true;
  }
  if (target.text === value) return listChanged;
  set(target.text);
  walk.entries.push({ kind: 'option', ...here, before: value, after: target.text });
  return true;
};

const differsFromBlank = (node: ResolvedNode, value: unknown): boolean =>
  value !== undefined && JSON.stringify(value) !== JSON.stringify(emptyValueOf(node));

/** An item the target revision does not have: its value leaves the document for a note, so no text is lost. */
const removeItem = (walk: Walk, node: ResolvedNode, segments: string[], holder: Record<string, unknown>, key: string): void => {
  const value = holder[key];
  const here = place(walk, segments, walk.from);
  const kept = differsFromBlank(node, value);
  if (kept) walk.notes.push({ from: walk.from, to: walk.to, pointer: here.pointer, item: here.path.join(' > '), value, reason: 'itemRemoved' });
  delete holder[key];
  walk.entries.push({ kind: 'removed', ...here, value, kept });
};

/** An item new in the target revision: back from a note of an earlier migration, or blank for the officer to fill in. */
const addItem = (walk: Walk, node: ResolvedNode, segments: string[], holder: Record<string, unknown>, key: string): void => {
  const here = place(walk, segments, walk.to);
  const noted = noteIndex(walk, here.pointer, 'itemRemoved');
  if (noted >= 0) {
    const [note] = walk.notes.splice(noted, 1);
    holder[key] = note!.value;
    walk.entries.push({ kind: 'restored', ...here, value: note!.value });
    return;
  }
  if (!(key in holder)) holder[key] = emptyValueOf(node);
  walk.entries.push({ kind: 'added', ...here });
};

function visit(walk: Walk, node: ResolvedNode, segments: string[], value: unknown, set: Setter): void {
  if (keyword<unknown>(node, 'x-printed') === false) return;
  if (isArrayNode(node)) {
    if (!Array.isArray(value)) return;
    value.forEach((entry, index) =>
      visit(walk, childNode(node, String(index))!, [...segments, String(index)], entry, (next) => (value[index] = next)),
    );
    return;
  }
  if (node.properties.size > 0) {
    if (isRecord(value)) visitProperties(walk, node, segments, value);
    return;
  }
  const relabelled = reportLabel(walk, node, segments);
  const remapped = optionsInRevision(node, walk.from) !== undefined && migrateChoice(walk, node, segments, value, set);
  if (!relabelled && !remapped) walk.unchanged += 1;
}

function visitProperties(walk: Walk, node: ResolvedNode, segments: string[], holder: Record<string, unknown>): void {
  for (const key of node.properties.keys()) {
    // The stamp names the revision; migrate sets it.
    if (segments.length === 0 && key === 'formRevision') continue;
    const child = childNode(node, key)!;
    const path = [...segments, key];
    const inFrom = existsInRevision(child, walk.from);
    const inTo = existsInRevision(child, walk.to);
    if (inFrom && !inTo) {
      if (key in holder) removeItem(walk, child, path, holder, key);
    } else if (!inFrom && inTo) {
      addItem(walk, child, path, holder, key);
    } else if (key in holder) {
      // A leaf reports its own label change in visit (one entry per item); a group reports it here.
      if (child.properties.size > 0) reportLabel(walk, child, path);
      visit(walk, child, path, holder[key], (next) => (holder[key] = next));
    }
  }
}

/** A revision the form's schema knows, typed as the stamp; anything else is refused. */
const checkRevision = (form: FormId, revision: FormRevision): Stamp => {
  const known = formRevisions(form);
  if (known.includes(revision)) return revision as Stamp;
  const message = fillMessage(M.unknownRevision, { revision, revisions: known.join(' / ') });
  throw new AppError('FORM_REVISION_INVALID', message, { revision });
};

/**
 * Move an assessment to another revision of its form (e.g. 平成30年５月 → 令和７年５月), item by item as the schema
 * describes the revisions: labels that read differently (`x-titleByRevision`: 4情報 → 5情報), ＜選択肢＞ that differ
 * (`x-optionsByRevision`) and items only some revisions have (`x-revisions`). Nothing is lost: a value without a
 * place in the target is kept in the non-printed `migrationNotes` and comes back if the document moves to a
 * revision that has the place again. Pure: the input is not changed. The stamp is not a form item, so a migration
 * alone makes no 変更箇所 row.
 */
export const migrate = (form: FormId, fromRevision: FormRevision, toRevision: FormRevision, data: unknown): MigrationResult => {
  const from = checkRevision(form, fromRevision);
  const to = checkRevision(form, toRevision);
  const stamped = formRevisionOf(data);
  if (stamped !== undefined && stamped !== fromRevision) {
    throw new AppError('FORM_REVISION_INVALID', fillMessage(M.revisionMismatch, { actual: stamped, expected: fromRevision }), { revision: stamped });
  }
  const copy = structuredClone(isRecord(data) ? data : {});
  const files = copy['files'];
  const notes = Array.isArray(copy['migrationNotes']) ? ([...copy['migrationNotes']] as MigrationNote[]) : [];
  const walk: Walk = { form, from, to, original: data, fileCount: Array.isArray(files) ? files.length : 1, notes, entries: [], unchanged: 0 };
  visitProperties(walk, formRoot(form), [], copy);
  copy['formRevision'] = to;
  if (notes.length > 0) copy['migrationNotes'] = notes;
  else delete copy['migrationNotes'];
  return { data: copy, report: { form, from, to, entries: walk.entries, unchanged: walk.unchanged } };
};
