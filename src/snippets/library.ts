import type { Snippet, SnippetRef } from '../domain/assessment.gen.js';
import { AppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import { SNIPPET_MESSAGES_JA as M } from './messages.ja.js';

export type { Snippet, SnippetRef };

/** A problem of the library as a whole (each file's own shape is the snippet schema's job). */
export type SnippetLibraryIssue = { readonly id: string; readonly version: number; readonly message: string };

/** The standard texts of a data folder, with the version relations resolved. */
export type SnippetLibrary = {
  readonly snippets: readonly Snippet[];
  get(id: string, version: number): Snippet | undefined;
  /** The newest text that replaces this version, following higher versions of its id and supersedes / supersededBy; undefined when it is the newest. */
  newestFor(id: string, version: number): Snippet | undefined;
};

const keyOf = (ref: SnippetRef): string => `${ref.id}@${ref.version}`;

/** The direct replacement of a version: the newest version of its id, else a text that names it as replaced. */
const nextOf = (snippets: readonly Snippet[], ref: SnippetRef, byKey: Map<string, Snippet>): Snippet | undefined => {
  const newest = snippets.filter((s) => s.id === ref.id && s.version > ref.version).sort((a, b) => b.version - a.version)[0];
  if (newest) return newest;
  const explicit = byKey.get(keyOf(ref))?.supersededBy;
  const named = explicit && byKey.get(keyOf(explicit));
  return named ?? snippets.find((s) => s.supersedes !== undefined && keyOf(s.supersedes) === keyOf(ref));
};

/** The chain of replacements from a version, stopping at the newest or where it would loop. */
const chainFrom = (snippets: readonly Snippet[], start: SnippetRef, byKey: Map<string, Snippet>): { chain: Snippet[]; loops: boolean } => {
  const chain: Snippet[] = [];
  const seen = new Set([keyOf(start)]);
  for (let next = nextOf(snippets, start, byKey); next; next = nextOf(snippets, next, byKey)) {
    if (seen.has(keyOf(next))) return { chain, loops: true };
    seen.add(keyOf(next));
    chain.push(next);
  }
  return { chain, loops: false };
};

export const createLibrary = (snippets: readonly Snippet[]): SnippetLibrary => {
  const byKey = new Map(snippets.map((snippet) => [keyOf(snippet), snippet]));
  return {
    snippets,
    get: (id, version) => byKey.get(keyOf({ id, version })),
    newestFor: (id, version) => chainFrom(snippets, { id, version }, byKey).chain.at(-1),
  };
};

/** Duplicate versions, replacement links to texts the library does not have, and replacement loops. */
export const libraryIssues = (snippets: readonly Snippet[]): SnippetLibraryIssue[] => {
  const byKey = new Map<string, Snippet>();
  const issues: SnippetLibraryIssue[] = [];
  for (const snippet of snippets) {
    if (byKey.has(keyOf(snippet))) issues.push({ id: snippet.id, version: snippet.version, message: fillMessage(M.duplicate, { id: snippet.id, version: snippet.version }) });
    byKey.set(keyOf(snippet), snippet);
  }
  for (const snippet of snippets) {
    for (const field of ['supersedes', 'supersededBy'] as const) {
      const ref = snippet[field];
      if (!ref || byKey.has(keyOf(ref))) continue;
      const message = fillMessage(M.unknownRef, { id: snippet.id, version: snippet.version, field: M[field], ref: ref.id, refVersion: ref.version });
      issues.push({ id: snippet.id, version: snippet.version, message });
    }
    const { chain, loops } = chainFrom(snippets, snippet, byKey);
    if (loops) {
      const names = [snippet, ...chain].map((s) => `${s.id} 第${s.version}版`).join(' → ');
      issues.push({ id: snippet.id, version: snippet.version, message: fillMessage(M.cycle, { id: snippet.id, version: snippet.version, chain: names }) });
    }
  }
  return issues;
};

/**
 * The version of a standard text to insert: the one named, or else the newest text for the id (following its
 * replacements); a text the library does not have is refused.
 */
export const snippetFor = (library: SnippetLibrary, id: string, version?: number): Snippet => {
  const highest = library.snippets.filter((s) => s.id === id).sort((a, b) => b.version - a.version)[0];
  const found = version !== undefined ? library.get(id, version) : highest && (library.newestFor(highest.id, highest.version) ?? highest);
  if (found) return found;
  const message = version !== undefined ? fillMessage(M.notFound, { id, version }) : fillMessage(M.idNotFound, { id });
  throw new AppError('SNIPPET_NOT_FOUND', message, { id, ...(version !== undefined ? { version } : {}) });
};
