import { createLibrary, type SnippetLibrary } from '../snippets/index.js';
import type { AssessmentStore, SnippetStore } from '../store/index.js';
import type { Clock } from './clock.js';

/**
 * What a use case works on: one assessment's store, the clock, and the standard-text library of its data folder
 * (absent for a file outside any data folder: the checks then have no library to compare citations with).
 */
export type Workflow = { readonly store: AssessmentStore; readonly clock: Clock; readonly snippets?: SnippetStore };

/** The standard texts of the workflow's data folder; undefined without a library store. */
export const snippetLibraryOf = async ({ snippets }: Pick<Workflow, 'snippets'>): Promise<SnippetLibrary | undefined> =>
  snippets ? createLibrary((await snippets.read()).snippets) : undefined;
