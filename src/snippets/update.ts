import type { ConfirmedRow } from '../domain/revision.js';
import { computeChanges, proposeRows, textDiff, type TextSegment } from '../diff/index.js';
import { fillMessage } from '../messages.ja.js';
import { isTextItem, type FormId } from '../schema/index.js';
import { applySpanChoices, type SpanChoice, type SpanKept } from './choices.js';
import { hashText } from './hash.js';
import type { Snippet, SnippetLibrary, SnippetRef } from './library.js';
import { SNIPPET_MESSAGES_JA as M } from './messages.ja.js';
import { itemPathIn, setValueAt, valueAt } from './pointer.js';
import { locateUses, type LocatedUse } from './uses.js';

/** A use of a standard text for which the library has a newer version. */
export type OutdatedUse = LocatedUse & { readonly newest: Snippet };

/** Uses of standard texts that have a newer version (only of the given snippet ids, when given). */
export const outdatedUses = (data: unknown, library: SnippetLibrary, ids?: readonly string[]): OutdatedUse[] =>
  locateUses(data, library).flatMap((located) => {
    if (ids && !ids.includes(located.use.snippet)) return [];
    const newest = library.newestFor(located.use.snippet, located.use.version);
    return newest ? [{ ...located, newest }] : [];
  });

/** An assessment as the update functions need it; `id` is the caller's (the store's folder name). */
export type AssessmentToUpdate = { readonly id: string; readonly form: FormId; readonly data: unknown };

/** Every assessment that uses an older version of a standard text, with those uses. */
export const assessmentsToUpdate = (
  library: SnippetLibrary,
  assessments: readonly AssessmentToUpdate[],
  ids?: readonly string[],
): { readonly id: string; readonly uses: readonly OutdatedUse[] }[] =>
  assessments.map((assessment) => ({ id: assessment.id, uses: outdatedUses(assessment.data, library, ids) })).filter((entry) => entry.uses.length > 0);

/**
 * A span not replaced: the text as inserted, the text now and the new version, with the word differences of the
 * hand edit (inserted → current) and of the new version (inserted → next), for the officer to merge by hand.
 */
export type SpanConflict = {
  /** The record's index in snippetUses: what a choice (SpanChoice) names. */
  readonly index: number;
  readonly pointer: string;
  readonly path: readonly string[];
  readonly snippet: string;
  readonly fromVersion: number;
  readonly to: SnippetRef;
  readonly state: 'edited' | 'missing' | 'unknown';
  readonly inserted: string;
  readonly current: string;
  readonly next: string;
  readonly edits: readonly TextSegment[];
  readonly revision: readonly TextSegment[];
  readonly message: string;
};

/** A span replaced by the newer version. */
export type SpanUpdate = { readonly pointer: string; readonly path: readonly string[]; readonly snippet: string; readonly fromVersion: number; readonly to: SnippetRef };

export type SnippetUpdateOptions = {
  /** Only these standard texts (all that have a newer version by default). */
  readonly snippets?: readonly string[];
  /** 変更日 of the rows: the 公表日 of the revision that will carry them. */
  readonly changeDate: string;
  /** The one 変更後 text of every row (default: the new versions' changeSummary). */
  readonly summary?: string;
  /** The officer's decisions on spans a previous run could not replace (hand-edited, missing). */
  readonly choices?: readonly SpanChoice[];
};

export type SnippetUpdateResult = {
  readonly data: Record<string, unknown>;
  readonly summary: string;
  /** The proposed 変更箇所 rows of the replaced spans, all with `summary` as 変更後, for the officer to confirm. */
  readonly rows: readonly ConfirmedRow[];
  readonly updated: readonly SpanUpdate[];
  /** Spans the officer chose to keep as they read (their records now name the new version, or are dropped). */
  readonly kept: readonly SpanKept[];
  readonly conflicts: readonly SpanConflict[];
  /** One Japanese warning per conflict. */
  readonly warnings: readonly string[];
};

/** Every row of a group prints one summary as 変更後, as 004's rows of 令和7年8月19日 do. */
export const summarizeRows = (rows: readonly ConfirmedRow[], summary: string): ConfirmedRow[] => rows.map((row) => ({ ...row, after: summary }));

