import { AppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import {
  childNode,
  emptyValueOf,
  formRevisionOf,
  formRoot,
  formatValue,
  isArrayNode,
  isFormId,
  itemPath,
  joinPointer,
  keyword,
  type FormId,
  type FormRevision,
  type ResolvedNode,
} from '../schema/index.js';
import { MIGRATION_MESSAGES_JA as M } from './messages.ja.js';
import { migrate, type MigrationReport } from './migrate.js';

/**
 * A value the new document does not take over: what the source had there, and how it printed it (`shown`: the
 * value as the outline prints it, or the number of entries of a list such as the 変更箇所 rows).
 */
export type ClearedItem = { readonly pointer: string; readonly path: readonly string[]; readonly value: unknown; readonly shown: string };

export type NewFromResult = {
  readonly form: FormId;
  readonly data: Record<string, unknown>;
  /** Values of the source that record its own history (x-clearOnCopy), now blank. */
  readonly cleared: readonly ClearedItem[];
  /** Present when the new document is on another form revision than the source. */
  readonly migration?: MigrationReport;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const shownValue = (node: ResolvedNode, value: unknown, revision: FormRevision | undefined): string => {
  if (Array.isArray(value)) return fillMessage(M.clearedEntries, { count: value.length });
  return formatValue(node, value, { revision, maxTextLength: 40 }) ?? String(value);
};

type Clearing = { readonly form: FormId; readonly revision?: FormRevision; readonly fileCount: number; readonly out: ClearedItem[] };

const clearMarked = (clearing: Clearing, node: ResolvedNode, segments: string[], value: unknown): void => {
  if (isArrayNode(node)) {
    if (Array.isArray(value)) value.forEach((entry, i) => clearMarked(clearing, childNode(node, String(i))!, [...segments, String(i)], entry));
    return;
  }
  if (!isRecord(value)) return;
  for (const key of node.properties.keys()) {
    const child = childNode(node, key)!;
    const path = [...segments, key];
    if (keyword<boolean>(child, 'x-clearOnCopy') !== true) {
      clearMarked(clearing, child, path, value[key]);
      continue;
    }
    if (!(key in value)) continue;
    const blank = emptyValueOf(child);
    if (JSON.stringify(value[key]) === JSON.stringify(blank)) continue;
    const { form, revision, fileCount } = clearing;
    const shown = shownValue(child, value[key], revision);
    clearing.out.push({ pointer: joinPointer(path), path: itemPath(form, path, { revision, fileCount }), value: value[key], shown });
    value[key] = blank;
  }
};

/**
 * A new draft made from an existing assessment (last year's document, a neighbouring 事務's): the content is
 * copied; what records the source's own history is left blank — every item the schema marks `x-clearOnCopy`: the
 * 公表日 and 承認日, the dates and outcomes of the Ⅴ/Ⅵ 評価実施手続 (a new document goes through its own), the
 * acknowledged warnings, and the imported 変更箇所 rows (the appendix belongs to one 評価書 and accumulates over its
 * revisions, rules.md §7.3; a new document starts its own). Revisions and their states are not part of the draft.
 * With `formRevision`, the copy is also moved to that revision of the form. Pure: the source is not changed.
 */
export const newFromAssessment = (source: unknown, options: { formRevision?: FormRevision } = {}): NewFromResult => {
  const form = isRecord(source) ? source['form'] : undefined;
  if (!isFormId(form)) {
    throw new AppError('UNKNOWN_FORM', fillMessage(M.unknownForm, { value: String(form ?? 'なし') }));
  }
  const data = structuredClone(source as Record<string, unknown>);
  const cleared: ClearedItem[] = [];
  const from = formRevisionOf(data);
  const files = data['files'];
  clearMarked({ form, revision: from, fileCount: Array.isArray(files) ? files.length : 1, out: cleared }, formRoot(form), [], data);
  const to = options.formRevision ?? from;
  if (from === undefined || to === undefined) throw new AppError('FORM_REVISION_INVALID', M.noRevision);
  if (to === from) return { form, data, cleared };
  const { data: migrated, report } = migrate(form, from, to, data);
  return { form, data: migrated, cleared, migration: report };
};
