import type { FormId } from '../schema/index.js';
import type { Snippet, SnippetLibrary, SnippetRef } from './library.js';
import { itemPathIn } from './pointer.js';
import { locateUses, type UseState } from './uses.js';

/** A version of the library with the text that replaces it, if any (the newest, following its replacements). */
export type LibraryEntry = Snippet & { readonly replacedBy?: SnippetRef };

const entryOf = (library: SnippetLibrary, snippet: Snippet): LibraryEntry => {
  const newest = library.newestFor(snippet.id, snippet.version);
  return newest ? { ...snippet, replacedBy: { id: newest.id, version: newest.version } } : snippet;
};

/** Every version of the library, by id then version, with what replaces it (the library list and picker). */
export const libraryEntries = (library: SnippetLibrary): LibraryEntry[] =>
  [...library.snippets].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version).map((snippet) => entryOf(library, snippet));

/** One version as an entry of the list. */
export const libraryEntry = entryOf;

/** A recorded use of a standard text: where it is, what became of it, and the version that replaces it. */
export type UseView = {
  /** The record's index in snippetUses. */
  readonly index: number;
  readonly pointer: string;
  readonly path: readonly string[];
  readonly snippet: string;
  readonly version: number;
  readonly title: string;
  readonly state: UseState;
  readonly newest?: SnippetRef & { readonly title: string };
};

/** Every standard text the document records, as the officer reads it (CLI `pia snippet outdated`, the update page). */
export const describeUses = (form: FormId, data: unknown, library: SnippetLibrary): UseView[] =>
  locateUses(data, library).map(({ index, use, state, inserted }) => {
    const newest = library.newestFor(use.snippet, use.version);
    return {
      index,
      pointer: use.pointer,
      path: itemPathIn(form, data, use.pointer),
      snippet: use.snippet,
      version: use.version,
      title: inserted?.title ?? library.snippets.find((s) => s.id === use.snippet)?.title ?? use.snippet,
      state,
      ...(newest ? { newest: { id: newest.id, version: newest.version, title: newest.title } } : {}),
    };
  });