const defaultSummary = (newest: readonly Snippet[]): string => {
  const summaries = [...new Set(newest.flatMap((snippet) => (snippet.changeSummary ? [snippet.changeSummary] : [])))];
  if (summaries.length > 0) return summaries.join('、');
  return fillMessage(M.summaryDefault, { titles: [...new Set(newest.map((snippet) => snippet.title))].join(M.titleSeparator) });
};

type NotReplaced = OutdatedUse & { readonly state: SpanConflict['state'] };

const conflictOf = (outdated: NotReplaced, path: readonly string[]): SpanConflict => {
  const { use, newest, state } = outdated;
  const inserted = outdated.inserted?.body ?? '';
  const values = { path: path.join(' > '), title: outdated.inserted?.title ?? use.snippet, id: use.snippet, from: use.version, to: newest.version };
  const message = fillMessage(state === 'edited' ? M.edited : state === 'missing' ? M.missing : M.unknownVersion, values);
  return {
    index: outdated.index,
    pointer: use.pointer,
    path,
    snippet: use.snippet,
    fromVersion: use.version,
    to: { id: newest.id, version: newest.version },
    state,
    inserted,
    current: outdated.current,
    next: newest.body,
    edits: textDiff(inserted, outdated.current),
    revision: textDiff(inserted, newest.body),
    message,
  };
};

/** Replace intact spans, last first, so the earlier spans of the same item keep their offsets. */
const replaceSpans = (copy: Record<string, unknown>, intact: readonly OutdatedUse[]): void => {
  const records = [...(copy['snippetUses'] as unknown[])];
  const ordered = [...intact].sort((a, b) => a.use.pointer.localeCompare(b.use.pointer) || b.span!.start - a.span!.start);
  for (const { use, span, newest, index } of ordered) {
    const text = String(valueAt(copy, use.pointer));
    setValueAt(copy, use.pointer, `${text.slice(0, span!.start)}${newest.body}${text.slice(span!.end)}`);
    records[index] = { pointer: use.pointer, snippet: newest.id, version: newest.version, hash: hashText(newest.body) };
  }
  copy['snippetUses'] = records;
};

/**
 * Move an assessment's standard texts to their newest versions. Spans still as inserted are replaced and their
 * records updated; spans edited by hand after insertion are left alone and come back as conflicts with a warning,
 * unless `choices` settle them (take the new version, or keep the text as it reads). The replaced items give the proposed 変更箇所 rows (src/diff), grouped under one summary 変更後 text.
 */
export const updateSnippets = (form: FormId, data: unknown, library: SnippetLibrary, options: SnippetUpdateOptions): SnippetUpdateResult => {
  const { data: chosen, kept } = applySpanChoices(data as Record<string, unknown>, library, options.choices ?? []);
  const outdated = outdatedUses(chosen, library, options.snippets).map((located): OutdatedUse => {
    if (isTextItem(form, located.use.pointer)) return located;
    // A record pointing anywhere but a text item (written by hand, or the item is gone) is never written to.
    const { span: _span, ...rest } = located;
    return { ...rest, state: 'missing', current: '' };
  });
  const pathOf = (pointer: string): string[] => itemPathIn(form, data, pointer);
  const intact = outdated.filter((located) => located.state === 'intact');
  const copy = structuredClone(chosen);
  replaceSpans(copy, intact);
  const conflicts = outdated
    .filter((located): located is NotReplaced => located.state !== 'intact')
    .map((located) => conflictOf(located, pathOf(located.use.pointer)));
  const summary = options.summary ?? defaultSummary(intact.map((located) => located.newest));
  const proposed = intact.length === 0 ? [] : proposeRows(computeChanges(form, data, copy), options.changeDate);
  const updated = intact.map(({ use, newest }) => ({
    pointer: use.pointer,
    path: pathOf(use.pointer),
    snippet: use.snippet,
    fromVersion: use.version,
    to: { id: newest.id, version: newest.version },
  }));
  return { data: copy, summary, rows: summarizeRows(proposed, summary), updated, kept, conflicts, warnings: conflicts.map((conflict) => conflict.message) };
};

/** The same update in several assessments at once (each keeps its own rows and conflicts). */
export const updateSnippetsInAll = (
  library: SnippetLibrary,
  assessments: readonly AssessmentToUpdate[],
  options: SnippetUpdateOptions,
): { readonly id: string; readonly result: SnippetUpdateResult }[] =>
  assessments.map((assessment) => ({ id: assessment.id, result: updateSnippets(assessment.form, assessment.data, library, options) }));
