/**
 * Which assessments of a data folder changed, as the file system reports it (inotify on Linux): one watcher on the
 * data folder (assessments added or removed) and one on each assessment folder and its revisions folder (a draft
 * saved by anyone, by rename or in place; a revision committed or its status set by `pia`). The list of a
 * portfolio of 10,000 then re-reads only what changed instead of checking every file on every request.
 *
 * A folder that cannot be watched (the system's limit on watches reached, a file system without notifications) is
 * reported in `unwatched`, for the caller to check on every use instead.
 */
import { watch, type FSWatcher } from 'node:fs';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import path from 'node:path';
import { isAssessmentId } from './drafts.js';

export type DraftWatch = {
  /** Start watching these assessments (in slices, so a large portfolio does not hold up requests). */
  readonly add: (ids: readonly string[]) => Promise<void>;
  /** Assessments that could not be watched: check them on every use. */
  readonly unwatched: ReadonlySet<string>;
  /** Whether assessments added to or removed from the data folder are reported (else: list the folder on every use). */
  readonly watchesFolder: boolean;
  readonly close: () => void;
};

const SLICE = 500;

const tryWatch = (dir: string, onEvent: (name: string | null) => void, onGone: () => void): FSWatcher | undefined => {
  try {
    const watcher = watch(dir, { persistent: false }, (_event, name) => onEvent(name === null ? null : String(name)));
    // The folder was removed or became unreadable: the change is reported, the watcher goes.
    watcher.on('error', onGone);
    return watcher;
  } catch {
    return undefined;
  }
};

/** Watch `dataDir`; `onChange(id)` is called for every assessment something happened to (it may be a false alarm). */
export const watchDrafts = (dataDir: string, onChange: (id: string) => void): DraftWatch => {
  const watchers = new Map<string, FSWatcher[]>();
  const unwatched = new Set<string>();
  let closed = false;

  const unwatch = (id: string): void => {
    for (const watcher of watchers.get(id) ?? []) watcher.close();
    watchers.delete(id);
  };

  const watchRevisions = (id: string, own: FSWatcher[]): void => {
    const revisions = tryWatch(path.join(dataDir, id, 'revisions'), () => onChange(id), () => onChange(id));
    if (revisions) own.push(revisions);
  };

  const watchOne = (id: string): void => {
    if (closed || watchers.has(id)) return;
    const own: FSWatcher[] = [];
    const folder = tryWatch(
      path.join(dataDir, id),
      (name) => {
        // The revisions folder was made after the assessment: watch it from now on.
        if (name === 'revisions' && own.length === 1) watchRevisions(id, own);
        onChange(id);
      },
      () => {
        unwatch(id);
        onChange(id);
      },
    );
    if (!folder) {
      unwatched.add(id);
      return;
    }
    unwatched.delete(id);
    own.push(folder);
    watchRevisions(id, own);
    watchers.set(id, own);
  };

  const root = tryWatch(
    dataDir,
    (name) => {
      if (name === null || !isAssessmentId(name)) return;
      // Added, removed or renamed: (re)watch it if it is there now.
      unwatch(name);
      watchOne(name);
      onChange(name);
    },
    () => undefined,
  );

  return {
    add: async (ids) => {
      for (let start = 0; start < ids.length && !closed; start += SLICE) {
        for (const id of ids.slice(start, start + SLICE)) watchOne(id);
        await yieldToRequests();
      }
    },
    unwatched,
    watchesFolder: root !== undefined,
    close: () => {
      closed = true;
      root?.close();
      for (const id of [...watchers.keys()]) unwatch(id);
    },
  };
};
