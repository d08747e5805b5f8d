/** `pia snippet list|show|add|insert|outdated|update`: the standard texts (標準文) of a data folder and their use. */
import { formatWareki } from '../domain/wareki.js';
import { AppError, isAppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import type { SnippetFileIssue, SnippetStore } from '../store/index.js';
import { readDataFile } from '../store/index.js';
import {
  addStandardText,
  insertStandardText,
  listStandardTexts,
  readStandardText,
  standardTextUses,
  updateStandardTexts,
  type UpdateOutcome,
} from '../workflows/index.js';
import type { UseView } from '../snippets/index.js';
import { assessmentFiles, snippetStoreFor, workflowAt } from './commands.js';
import { pathIn, type CliIo } from './io.js';
import { REUSE_CLI_MESSAGES_JA as M } from './reuse-messages.ja.js';
import { printRows } from './revisions.js';
import { fitWidths, renderTable } from './table.js';

export type SnippetOptions = {
  readonly data?: string;
  readonly json: boolean;
  readonly at?: string;
  readonly summary?: string;
  readonly snippet?: readonly string[];
};

/** The data folder of the library commands: --data, else PIA_DATA_DIR, else ./assessments (as `npm start`). */
const libraryStore = (io: CliIo, options: SnippetOptions): SnippetStore =>
  snippetStoreFor(io, undefined, options.data ?? io.env['PIA_DATA_DIR'] ?? 'assessments');

const printIssues = (issues: readonly SnippetFileIssue[], io: CliIo): void => {
  if (issues.length === 0) return;
  io.err(fillMessage(M.libraryIssues, { count: issues.length }));
  for (const issue of issues) {
    const at = issue.line !== undefined ? `:${issue.line}:${issue.column ?? 1}` : '';
    io.err(fillMessage(M.libraryIssue, { file: issue.file, at, message: issue.path.length > 0 ? `${issue.path.join(' > ')}: ${issue.message}` : issue.message }));
  }
};

const dateText = (date: string | null | undefined): string => {
  if (!date) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatWareki(date) : date;
};

const listCommand = async (io: CliIo, options: SnippetOptions): Promise<number> => {
  const store = libraryStore(io, options);
  const { snippets, issues } = await listStandardTexts(store);
  if (options.json) io.out(JSON.stringify({ snippets, issues }, null, 2));
  else if (snippets.length === 0) io.out(fillMessage(M.libraryEmpty, { dir: store.dataDir }));
  else {
    const rows = snippets.map((s) => [s.id, `第${s.version}版`, s.title, s.issuer, dateText(s.date), s.replacedBy ? fillMessage(M.replacedBy, { version: s.replacedBy.version }) : M.newest]);
    for (const line of renderTable(['ID', '版', '標準文', '発行元', '日付', '状態'], rows, fitWidths([24, 6, 0, 20, 12, 8], io.columns))) io.out(line);
  }
  printIssues(issues, io);
  return issues.length > 0 ? 1 : 0;
};

/** `<id>` or `<id>@<版>`. */
const parseRef = (ref: string): { id: string; version?: number } => {
  const [id = '', version] = ref.split('@');
  if (version === undefined) return { id };
  const n = Number(version);
  if (!Number.isInteger(n) || n < 1) throw new AppError('INVALID_REQUEST', fillMessage(M.badVersion, { id, value: version }));
  return { id, version: n };
};

const showCommand = async (ref: string | undefined, io: CliIo, options: SnippetOptions): Promise<number> => {
  if (!ref) {
    io.err(M.snippetUsage);
    return 2;
  }
  const { id, version } = parseRef(ref);
  const snippet = await readStandardText(libraryStore(io, options), id, version);
  if (options.json) {
    io.out(JSON.stringify(snippet, null, 2));
    return 0;
  }
  io.out(fillMessage(M.showHeading, { title: snippet.title, id: snippet.id, version: snippet.version }));
  io.out(fillMessage(M.showIssuer, { issuer: snippet.issuer }));
  io.out(snippet.date ? fillMessage(M.showDate, { date: dateText(snippet.date) }) : M.showNoDate);
  if (snippet.replacedBy) io.out(fillMessage(M.showReplacedBy, snippet.replacedBy));
  if (snippet.supersedes) io.out(fillMessage(M.showSupersedes, snippet.supersedes));
  if (snippet.changeSummary) io.out(fillMessage(M.showSummary, { summary: snippet.changeSummary }));
  for (const document of snippet.supersededDocuments ?? []) {
    io.out(fillMessage(M.showSuperseded, { ...document, date: document.date ? `（${dateText(document.date)}）` : '' }));
  }
  if (snippet.note) io.out(fillMessage(M.showNote, { note: snippet.note }));
  io.out('');
  io.out(snippet.body);
  return 0;
};

const addCommand = async (file: string | undefined, io: CliIo, options: SnippetOptions): Promise<number> => {
  if (!file) {
    io.err(M.snippetUsage);
    return 2;
  }
  const store = libraryStore(io, options);
  const added = await addStandardText(store, await readDataFile(pathIn(io, file)));
  io.out(fillMessage(M.added, added));
  printIssues((await store.read()).issues, io);
  return 0;
};

const insertCommand = async (args: readonly string[], io: CliIo, options: SnippetOptions): Promise<number> => {
  const [file, pointer, ref] = args;
  if (!file || !pointer || !ref) {
    io.err(M.insertArgs);
    return 2;
  }
  const at = options.at === undefined ? undefined : Number(options.at);
  if (at !== undefined && !(Number.isInteger(at) && at >= 0)) {
    io.err(fillMessage(M.badOffset, { value: options.at ?? '' }));
    return 2;
  }
  const { id, version } = parseRef(ref);
  const outcome = await insertStandardText(await workflowAt(file, io, options.data), {
    pointer,
    snippet: id,
    ...(version !== undefined ? { version } : {}),
    ...(at !== undefined ? { start: at, end: at } : {}),
  });
  const { snippet, span } = outcome;
  io.out(fillMessage(M.inserted, { file, path: outcome.path.join(' > '), title: snippet.title, version: snippet.version, start: span.start, end: span.end }));
  return 0;
};

const outdatedLine = (use: UseView): string =>
  fillMessage(M.outdatedLine, { path: use.path.join(' > '), title: use.title, from: use.version, to: use.newest!.version, state: M.state[use.state] });

const outdatedCommand = async (target: string | undefined, io: CliIo, options: SnippetOptions): Promise<number> => {
  const reports: { file: string; uses: UseView[] }[] = [];
  for (const file of await assessmentFiles(target ?? options.data ?? 'assessments', io)) {
    const { uses } = await standardTextUses(await workflowAt(file, io, options.data));
    reports.push({ file, uses: uses.filter((use) => use.newest !== undefined) });
  }
  if (options.json) io.out(JSON.stringify(reports, null, 2));
  else
    for (const { file, uses } of reports) {
      io.out(uses.length === 0 ? fillMessage(M.noOutdated, { file }) : fillMessage(M.outdatedHeading, { file, count: uses.length }));
      uses.forEach((use) => io.out(outdatedLine(use)));
    }
  return 0;
};

const changesOf = (segments: UpdateOutcome['conflicts'][number]['edits']): string =>
  segments
    .filter((part) => part.kind !== 'same')
    .map((part) => fillMessage(part.kind === 'added' ? M.added_ : M.removed_, { text: part.text.replaceAll('\n', '↵') }))
    .join('');

/** A span the update left alone: the warning, then the three versions and what each side changed. */
const printConflict = (conflict: UpdateOutcome['conflicts'][number], io: CliIo): void => {
  io.err(fillMessage(M.conflictLine, { message: conflict.message }));
  const block = (label: string, text: string): void => {
    io.err(fillMessage(M.threeWay, { label }));
    for (const line of text.split('\n')) io.err(`    ${line}`);
  };
  if (conflict.inserted !== '') block(fillMessage(M.insertedLabel, { version: conflict.fromVersion }), conflict.inserted);
  if (conflict.state === 'edited') block(M.currentLabel, conflict.current);
  block(fillMessage(M.nextLabel, { version: conflict.to.version }), conflict.next);
  if (conflict.state === 'edited') io.err(fillMessage(M.diffEdits, { changes: changesOf(conflict.edits) }));
  if (conflict.inserted !== '') io.err(fillMessage(M.diffRevision, { changes: changesOf(conflict.revision) }));
};

const updateOne = async (file: string, io: CliIo, options: SnippetOptions): Promise<'conflicts' | 'done' | 'refused'> => {
  const workflow = await workflowAt(file, io, options.data);
  let outcome: UpdateOutcome;
  try {
    outcome = await updateStandardTexts(workflow, { ...(options.snippet ? { snippets: options.snippet } : {}), ...(options.summary !== undefined ? { summary: options.summary } : {}) });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'REVISION_CONFLICT') throw error;
    io.err(fillMessage(M.conflictWrite, { file }));
    return 'refused';
  }
  if (outcome.updated.length === 0 && outcome.conflicts.length === 0) io.out(fillMessage(M.nothingToUpdate, { file }));
  if (outcome.updated.length > 0) {
    io.out(fillMessage(M.updated, { file, count: outcome.updated.length }));
    for (const span of outcome.updated) io.out(fillMessage(M.updatedLine, { path: span.path.join(' > '), snippet: span.snippet, from: span.fromVersion, to: span.to.version }));
    io.out(fillMessage(M.rowsHeading, { summary: outcome.summary }));
    printRows(outcome.form, outcome.rows, io);
  }
  if (outcome.conflicts.length === 0) return 'done';
  io.err(fillMessage(M.conflictHeading, { count: outcome.conflicts.length }));
  outcome.conflicts.forEach((conflict) => printConflict(conflict, io));
  return 'conflicts';
};

/**
 * `pia snippet update <file|dir> [--snippet <id>]… [--summary "<まとめ>"]`: every draft moves to the newest versions
 * of its standard texts; prints the spans replaced, the grouped rows the next commit stores, and for spans edited by
 * hand the warning and the three versions. Exit 1 when any span was left alone or a draft changed meanwhile.
 */
const updateCommand = async (target: string | undefined, io: CliIo, options: SnippetOptions): Promise<number> => {
  let failed = false;
  for (const file of await assessmentFiles(target ?? options.data ?? 'assessments', io)) {
    if ((await updateOne(file, io, options)) !== 'done') failed = true;
  }
  return failed ? 1 : 0;
};

export const snippetCommand = async (sub: string, args: readonly string[], options: SnippetOptions, io: CliIo): Promise<number> => {
  switch (sub) {
    case 'list':
      return listCommand(io, options);
    case 'show':
      return showCommand(args[0], io, options);
    case 'add':
      return addCommand(args[0], io, options);
    case 'insert':
      return insertCommand(args, io, options);
    case 'outdated':
      return outdatedCommand(args[0], io, options);
    case 'update':
      return updateCommand(args[0], io, options);
    default:
      io.err(M.snippetUsage);
      return 2;
  }
};
